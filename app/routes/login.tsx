import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useNavigation, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import { verifyLogin } from "../../core/models/user.server";
import { loginSchema } from "../../core/schemas/auth";
import { parseForm } from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { localeCookieHeader } from "~/utils/locale.server";
import { useFormFailure, valueOf } from "~/utils/form-hooks";
import { formFailure } from "~/utils/responses.server";
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

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const parsed = await parseForm(request, loginSchema);
  if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
  const { email, password, redirectTo } = parsed.data;
  const ip = context.clientIp;
  const key = email.toLowerCase();
  const wait = await signInWaitMinutes(s, key, ip);
  if (wait > 0) {
    return formFailure(
      { form: { key: "auth.signIn.throttled", params: { minutes: wait } } },
      { email },
      429,
    );
  }
  const user = await verifyLogin(s, email, password);
  if (!user) {
    await recordSignInFailure(s, key, ip);
    return formFailure({ form: { key: "auth.signIn.invalid" } }, { email });
  }
  await clearSignInFailures(s, key);
  const response = await createUserSession(s, request, user.id, redirectTo ?? "/dashboard");
  // Bring back the language chosen on the account, unless this browser already chose one.
  if (!/(?:^|;\s*)maillage_lang=/.test(request.headers.get("Cookie") ?? "")) {
    response.headers.append("Set-Cookie", localeCookieHeader(user.locale));
  }
  return response;
}

export default function Login() {
  const { t } = useT();
  const failure = useFormFailure();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors = failure?.fieldErrors;
  return (
    <section className="narrow">
      <h1>{t("auth.signIn.title")}</h1>
      <p className="lead">{t("auth.signIn.intro")}</p>
      <FormErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
        <Field
          name="email"
          type="email"
          label={t("auth.fields.email")}
          autoComplete="email"
          required
          defaultValue={valueOf(failure, "email")}
          error={errors?.email}
        />
        <Field
          name="password"
          type="password"
          label={t("auth.fields.password")}
          autoComplete="current-password"
          required
          error={errors?.password}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.signIn.submit")}
        </button>
      </Form>
      <p>
        {t("auth.signIn.noAccount")} <Link to="/signup">{t("auth.signUp.title")}</Link>
      </p>
    </section>
  );
}
