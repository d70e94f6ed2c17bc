import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useNavigation, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import { createUser, EmailTakenError } from "../../core/models/user.server";
import { PASSWORD_MIN, signupSchema } from "../../core/schemas/auth";
import { useFormFailure, valueOf } from "~/utils/form-hooks";
import { parseForm } from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { formFailure } from "~/utils/responses.server";
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
  const parsed = await parseForm(request, signupSchema);
  if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
  const { name, email, password, redirectTo } = parsed.data;
  // Each account costs a password hash and may confirm that an email is taken: a limit per address.
  const ip = context.clientIp;
  const wait = await rateLimit(s, "signUpAddress", ip);
  if (wait > 0) {
    return formFailure(
      { form: { key: "hostile.signUpTooMany", params: { minutes: wait } } },
      { name, email },
      429,
    );
  }
  try {
    const user = await createUser(s, { name, email, password, locale: getLocale(request) });
    return createUserSession(s, request, user.id, redirectTo ?? "/dashboard");
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return formFailure({ email: { key: "auth.signUp.emailTaken" } }, { name, email });
    }
    throw error;
  }
}

export default function Signup() {
  const { t } = useT();
  const failure = useFormFailure();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors = failure?.fieldErrors;
  return (
    <section className="narrow">
      <h1>{t("auth.signUp.title")}</h1>
      <p className="lead">{t("auth.signUp.intro")}</p>
      <FormErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
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
          defaultValue={valueOf(failure, "email")}
          error={errors?.email}
        />
        <Field
          name="password"
          type="password"
          label={t("auth.fields.newPassword")}
          hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN })}
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          error={errors?.password}
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
