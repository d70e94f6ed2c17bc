import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import { RegionMrcPicker } from "~/components/RegionMrcPicker";
import {
  acceptInvitation,
  findInvitation,
  InvitationError,
  signUpWithInvitation,
} from "../../core/models/invitation.server";
import { getProgram } from "../../core/models/program.server";
import { EmailTakenError } from "../../core/models/user.server";
import { PASSWORD_MIN } from "../../core/schemas/auth";
import {
  accountSchema,
  invitationTokenSchema,
  joinSchema,
  signUpAndJoinSchema,
} from "../../core/schemas/invitation";
import { useFormFailure, valueOf } from "~/utils/form-hooks";
import {
  formDataToObject,
  parseForm,
  parseWith,
  type FieldError,
  readFormData,
} from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { notFound } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";
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
  try {
    if (user) {
      let organization;
      if (!fromApplication) {
        const parsed = await parseForm(request, joinSchema);
        if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
        organization = organizationOf(parsed.data);
      }
      const participant = await acceptInvitation(s, token.data, user.id, organization);
      return redirect(`/programs/${participant.programId}/profile`);
    }
    const form = formDataToObject(await readFormData(request));
    let organization;
    let account;
    if (fromApplication) {
      const parsed = parseWith(accountSchema, form);
      if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
      account = parsed.data;
    } else {
      const parsed = parseWith(signUpAndJoinSchema, form);
      if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
      account = parsed.data;
      organization = organizationOf(parsed.data);
    }
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
    if (error instanceof EmailTakenError) {
      return formFailure({ email: { key: "auth.signUp.emailTakenSignIn" } });
    }
    if (error instanceof InvitationError) {
      return formFailure({ form: invitationErrors[error.state] });
    }
    throw error;
  }
}

export default function InvitationPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const failure = useFormFailure();
  const navigation = useNavigation();
  const errors = failure?.fieldErrors;

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
      <FormErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        {data.user ? null : (
          <fieldset>
            <legend>{t("invitations.join.accountLegend")}</legend>
            <Field
              name="name"
              label={t("auth.fields.name")}
              autoComplete="name"
              required
              defaultValue={valueOf(failure, "name")}
              error={errors?.name}
            />
            <Field
              name="email"
              type="email"
              label={t("auth.fields.email")}
              autoComplete="email"
              required
              defaultValue={valueOf(failure, "email", data.invitedEmail)}
              error={errors?.email}
            />
            <Field
              name="password"
              type="password"
              label={t("auth.fields.newPassword")}
              hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN })}
              autoComplete="new-password"
              required
              error={errors?.password}
            />
          </fieldset>
        )}
        {data.fromApplication ? (
          <p className="muted">{t("invitations.join.fromApplication")}</p>
        ) : (
          <fieldset>
            <legend>{t("invitations.join.organizationLegend")}</legend>
            <Field
              name="organization"
              label={t("organization.name")}
              autoComplete="organization"
              required
              defaultValue={valueOf(failure, "organization")}
              error={errors?.organization}
            />
            <Field
              name="sector"
              label={t("organization.sector")}
              hint={t("organization.sectorHint")}
              defaultValue={valueOf(failure, "sector")}
              error={errors?.sector}
            />
            <RegionMrcPicker
              defaultRegion={valueOf(failure, "region")}
              defaultMrc={valueOf(failure, "mrc")}
              errors={errors}
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
