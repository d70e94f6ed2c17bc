import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmailedLinkConfirm, EmailedLinkRefused } from "~/components/EmailedLink";
import {
  confirmEmailChange,
  readEmailChangeLink,
  type AccountLinkState,
} from "../../core/models/account.server";
import { accountTokenSchema, emailConfirmSchema } from "../../core/schemas/account";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound } from "~/utils/permissions.server";
import { getUserId } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "account.confirmEmail.title");

/**
 * The link sent to a new address (`?token=`): a page with one button, so that a mail program
 * that opens links to preview them changes nothing. It needs no sign-in: the link is the proof
 * (only the new address received it, and it names its account).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  const query = new URL(request.url).searchParams;
  if (query.has("done")) return data({ state: "done" as const, name: "", email: "" });
  const token = accountTokenSchema.safeParse(query.get("token"));
  const link = token.success
    ? await readEmailChangeLink(s, token.data)
    : { state: "invalid" as const, user: undefined, email: undefined };
  return data(
    {
      state: link.state,
      name: link.state === "valid" ? (link.user?.name ?? "") : "",
      email: link.state === "valid" ? (link.email ?? "") : "",
    },
    { status: link.state === "invalid" ? 404 : 200 },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const token = accountTokenSchema.safeParse(new URL(request.url).searchParams.get("token"));
  if (!token.success) throw notFound();
  const submission = await parseSubmission(request, emailConfirmSchema);
  if (submission.status !== "success") return refuse(submission);
  try {
    const user = await confirmEmailChange(s, token.data);
    // The person signed in here goes back to their account; anyone else to the sign-in page.
    const signedIn = (await getUserId(s, request)) === user.id;
    return redirect(signedIn ? "/account?saved=address" : "/account/email?done");
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function ConfirmEmail() {
  const page = useLoaderData<typeof loader>();
  const { t } = useT();
  if (page.state === "done") {
    return (
      <section className="narrow">
        <h1>{t("account.confirmEmail.title")}</h1>
        <p className="alert alert--success" role="status">
          {t("account.confirmEmail.done")}
        </p>
        <p>
          <Link to="/login">{t("auth.signIn.title")}</Link>
        </p>
      </section>
    );
  }
  if (page.state !== "valid")
    return (
      <EmailedLinkRefused
        title={t("account.confirmEmail.title")}
        message={t(
          `account.links.email.${page.state satisfies Exclude<AccountLinkState, "valid">}`,
        )}
        next={{ to: "/account", label: t("account.title") }}
      />
    );
  return (
    <EmailedLinkConfirm
      title={t("account.confirmEmail.title")}
      intro={t("account.confirmEmail.intro", { name: page.name, email: page.email })}
      submit={t("account.confirmEmail.submit")}
    />
  );
}
