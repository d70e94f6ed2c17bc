import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FormErrorSummary } from "~/components/Field";
import { Pager, PageRange } from "~/components/Pager";
import { TableScroll } from "~/components/TableScroll";
import {
  grantCoordinator,
  listAccountsAudit,
  pageOfAccounts,
  revokeCoordinator,
} from "../../core/models/roles.server";
import { accountSearchSchema, roleChangeSchema } from "../../core/schemas/roles";
import { requestedPage } from "../../core/utils/pagination";
import { replyWithError } from "~/utils/errors.server";
import { useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireAdministrator } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "admin.title");

/** How many changes of the audit trail the page shows (newest first). */
const AUDIT_SHOWN = 30;

/**
 * The administration (ADR 0035): every account, searched and paginated, with its roles; the
 * coordinator role granted or revoked; the latest changes. Administrators only; anyone else 404.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  const user = await requireAdministrator(s, request);
  const url = new URL(request.url);
  const query = accountSearchSchema.parse(url.searchParams.get("q") ?? "");
  const [{ rows, pageInfo }, changes] = await Promise.all([
    pageOfAccounts(s, query, requestedPage(url)),
    listAccountsAudit(s),
  ]);
  return {
    me: user.id,
    query,
    rows,
    pageInfo,
    changes: changes.slice(0, AUDIT_SHOWN).map((c) => ({
      id: c.id,
      at: c.at,
      actorName: c.actorName,
      action: c.action === "coordinator-granted" ? ("granted" as const) : ("revoked" as const),
      name: typeof c.details.name === "string" ? c.details.name : "",
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const user = await requireAdministrator(s, request);
  const submission = await parseSubmission(request, roleChangeSchema);
  if (submission.status !== "success") return refuse(submission);
  const { intent, userId } = submission.value;
  const actor = { id: user.id, name: user.name };
  try {
    const result =
      intent === "grant"
        ? await grantCoordinator(s, actor, userId)
        : await revokeCoordinator(s, actor, userId);
    return { done: intent, name: result.name };
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function AdminUsers() {
  const { me, query, rows, pageInfo, changes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form] = useAppForm();
  const navigation = useNavigation();
  const { t, date } = useT();
  const done = result && "done" in result ? result : undefined;
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.intro")}</p>
      <FormErrorSummary form={form} />
      {done ? (
        <p className="alert alert--success" role="status">
          {t(done.done === "grant" ? "admin.granted" : "admin.revoked", { name: done.name })}
        </p>
      ) : null}

      <Form method="get" className="field-row" role="search" aria-label={t("admin.accounts")}>
        <div className="field">
          <label htmlFor="admin-q">{t("admin.search")}</label>
          <input id="admin-q" name="q" type="search" defaultValue={query} maxLength={100} />
        </div>
        <p>
          <button type="submit" className="button button--secondary">
            {t("admin.searchButton")}
          </button>
        </p>
      </Form>

      <p role="status">
        {t("admin.count", { count: pageInfo.total })}
        <PageRange info={pageInfo} />
      </p>
      {rows.length > 0 ? (
        <TableScroll label={t("admin.accounts")}>
          <table>
            <caption>{t("admin.accounts")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("admin.programs")}</th>
                <th scope="col">{t("admin.change")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const coordinator = row.role === "coordinator" || row.programs.length > 0;
                return (
                  <tr key={row.id}>
                    <th scope="row">{row.name}</th>
                    <td>{row.email}</td>
                    <td>
                      {t(
                        row.role === "coordinator"
                          ? "admin.roles.coordinator"
                          : "admin.roles.participant",
                      )}
                      {row.admin ? <span className="badge">{t("admin.roles.admin")}</span> : null}
                    </td>
                    <td>{row.programs.map((p) => p.title).join(", ") || "—"}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="userId" value={row.id} />
                        <input
                          type="hidden"
                          name="intent"
                          value={coordinator ? "revoke" : "grant"}
                        />
                        <button
                          type="submit"
                          className={coordinator ? "link-button" : "button button--small"}
                          disabled={navigation.state !== "idle"}
                        >
                          {t(coordinator ? "admin.revoke" : "admin.grant")}
                          <span className="visually-hidden">
                            {" "}
                            {row.id === me ? t("admin.yourself") : row.name}
                          </span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t("admin.none")}</p>
      )}
      <Pager info={pageInfo} label={t("admin.accounts")} />

      <section aria-labelledby="admin-changes">
        <h2 id="admin-changes">{t("admin.changes")}</h2>
        {changes.length > 0 ? (
          <ul>
            {changes.map((c) => (
              <li key={c.id}>
                {t(`admin.change_${c.action}`, {
                  at: date(c.at, { dateStyle: "medium", timeStyle: "short" }),
                  actor: c.actorName,
                  name: c.name,
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("admin.noChanges")}</p>
        )}
      </section>
    </>
  );
}
