import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useNavigation, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import { normalizeEmail, verifyLogin } from "../../core/models/user.server";
import { loginSchema, type LoginForm } from "../../core/schemas/auth";
import { useT } from "~/utils/i18n-react";
import { getLocale, localeCookieHeader } from "~/utils/locale.server";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { createUserSession, getUserId } from "~/utils/session.server";
import {
  clearSignInFailures,
  recordSignInFailure,
  signInWaitMinutes,
} from "~/utils/throttle.server";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "auth.signIn.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  if (await getUserId(s, request)) throw redirect("/dashboard");
  return null;
}

function throttled(submission: Parameters<typeof refuse>[0], minutes: number) {
  return refuse(submission, {
    formError: { key: "auth.signIn.throttled", params: { minutes } },
    status: 429,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const submission = await parseSubmission(request, loginSchema);
  if (submission.status !== "success") return refuse(submission);
  const { email, password, redirectTo } = submission.value;
  const ip = context.clientIp;
  const key = normalizeEmail(email);
  // Too many failures for this account from this address: refused without a look at the password.
  const wait = await signInWaitMinutes(s, key, ip);
  if (wait > 0) return throttled(submission, wait);
  const user = await verifyLogin(s, email, password);
  if (!user) {
    // An address that failed too often is told to wait, whatever the account; a right password
    // from it still signs in (above), so nobody behind it is locked out.
    const addressWait = await recordSignInFailure(s, key, ip);
    if (addressWait > 0) return throttled(submission, addressWait);
    return refuse(submission, { formError: { key: "auth.signIn.invalid" } });
  }
  await clearSignInFailures(s, key, ip);
  const response = await createUserSession(s, request, user.id, redirectTo ?? "/dashboard");
  // Bring back the language chosen on the account, unless this browser already chose one.
  if (!/(?:^|;\s*)maillage_lang=/.test(request.headers.get("Cookie") ?? "")) {
    response.headers.append("Set-Cookie", localeCookieHeader(user.locale));
    // The page holds only its own language's catalog: a new language loads the next page as a
    // document, once, rather than rendering it and then reloading it (useReloadOnLanguageChange).
    if (user.locale !== getLocale(request)) response.headers.set("X-Remix-Reload-Document", "true");
  }
  return response;
}

export default function Login() {
  const { t } = useT();
  const [form, fields] = useAppForm<LoginForm>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <section className="narrow">
      <h1>{t("auth.signIn.title")}</h1>
      <p className="lead">{t("auth.signIn.intro")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
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
          label={t("auth.fields.password")}
          autoComplete="current-password"
          required
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.signIn.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth.signIn.forgot")}</Link>
      </p>
      <p>
        {t("auth.signIn.noAccount")} <Link to="/signup">{t("auth.signUp.title")}</Link>
      </p>
    </section>
  );
}
