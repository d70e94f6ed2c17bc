import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { LinkedText } from "~/components/LinkedText";
import {
  changePassword,
  EMAIL_CHANGE_HOURS,
  noticesOn,
  requestEmailChange,
  updateAccountDetails,
  updateNoticePreferences,
} from "../../core/models/account.server";
import {
  OPTIONAL_NOTICE_CATEGORIES,
  type OptionalNoticeCategory,
} from "../../core/data/notice-kinds";
import { PASSWORD_MIN } from "../../core/schemas/auth";
import {
  accountFormSchema,
  type AccountDetailsForm,
  type AccountEmailForm,
  type AccountNoticesForm,
  type AccountPasswordForm,
} from "../../core/schemas/account";
import { replyWithError } from "~/utils/errors.server";
import { answerExcept } from "~/utils/form-answers";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { localeCookieHeader } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/permissions.server";
import { currentSessionId } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "account.title");

const SAVED = ["details", "email", "password", "address", "notices"] as const;
type Saved = (typeof SAVED)[number];

/**
 * The signed-in person's own account: name, language, address, password and the e-mail notices
 * they receive.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context.services, request);
  const account = await context.services.store.get("users", user.id);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    name: user.name,
    email: user.email,
    locale: user.locale,
    saved: SAVED.find((x) => x === saved),
    hours: EMAIL_CHANGE_HOURS,
    /** The shortest password (from the loader: the schemas stay on the server). */
    min: PASSWORD_MIN,
    /** The optional notice categories kept on (ADR 0039). */
    noticesOn: account ? noticesOn(account) : [...OPTIONAL_NOTICE_CATEGORIES],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const user = await requireUser(s, request);
  const submission = await parseSubmission(request, accountFormSchema);
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    if (input.intent === "details") {
      await updateAccountDetails(s, user.id, input);
      // The pages follow the language chosen here at once.
      return redirect("/account?saved=details", {
        headers: { "Set-Cookie": localeCookieHeader(input.locale) },
      });
    }
    if (input.intent === "notices") {
      await updateNoticePreferences(s, user.id, input.on);
      return redirect("/account?saved=notices#notices");
    }
    if (input.intent === "email") {
      await requestEmailChange(s, {
        userId: user.id,
        email: input.email,
        currentPassword: input.currentPassword,
      });
      return redirect("/account?saved=email");
    }
    await changePassword(s, {
      userId: user.id,
      sessionId: await currentSessionId(s, request),
      currentPassword: input.currentPassword,
      password: input.password,
    });
    return redirect("/account?saved=password");
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

const SAVED_MESSAGES = {
  details: "account.details.saved",
  email: "account.email.sent",
  password: "account.password.saved",
  address: "account.confirmEmail.done",
  notices: "notices.saved",
} as const;

export default function Account() {
  const page = useLoaderData<typeof loader>();
  // A form sent since ("?saved=" is still in the address): its answer replaces the old notice.
  const answered = useActionData() !== undefined;
  const { t } = useT();
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <p className="lead">
        <LinkedText text={t("account.intro")} links={{ privacy: "/privacy" }} />
      </p>
      {page.saved && !answered ? <SavedNotice saved={page.saved} /> : null}
      <DetailsForm name={page.name} locale={page.locale} />
      <EmailForm email={page.email} hours={page.hours} />
      <PasswordForm email={page.email} min={page.min} />
      <NoticesForm on={page.noticesOn} />
    </section>
  );
}

function SavedNotice({ saved }: { saved: Saved }) {
  const { t } = useT();
  return (
    <p className="alert alert--success" role="status">
      {t(SAVED_MESSAGES[saved])}
    </p>
  );
}

function SubmitButton({ intent, label }: { intent: string; label: string }) {
  const navigation = useNavigation();
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      className="button"
      disabled={navigation.state === "submitting"}
    >
      {label}
    </button>
  );
}

function DetailsForm({ name, locale }: { name: string; locale: string }) {
  const { t } = useT();
  // The page's main form: it also shows a refusal no form claims (an action this page does not
  // have, from a page left open across a deploy, say).
  const [form, fields] = useAppForm<AccountDetailsForm>({
    id: "account-details",
    lastResult: answerExcept(useActionData(), ["email", "password", "notices"]),
    defaultValue: { name, locale: locale as AccountDetailsForm["locale"] },
  });
  const localeError = fields.locale.errors?.[0];
  return (
    <section aria-labelledby="account-details-heading" className="stack">
      <h2 id="account-details-heading">{t("account.details.heading")}</h2>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <Field
          field={fields.name}
          label={t("auth.fields.name")}
          idPrefix="details"
          autoComplete="name"
          required
        />
        <div className={localeError ? "field field--invalid" : "field"}>
          <label htmlFor="details-locale">{t("account.details.language")}</label>
          <select
            id="details-locale"
            name="locale"
            defaultValue={locale}
            aria-invalid={localeError ? true : undefined}
            aria-describedby={localeError ? "details-locale-error" : undefined}
          >
            <option value="fr" lang="fr">
              Français
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
          <FieldErrorText id="details-locale" error={localeError} />
        </div>
        <SubmitButton intent="details" label={t("account.details.submit")} />
      </Form>
    </section>
  );
}

function EmailForm({ email, hours }: { email: string; hours: number }) {
  const { t } = useT();
  const [form, fields] = useAppForm<AccountEmailForm>({ id: "account-email", intent: "email" });
  return (
    <section aria-labelledby="account-email-heading" className="stack">
      <h2 id="account-email-heading">{t("account.email.heading")}</h2>
      <p>{t("account.email.current", { email })}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <Field
          field={fields.email}
          type="email"
          label={t("account.email.newAddress")}
          hint={t("account.email.hint", { hours })}
          idPrefix="email"
          autoComplete="email"
          required
        />
        <Field
          field={fields.currentPassword}
          type="password"
          label={t("account.password.current")}
          idPrefix="email"
          autoComplete="current-password"
          required
        />
        <SubmitButton intent="email" label={t("account.email.submit")} />
      </Form>
    </section>
  );
}

function PasswordForm({ email, min }: { email: string; min: number }) {
  const { t } = useT();
  const [form, fields] = useAppForm<AccountPasswordForm>({
    id: "account-password",
    intent: "password",
  });
  return (
    <section aria-labelledby="account-password-heading" className="stack">
      <h2 id="account-password-heading">{t("account.password.heading")}</h2>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <input type="email" name="username" value={email} autoComplete="username" hidden readOnly />
        <Field
          field={fields.currentPassword}
          type="password"
          label={t("account.password.current")}
          idPrefix="password"
          autoComplete="current-password"
          required
        />
        <Field
          field={fields.password}
          type="password"
          label={t("account.password.new")}
          hint={t("account.password.hint", { min })}
          idPrefix="password"
          autoComplete="new-password"
          required
          minLength={min}
        />
        <Field
          field={fields.passwordConfirm}
          type="password"
          label={t("account.password.confirm")}
          idPrefix="password"
          autoComplete="new-password"
          required
        />
        <SubmitButton intent="password" label={t("account.password.submit")} />
      </Form>
    </section>
  );
}

/**
 * "Avis par courriel" (ADR 0039): a box per optional category, and the essential e-mails shown
 * checked and disabled with why they are kept. Every e-mail links here (#notices).
 */
function NoticesForm({ on }: { on: OptionalNoticeCategory[] }) {
  const { t } = useT();
  const [form, fields] = useAppForm<AccountNoticesForm>({
    id: "account-notices",
    intent: "notices",
  });
  const error = fields.on.errors?.[0];
  return (
    <section id="notices" aria-labelledby="account-notices-heading" className="stack">
      <h2 id="account-notices-heading">{t("notices.heading")}</h2>
      <p>{t("notices.intro")}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <fieldset>
          <legend className="visually-hidden">{t("notices.heading")}</legend>
          {OPTIONAL_NOTICE_CATEGORIES.map((category) => (
            <div className="checkbox" key={category}>
              <input
                type="checkbox"
                id={`notices-${category}`}
                name="on"
                value={category}
                defaultChecked={on.includes(category)}
                aria-describedby={`notices-${category}-hint`}
              />
              <div>
                <label htmlFor={`notices-${category}`}>
                  {t(`notices.categories.${category}.label`)}
                </label>
                <p className="field-hint" id={`notices-${category}-hint`}>
                  {t(`notices.categories.${category}.hint`)}
                </p>
              </div>
            </div>
          ))}
          <div className="checkbox">
            <input
              type="checkbox"
              id="notices-essential"
              checked
              disabled
              readOnly
              aria-describedby="notices-essential-hint"
            />
            <div>
              <label htmlFor="notices-essential">{t("notices.categories.essential.label")}</label>
              <p className="field-hint" id="notices-essential-hint">
                {t("notices.categories.essential.hint")}
              </p>
            </div>
          </div>
          <FieldErrorText id="notices-on" error={error} />
        </fieldset>
        <SubmitButton intent="notices" label={t("notices.submit")} />
      </Form>
    </section>
  );
}
