import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import { RegionMrcPicker } from "~/components/RegionMrcPicker";
import {
  acceptInvitation,
  findInvitation,
  type InvitationError,
  signUpWithInvitation,
} from "../../core/models/invitation.server";
import { getProgram } from "../../core/models/program.server";
import { PASSWORD_MIN } from "../../core/schemas/auth";
import {
  accountSchema,
  invitationTokenSchema,
  joinSchema,
  signUpAndJoinSchema,
} from "../../core/schemas/invitation";
import type { FieldError } from "../../core/schemas/forms";
import { replyWithError } from "~/utils/errors.server";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { notFound } from "~/utils/permissions.server";
import { createUserSession, getOptionalUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "invitations.join.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const token = invitationTokenSchema.safeParse(params.token);
  if (!token.success) throw notFound();
  const { state, invitation } = await findInvitation(s, token.data);
  const user = await getOptionalUser(s, request);
  const program = invitation ? await getProgram(s, invitation.programId) : undefined;
  // An unknown link answers 404 (with its explanation), like any link that leads nowhere.
  return data(
    {
      state,
      programTitle: state === "valid" ? (program?.title ?? "") : "",
      role: state === "valid" ? invitation?.role : undefined,
      invitedEmail: state === "valid" ? (invitation?.email ?? "") : "",
      fromApplication: Boolean(invitation?.applicationId),
      user: user ? { name: user.name, email: user.email } : null,
      path: new URL(request.url).pathname,
    },
    { status: state === "unknown" ? 404 : 200 },
  );
}

const invitationErrors: Record<InvitationError["state"], FieldError> = {
  unknown: { key: "invitations.join.invalid" },
  used: { key: "invitations.join.used" },
  expired: { key: "invitations.join.expired" },
  valid: { key: "errors.unexpected" },
  "already-member": { key: "invitations.join.alreadyMember" },
  "wrong-email": { key: "invitations.join.wrongEmail" },
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const token = invitationTokenSchema.safeParse(params.token);
  if (!token.success) throw notFound();
  const user = await getOptionalUser(s, request);
  const { invitation } = await findInvitation(s, token.data);
  const fromApplication = Boolean(invitation?.applicationId);
  const organizationOf = (d: {
    organization: string;
    region: string;
    mrc: string;
    sector: string;
  }) => ({
    name: d.organization,
    region: d.region,
    mrc: d.mrc,
    sector: d.sector,
  });
  // One form, whose fields depend on who answers: an account unless signed in, an organization
  // unless the invitation comes from an application (which named it).
  if (user && fromApplication) {
    try {
      const participant = await acceptInvitation(s, token.data, user.id);
      return redirect(`/programs/${participant.programId}/profile`);
    } catch (error) {
      return replyWithError(request, null, error);
    }
  }
  const schema = user ? joinSchema : fromApplication ? accountSchema : signUpAndJoinSchema;
  const submission = await parseSubmission(request, schema);
  if (submission.status !== "success") return refuse(submission);
  const form = submission.value;
  const organization = "organization" in form ? organizationOf(form) : undefined;
  try {
    if (user) {
      const participant = await acceptInvitation(s, token.data, user.id, organization);
      return redirect(`/programs/${participant.programId}/profile`);
    }
    const account = form as { name: string; email: string; password: string };
    const { user: created, participant } = await signUpWithInvitation(
      s,
      token.data,
      {
        name: account.name,
        email: account.email,
        password: account.password,
        locale: getLocale(request),
      },
      organization,
    );
    return createUserSession(s, request, created.id, `/programs/${participant.programId}/profile`);
  } catch (error) {
    return replyWithError(request, submission, error, {
      messages: { "email-taken": "auth.signUp.emailTakenSignIn" },
    });
  }
}

export default function InvitationPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const [form, fields] = useAppForm<Record<string, string>>({
    defaultValue: { email: data.invitedEmail },
  });
  const e = (name: string) => fields[name]?.errors?.[0];
  const navigation = useNavigation();

  if (data.state !== "valid") {
    return (
      <section className="narrow">
        <h1>{t("invitations.join.title")}</h1>
        <p className="alert alert--error" role="alert">
          {t(invitationErrors[data.state].key)}
        </p>
        <p>{t("invitations.join.askCoordinator")}</p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>{t("invitations.join.title")}</h1>
      <p className="lead">
        {t("invitations.join.intro", {
          program: data.programTitle,
          role: data.role ? t(`roles.${data.role}`) : "",
        })}
      </p>
      {data.user ? (
        <p>{t("invitations.join.signedInAs", { name: data.user.name, email: data.user.email })}</p>
      ) : (
        <p>
          {t("invitations.join.haveAccount")}{" "}
          <Link to={`/login?redirectTo=${encodeURIComponent(data.path)}`}>{t("nav.signIn")}</Link>
        </p>
      )}
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        {data.user ? null : (
          <fieldset>
            <legend>{t("invitations.join.accountLegend")}</legend>
            <Field
              field={fields.name!}
              label={t("auth.fields.name")}
              autoComplete="name"
              required
            />
            <Field
              field={fields.email!}
              type="email"
              label={t("auth.fields.email")}
              autoComplete="email"
              required
            />
            <Field
              field={fields.password!}
              type="password"
              label={t("auth.fields.newPassword")}
              hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN })}
              autoComplete="new-password"
              required
            />
          </fieldset>
        )}
        {data.fromApplication ? (
          <p className="muted">{t("invitations.join.fromApplication")}</p>
        ) : (
          <fieldset>
            <legend>{t("invitations.join.organizationLegend")}</legend>
            <Field
              field={fields.organization!}
              label={t("organization.name")}
              autoComplete="organization"
              required
            />
            <Field
              field={fields.sector!}
              label={t("organization.sector")}
              hint={t("organization.sectorHint")}
            />
            <RegionMrcPicker
              defaultRegion={fields.region?.defaultValue ?? ""}
              defaultMrc={fields.mrc?.defaultValue ?? ""}
              errors={Object.fromEntries(
                (["region", "mrc"] as const).flatMap((name) => {
                  const error = e(name);
                  return error ? [[name, error]] : [];
                }),
              )}
            />
          </fieldset>
        )}
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("invitations.join.submit")}
        </button>
      </Form>
    </section>
  );
}
