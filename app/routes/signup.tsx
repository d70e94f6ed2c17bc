import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useNavigation, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import { createUser } from "../../core/models/user.server";
import { PASSWORD_MIN, signupSchema, type SignupForm } from "../../core/schemas/auth";
import { replyWithError } from "~/utils/errors.server";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { createUserSession, getUserId } from "~/utils/session.server";
import { rateLimit } from "~/utils/throttle.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "auth.signUp.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  if (await getUserId(s, request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const submission = await parseSubmission(request, signupSchema);
  if (submission.status !== "success") return refuse(submission);
  const { name, email, password, redirectTo } = submission.value;
  // Each account costs a password hash and may confirm that an email is taken: a limit per address.
  const ip = context.clientIp;
  const wait = await rateLimit(s, "signUpAddress", ip);
  if (wait > 0) {
    return refuse(submission, {
      formError: { key: "hostile.signUpTooMany", params: { minutes: wait } },
      status: 429,
    });
  }
  try {
    const user = await createUser(s, { name, email, password, locale: getLocale(request) });
    return createUserSession(s, request, user.id, redirectTo ?? "/dashboard");
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Signup() {
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
