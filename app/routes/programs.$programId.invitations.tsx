import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import { createInvitation, listInvitations } from "../../core/models/invitation.server";
import { inviteSchema, type InviteForm } from "../../core/schemas/program";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf } from "~/utils/permissions.server";
import { TableScroll } from "~/components/TableScroll";
import { ROLES } from "../../matching/roles";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "invitations.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const now = new Date().toISOString();
  const invitations = await listInvitations(s, program.id);
  return {
    invitations: invitations.map((i) => ({
      id: i.id,
      role: i.role,
      email: i.email ?? "",
      createdAt: i.createdAt,
      fromApplication: Boolean(i.applicationId),
      state: (i.usedAt ? "used" : i.expiresAt <= now ? "expired" : "pending") as
        "used" | "expired" | "pending",
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, user } = await requireCoordinatorOf(s, request, params.programId);
  const submission = await parseSubmission(request, inviteSchema);
  if (submission.status !== "success") return refuse(submission);
  const { token } = await createInvitation(s, {
    programId: program.id,
    role: submission.value.role,
    email: submission.value.email || undefined,
    createdBy: user.id,
  });
  return { invitationLink: `${s.site.url()}/invitation/${token}` };
}

export default function Invitations() {
  const { invitations } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const [form, fields] = useAppForm<InviteForm>();
  const result = useActionData<typeof action>();
  const link = result && "invitationLink" in result ? result.invitationLink : undefined;
  const navigation = useNavigation();
  return (
    <section aria-labelledby="invite">
      <h1 id="invite">{t("invitations.title")}</h1>
      <p className="lead">{t("invitations.intro")}</p>
      <div className="panel">
        <FormErrorSummary form={form} />
        <Form method="post" {...formProps(form)} className="stack">
          <input type="hidden" name="intent" value="invite" />
          <Choice
            field={fields.role}
            label={t("invitations.role")}
            value="mentee"
            options={ROLES.map((r) => ({
              value: r,
              label: t(`roles.${r}`),
            }))}
          />
          <Field
            field={fields.email}
            type="email"
            label={t("invitations.email")}
            hint={t("invitations.emailHint")}
          />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("invitations.create")}
          </button>
        </Form>
        {link ? (
          <div className="alert alert--success" role="status">
            <p>{t("invitations.created")}</p>
            <label htmlFor="invitation-link">{t("invitations.link")}</label>
            <input id="invitation-link" readOnly value={link} onFocus={(e) => e.target.select()} />
          </div>
        ) : null}
      </div>
      {invitations.length > 0 ? (
        <TableScroll label={t("invitations.listTitle")}>
          <table>
            <caption>{t("invitations.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invitations.createdAt")}</th>
                <th scope="col">{t("invitations.role")}</th>
                <th scope="col">{t("invitations.email")}</th>
                <th scope="col">{t("invitations.state")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{date(i.createdAt, { dateStyle: "medium" })}</td>
                  <td>{t(`roles.${i.role}`)}</td>
                  <td>
                    {i.email || "—"}
                    {i.fromApplication ? (
                      <span className="badge">{t("invitations.fromApplication")}</span>
                    ) : null}
                  </td>
                  <td>{t(`invitations.states.${i.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
