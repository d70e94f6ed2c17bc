import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import {
  PASSWORD_RESET_HOURS,
  readPasswordResetLink,
  requestPasswordReset,
  resetPassword,
  type AccountLinkState,
} from "../../core/models/account.server";
import { PASSWORD_MIN } from "../../core/schemas/auth";
import {
  accountTokenSchema,
  forgotPasswordSchema,
  resetPasswordSchema,
  type ForgotPasswordForm,
  type ResetPasswordForm,
} from "../../core/schemas/account";
import type { Services } from "../../core/services";
import { replyWithError } from "~/utils/errors.server";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { notFound } from "~/utils/permissions.server";
import { createUserSession, getUserId } from "~/utils/session.server";
import { rateLimit } from "~/utils/throttle.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "auth.forgot.title");

/**
 * "Mot de passe oublié ?": the request form, "check your e-mail" after it, or (`?token=`, the
 * e-mailed link) the form that sets the new password. The link works whoever is signed in here:
 * it signs its own person in.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  const query = new URL(request.url).searchParams;
  const token = query.get("token");
  if (token !== null) {
    const parsed = accountTokenSchema.safeParse(token);
    const link = parsed.success
      ? await readPasswordResetLink(s, parsed.data)
      : { state: "invalid" as const, user: undefined };
    return data(
      {
        view: "reset" as const,
        state: link.state,
        email: link.user?.email ?? "",
        hours: PASSWORD_RESET_HOURS,
        min: PASSWORD_MIN,
      },
      // A link that leads nowhere answers 404 (with its explanation), like a sign-up link.
      { status: link.state === "invalid" ? 404 : 200 },
    );
  }
  if (await getUserId(s, request)) throw redirect("/account");
  const view = query.has("sent") ? ("sent" as const) : ("form" as const);
  return data({
    view,
    state: undefined,
    email: "",
    hours: PASSWORD_RESET_HOURS,
    min: PASSWORD_MIN,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const token = new URL(request.url).searchParams.get("token");
  if (token !== null) return resetAction(request, s, token);
  if (await getUserId(s, request)) throw redirect("/account");
  const submission = await parseSubmission(request, forgotPasswordSchema);
  if (submission.status !== "success") return refuse(submission);
  // Each request may send an e-mail: a limit per client address, whatever the address asked.
  const wait = await rateLimit(s, "passwordResetAddress", context.clientIp);
  if (wait > 0) {
    return refuse(submission, {
      formError: { key: "auth.forgot.tooMany", params: { minutes: wait } },
      status: 429,
    });
  }
  // The same answer whether the address has an account or not (ADR 0036).
  await requestPasswordReset(s, { email: submission.value.email, locale: getLocale(request) });
  return redirect("/forgot-password?sent");
}

/** Following a reset link: the new password, every session of the person ended, this one new. */
async function resetAction(request: Request, s: Services, token: string) {
  const submission = await parseSubmission(request, resetPasswordSchema);
  if (submission.status !== "success") return refuse(submission);
  const parsed = accountTokenSchema.safeParse(token);
  if (!parsed.success) throw notFound();
  try {
    const user = await resetPassword(s, parsed.data, submission.value.password);
    return createUserSession(s, request, user.id, "/dashboard");
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function ForgotPassword() {
  const page = useLoaderData<typeof loader>();
  if (page.view === "sent") return <ResetSent hours={page.hours} />;
  if (page.view === "reset")
    return <ResetForm state={page.state} email={page.email} min={page.min} />;
  return <RequestForm />;
}

function RequestForm() {
  const { t } = useT();
  const [form, fields] = useAppForm<ForgotPasswordForm>();
  const navigation = useNavigation();
  return (
    <section className="narrow">
      <h1>{t("auth.forgot.title")}</h1>
      <p className="lead">{t("auth.forgot.intro")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <Field
          field={fields.email}
          type="email"
          label={t("auth.fields.email")}
          autoComplete="email"
          required
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.forgot.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("auth.forgot.back")}</Link>
      </p>
    </section>
  );
}

function ResetSent({ hours }: { hours: number }) {
  const { t } = useT();
  return (
    <section className="narrow">
      <h1>{t("auth.forgot.sentTitle")}</h1>
      <p className="lead" role="status">
        {t("auth.forgot.sent", { hours })}
      </p>
      <p>
        <Link to="/login">{t("auth.forgot.back")}</Link>
      </p>
    </section>
  );
}

function ResetForm({
  state,
  email,
  min,
}: {
  state?: AccountLinkState;
  email: string;
  /** The shortest password (given by the loader: the schemas stay on the server). */
  min: number;
}) {
  const { t } = useT();
  const [form, fields] = useAppForm<ResetPasswordForm>();
  const navigation = useNavigation();
  if (state !== "valid") {
    return (
      <section className="narrow">
        <h1>{t("auth.reset.title")}</h1>
        <p className="alert alert--error" role="alert">
          {t(`account.links.reset.${state ?? "invalid"}`)}
        </p>
        <p>
          <Link to="/forgot-password">{t("auth.reset.again")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("auth.reset.title")}</h1>
      <p className="lead">{t("auth.reset.intro", { email })}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <input type="email" name="username" value={email} autoComplete="username" hidden readOnly />
        <Field
          field={fields.password}
          type="password"
          label={t("account.password.new")}
          hint={t("auth.fields.passwordHint", { min })}
          autoComplete="new-password"
          required
          minLength={min}
        />
        <Field
          field={fields.passwordConfirm}
          type="password"
          label={t("auth.reset.confirm")}
          autoComplete="new-password"
          required
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.reset.submit")}
        </button>
      </Form>
    </section>
  );
}
