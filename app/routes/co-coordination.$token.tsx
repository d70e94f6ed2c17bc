import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FormErrorSummary } from "~/components/Field";
import {
  acceptCoordinatorInvitation,
  readCoordinatorInvitation,
} from "../../core/models/co-coordinators.server";
import {
  acceptCoordinationSchema,
  coordinatorInvitationTokenSchema,
} from "../../core/schemas/roles";
import { replyWithError } from "~/utils/errors.server";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireUser } from "~/utils/permissions.server";
import { getOptionalUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "coCoordinators.join.title");

/**
 * An invitation to coordinate a program (ADR 0035): whoever holds the link reads what it offers;
 * the invited person signs in (or signs up, coming back here) and accepts. An unknown link 404;
 * a used, withdrawn or expired one says which.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const token = coordinatorInvitationTokenSchema.safeParse(params.token);
  if (!token.success) throw notFound();
  const { state, invitation, program } = await readCoordinatorInvitation(s, token.data);
  const user = await getOptionalUser(s, request);
  const valid = state === "valid";
  return data(
    {
      state,
      programTitle: valid ? (program?.title ?? "") : "",
      invitedEmail: valid ? (invitation?.email ?? "") : "",
      user: user ? { name: user.name, email: user.email } : null,
      path: new URL(request.url).pathname,
    },
    { status: state === "unknown" ? 404 : 200 },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const token = coordinatorInvitationTokenSchema.safeParse(params.token);
  if (!token.success) throw notFound();
  const user = await requireUser(s, request);
  const submission = await parseSubmission(request, acceptCoordinationSchema);
  if (submission.status !== "success") return refuse(submission);
  try {
    const program = await acceptCoordinatorInvitation(s, token.data, user);
    return redirect(`/programs/${program.id}/coordinators`);
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function CoCoordinationInvitation() {
  const page = useLoaderData<typeof loader>();
  const { t } = useT();
  const [form] = useAppForm();
  const navigation = useNavigation();
  const back = encodeURIComponent(page.path);
  if (page.state !== "valid") {
    return (
      <section className="narrow">
        <h1>{t("coCoordinators.join.title")}</h1>
        <p className="alert alert--error" role="alert">
          {t(`coCoordinators.join.${page.state}`)}
        </p>
        <p>{t("coCoordinators.join.askAgain")}</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("coCoordinators.join.title")}</h1>
      <p className="lead">
        {t("coCoordinators.join.intro", { program: page.programTitle, email: page.invitedEmail })}
      </p>
      {page.user ? (
        <>
          <p>
            {t("invitations.join.signedInAs", { name: page.user.name, email: page.user.email })}
          </p>
          <FormErrorSummary form={form} />
          <Form method="post" {...formProps(form)}>
            <input type="hidden" name="intent" value="accept" />
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t("coCoordinators.join.accept")}
            </button>
          </Form>
        </>
      ) : (
        <ul>
          <li>
            <Link to={`/login?redirectTo=${back}`}>{t("coCoordinators.join.signIn")}</Link>
          </li>
          <li>
            <Link to={`/signup?redirectTo=${back}`}>{t("coCoordinators.join.signUp")}</Link>
          </li>
        </ul>
      )}
    </section>
  );
}
