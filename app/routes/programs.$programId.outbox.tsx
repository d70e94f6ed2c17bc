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
  return listProgramOutbox(s, program.id);
}

const statusClass = {
  queued: "badge",
  sent: "badge",
  kept: "badge",
  failed: "badge badge--warning",
} as const;

export default function Outbox() {
  const { messages, sending } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const when = (iso: string) => date(iso, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p className="lead">{t(sending ? "outbox.introSending" : "outbox.intro")}</p>
      {messages.length === 0 ? <p className="empty-state">{t("outbox.none")}</p> : null}
      <ul className="mail-list">
        {messages.map((m) => (
          <li key={m.id} className="card">
            <details>
              <summary>
                <strong>{m.subject}</strong>
                <br />
                <span className="muted">
                  {t("outbox.to", { to: m.to })} · {when(m.createdAt)}
                </span>{" "}
                <span className={statusClass[m.status]}>{t(`outbox.statuses.${m.status}`)}</span>
              </summary>
              {m.status === "sent" && m.sentAt ? (
                <p className="muted">{t("outbox.sentAt", { when: when(m.sentAt) })}</p>
              ) : null}
              {m.status === "queued" && m.nextAttemptAt ? (
                <p className="muted">
                  {t("outbox.retryAt", { when: when(m.nextAttemptAt), attempts: m.attempts })}
                </p>
              ) : null}
              {m.lastError && m.status !== "sent" ? (
                <p className="muted">{t("outbox.lastError", { error: m.lastError })}</p>
              ) : null}
              {m.attachments.length > 0 ? (
                <p className="muted">
                  {t("outbox.attachments", { files: m.attachments.join(", ") })}
                </p>
              ) : null}
              <pre className="mail-body">{m.text}</pre>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}
