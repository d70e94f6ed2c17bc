import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listProgramOutbox } from "../../core/models/outbox.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.outbox");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  return { messages: await listProgramOutbox(s, program.id) };
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p className="lead">{t("outbox.intro")}</p>
      {messages.length === 0 ? <p className="empty-state">{t("outbox.none")}</p> : null}
      <ul className="mail-list">
        {messages.map((m) => (
          <li key={m.id} className="card">
            <details>
              <summary>
                <strong>{m.subject}</strong>
                <br />
                <span className="muted">
                  {t("outbox.to", { to: m.to })} ·{" "}
                  {date(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </span>
                {m.error ? (
                  <span className="badge badge--warning">{t("outbox.failed")}</span>
                ) : null}
              </summary>
              <pre className="mail-body">{m.text}</pre>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}
