import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { deleteOwnAccount } from "../../core/models/personal-data.server";
import { accountDeleteSchema, type AccountDeleteForm } from "../../core/schemas/personal-data";
import { replyWithError } from "~/utils/errors.server";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/permissions.server";
import { getSession, getUserId, sessionStorage } from "~/utils/session.server";
import {
  clearSignInFailures,
  recordSignInFailure,
  signInWaitMinutes,
} from "~/utils/throttle.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "accountDelete.title");

/**
 * Deleting one's own account (#21, ADR 0038): what goes and what stays, then the password. Once
 * deleted, the browser's session is gone and the page says so (`?done`).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  if (new URL(request.url).searchParams.has("done") && !(await getUserId(s, request)))
    return { done: true as const };
  await requireUser(s, request);
  return { done: false as const };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const user = await requireUser(s, request);
  const submission = await parseSubmission(request, accountDeleteSchema);
  if (submission.status !== "success") return refuse(submission);
  // A stolen session must not guess the password here either: the sign-in's throttle applies.
  const wait = await signInWaitMinutes(s, user.email, context.clientIp);
  if (wait > 0)
    return refuse(submission, {
      formError: { key: "auth.signIn.throttled", params: { minutes: wait } },
      status: 429,
    });
  try {
    await deleteOwnAccount(s, user.id, submission.value.password);
  } catch (error) {
    if ((error as { code?: string }).code === "wrong-password")
      await recordSignInFailure(s, user.email, context.clientIp);
    return replyWithError(request, submission, error);
  }
  await clearSignInFailures(s, user.email, context.clientIp);
  // Live connections of the account close; the cookie goes.
  s.signOuts.emit({ userId: user.id });
  const session = await getSession(s, request);
  return redirect("/account/delete?done", {
    headers: { "Set-Cookie": await sessionStorage(s.config).destroySession(session) },
  });
}

export default function AccountDelete() {
  const { done } = useLoaderData<typeof loader>();
  const { t } = useT();
  const [form, fields] = useAppForm<AccountDeleteForm>();
  const navigation = useNavigation();
  if (done)
    return (
      <section className="narrow">
        <h1>{t("accountDelete.title")}</h1>
        <p className="alert alert--success" role="status">
          {t("accountDelete.done")}
        </p>
      </section>
    );
  const confirmError = fields.confirm?.errors?.[0];
  return (
    <section className="narrow">
      <h1>{t("accountDelete.title")}</h1>
      <p className="lead">{t("accountDelete.intro")}</p>
      <h2>{t("accountDelete.removedTitle")}</h2>
      <p>{t("accountDelete.removed")}</p>
      <h2>{t("accountDelete.keptTitle")}</h2>
      <p>{t("accountDelete.kept")}</p>
      <p>
        {t("accountDelete.downloadFirst")}{" "}
        <Link to="/account/data.tar.gz" reloadDocument>
          {t("accountData.menu")}
        </Link>
      </p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <Field
          field={fields.password!}
          type="password"
          label={t("accountDelete.password")}
          autoComplete="current-password"
          required
        />
        <div className="checkbox">
          <input
            type="checkbox"
            id="field-confirm"
            name="confirm"
            required
            aria-invalid={confirmError ? true : undefined}
            aria-describedby={confirmError ? "field-confirm-error" : undefined}
          />
          <label htmlFor="field-confirm">{t("accountDelete.confirm")}</label>
        </div>
        <FieldErrorText id="field-confirm" error={confirmError} />
        <p>
          <button
            type="submit"
            className="button button--danger"
            disabled={navigation.state === "submitting"}
          >
            {t("accountDelete.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}
