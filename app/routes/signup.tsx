import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { EmailedLinkConfirm, EmailedLinkRefused } from "~/components/EmailedLink";
import { Field, FieldErrorText, FormErrorSummary, type AppField } from "~/components/Field";
import { LinkedText } from "~/components/LinkedText";
import {
  confirmSignUp,
  readSignUpLink,
  requestSignUp,
  SIGN_UP_LINK_HOURS,
  type SignUpLinkState,
} from "../../core/models/signup.server";
import {
  PASSWORD_MIN,
  signUpConfirmSchema,
  signupSchema,
  signUpTokenSchema,
  type SignupForm,
} from "../../core/schemas/auth";
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

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "auth.signUp.title");

/** The page shows the form, "check your e-mail" after it, or a sign-up link's confirmation. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  if (await getUserId(s, request)) throw redirect("/dashboard");
  const query = new URL(request.url).searchParams;
  const confirm = query.get("confirm");
  if (confirm !== null) {
    const token = signUpTokenSchema.safeParse(confirm);
    const link = token.success
      ? await readSignUpLink(s, token.data)
      : { state: "invalid" as const };
    return data(
      {
        view: "confirm" as const,
        state: link.state,
        name: link.pending?.name ?? "",
        email: link.pending?.email ?? "",
        hours: SIGN_UP_LINK_HOURS,
      },
      // A link that leads nowhere answers 404 (with its explanation), like an unknown invitation.
      { status: link.state === "invalid" ? 404 : 200 },
    );
  }
  const view = query.has("sent") ? ("sent" as const) : ("form" as const);
  return data({ view, state: undefined, name: "", email: "", hours: SIGN_UP_LINK_HOURS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const confirm = new URL(request.url).searchParams.get("confirm");
  if (confirm !== null) return confirmAction(request, s, confirm);
  const submission = await parseSubmission(request, signupSchema);
  if (submission.status !== "success") return refuse(submission);
  const { name, email, password, redirectTo } = submission.value;
  // Each attempt costs a password hash and an e-mail: a limit per address.
  const ip = context.clientIp;
  const wait = await rateLimit(s, "signUpAddress", ip);
  if (wait > 0) {
    return refuse(submission, {
      formError: { key: "hostile.signUpTooMany", params: { minutes: wait } },
      status: 429,
    });
  }
  // The same answer whether the address has an account or not: only its owner learns which, by
  // e-mail (ADR 0029).
  await requestSignUp(s, { name, email, password, redirectTo, locale: getLocale(request) });
  return redirect("/signup?sent");
}

/** Following a sign-up link: the account is created and its person signed in. */
async function confirmAction(request: Request, s: Services, confirm: string) {
  const submission = await parseSubmission(request, signUpConfirmSchema);
  if (submission.status !== "success") return refuse(submission);
  const token = signUpTokenSchema.safeParse(confirm);
  if (!token.success) throw notFound();
  try {
    const { user, redirectTo } = await confirmSignUp(s, token.data);
    return createUserSession(s, request, user.id, redirectTo ?? "/dashboard");
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Signup() {
  const page = useLoaderData<typeof loader>();
  if (page.view === "sent") return <SignUpSent hours={page.hours} />;
  if (page.view === "confirm") return <SignUpConfirm {...page} />;
  return <SignUpForm />;
}

function SignUpSent({ hours }: { hours: number }) {
  const { t } = useT();
  return (
    <section className="narrow">
      <h1>{t("auth.signUp.sent.title")}</h1>
      <p className="lead" role="status">
        {t("auth.signUp.sent.text", { hours })}
      </p>
      <p>
        {t("auth.signUp.haveAccount")} <Link to="/login">{t("auth.signIn.title")}</Link>
      </p>
    </section>
  );
}

function SignUpConfirm(page: { state?: SignUpLinkState; name: string; email: string }) {
  const { t } = useT();
  if (page.state !== "valid")
    return (
      <EmailedLinkRefused
        title={t("auth.signUp.confirm.title")}
        message={t(`auth.signUp.link.${page.state ?? "invalid"}`)}
        next={
          page.state === "used"
            ? { to: "/login", label: t("auth.signIn.title") }
            : { to: "/signup", label: t("auth.signUp.title") }
        }
      />
    );
  return (
    <EmailedLinkConfirm
      title={t("auth.signUp.confirm.title")}
      intro={t("auth.signUp.confirm.intro", { name: page.name, email: page.email })}
      submit={t("auth.signUp.confirm.submit")}
    />
  );
}

function SignUpForm() {
  const { t } = useT();
  const [form, fields] = useAppForm<SignupForm>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <section className="narrow">
      <h1>{t("auth.signUp.title")}</h1>
      <p className="lead">{t("auth.signUp.intro")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
        <Field field={fields.name} label={t("auth.fields.name")} autoComplete="name" required />
        <Field
          field={fields.email}
          type="email"
          label={t("auth.fields.email")}
          autoComplete="email"
          required
        />
        <Field
          field={fields.password}
          type="password"
          label={t("auth.fields.newPassword")}
          hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN })}
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
        />
        <ConsentBox field={fields.consent} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.signUp.submit")}
        </button>
      </Form>
      <p>
        {t("auth.signUp.haveAccount")} <Link to="/login">{t("auth.signIn.title")}</Link>
      </p>
    </section>
  );
}

/** The privacy page accepted (required): its link opens beside the form, which stays filled in. */
function ConsentBox({ field }: { field: AppField }) {
  const { t } = useT();
  const error = field.errors?.[0];
  return (
    <div className={error ? "checkbox field--invalid" : "checkbox"}>
      <input
        type="checkbox"
        id="field-consent"
        name="consent"
        required
        defaultChecked={field.initialValue === "on"}
        aria-describedby={error ? "field-consent-error" : undefined}
        aria-invalid={error ? true : undefined}
      />
      <label htmlFor="field-consent">
        <LinkedText text={t("auth.signUp.consent")} links={{ privacy: "/privacy" }} newTab /> *
      </label>
      <FieldErrorText id="field-consent" error={error} />
    </div>
  );
}
