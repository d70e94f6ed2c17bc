import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { TableScroll } from "~/components/TableScroll";
import {
  inviteCoCoordinator,
  listCoordinators,
  stepDown,
  withdrawCoordinatorInvitation,
} from "../../core/models/co-coordinators.server";
import {
  coordinatorsPageSchema,
  type CoCoordinatorInviteForm,
  type StepDownForm,
  type WithdrawInvitationForm,
} from "../../core/schemas/roles";
import { replyWithError } from "~/utils/errors.server";
import { answerExcept } from "~/utils/form-answers";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinationOf } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "coCoordinators.title");

/**
 * The program's coordinators (ADR 0035): who they are, the invitations waiting (each may be
 * withdrawn), an invitation to a co-coordinator by e-mail, and stepping down. The program's
 * coordinators only; anyone else 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { user, program } = await requireCoordinationOf(s, request, params.programId);
  const { coordinators, pending } = await listCoordinators(s, program);
  return { me: user.id, coordinators, pending };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { user, program } = await requireCoordinationOf(s, request, params.programId);
  const submission = await parseSubmission(request, coordinatorsPageSchema);
  if (submission.status !== "success") return refuse(submission);
  const actor = { id: user.id, name: user.name, locale: user.locale };
  try {
    if (submission.value.intent === "invite") {
      const { invitation, token } = await inviteCoCoordinator(
        s,
        actor,
        program.id,
        submission.value.email,
      );
      return {
        invited: invitation.email,
        link: `${s.site.url()}/co-coordination/${token}`,
      };
    }
    if (submission.value.intent === "withdraw") {
      const { email } = await withdrawCoordinatorInvitation(
        s,
        actor,
        program.id,
        submission.value.invitationId,
      );
      return { withdrawn: email };
    }
    await stepDown(s, actor, program.id);
    return redirect("/dashboard?steppedDown=1");
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Coordinators() {
  const { me, coordinators, pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [inviteForm, inviteFields] = useAppForm<CoCoordinatorInviteForm>({
    id: "invite-co-coordinator",
    // The page's main form: it also shows a refusal no form claims (an unknown action).
    lastResult: answerExcept(result, ["withdraw", "step-down"]),
  });
  const [withdrawForm, withdrawFields] = useAppForm<WithdrawInvitationForm>({
    id: "withdraw-invitation",
    intent: "withdraw",
  });
  const [stepForm, stepFields] = useAppForm<StepDownForm>({
    id: "step-down",
    intent: "step-down",
  });
  const navigation = useNavigation();
  const { t, date } = useT();
  const invited =
    result && "invited" in result && result.invited !== undefined
      ? { invited: result.invited, link: result.link ?? "" }
      : undefined;
  const withdrawn = result && "withdrawn" in result ? result.withdrawn : undefined;
  const alone = coordinators.length <= 1;
  const confirmError = stepFields.confirm?.errors?.[0];
  return (
    <>
      <h1>{t("coCoordinators.title")}</h1>
      <p className="lead">{t("coCoordinators.intro")}</p>

      <TableScroll label={t("coCoordinators.listTitle")}>
        <table>
          <caption>{t("coCoordinators.listTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.email")}</th>
            </tr>
          </thead>
          <tbody>
            {coordinators.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {c.name}
                  {c.id === me ? <span className="badge">{t("coCoordinators.you")}</span> : null}
                </th>
                <td>{c.email}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <section className="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">{t("coCoordinators.inviteTitle")}</h2>
        <p>{t("coCoordinators.inviteIntro")}</p>
        <FormErrorSummary form={inviteForm} />
        <Form method="post" {...formProps(inviteForm)} className="stack">
          <input type="hidden" name="intent" value="invite" />
          <Field
            field={inviteFields.email}
            type="email"
            required
            autoComplete="off"
            label={t("coCoordinators.email")}
          />
          <p>
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t("coCoordinators.invite")}
            </button>
          </p>
        </Form>
        {invited ? (
          <div className="alert alert--success" role="status">
            <p>{t("coCoordinators.invited", { email: invited.invited })}</p>
            <label htmlFor="co-coordination-link">{t("coCoordinators.link")}</label>
            <input
              id="co-coordination-link"
              readOnly
              value={invited.link}
              onFocus={(e) => e.target.select()}
            />
          </div>
        ) : null}
      </section>

      <FormErrorSummary form={withdrawForm} />
      <FieldErrorText
        id="field-withdraw-invitation"
        error={withdrawFields.invitationId?.errors?.[0]}
      />
      {withdrawn ? (
        <p className="alert alert--success" role="status">
          {t("coCoordinators.withdrawn", { email: withdrawn })}
        </p>
      ) : null}
      {pending.length > 0 ? (
        <TableScroll label={t("coCoordinators.pendingTitle")}>
          <table>
            <caption>{t("coCoordinators.pendingTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("coCoordinators.sentAt")}</th>
                <th scope="col">{t("coCoordinators.expiresAt")}</th>
                <th scope="col">{t("coCoordinators.withdrawColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((p) => (
                <tr key={p.id}>
                  <td>{p.email}</td>
                  <td>{date(p.createdAt, { dateStyle: "medium" })}</td>
                  <td>{date(p.expiresAt, { dateStyle: "medium" })}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="invitationId" value={p.id} />
                      <button
                        type="submit"
                        className="link-button"
                        disabled={navigation.state !== "idle"}
                      >
                        {t("coCoordinators.withdraw")}
                        <span className="visually-hidden">
                          {" "}
                          {t("coCoordinators.withdrawFor", { email: p.email })}
                        </span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}

      <section className="panel" aria-labelledby="step-down-title">
        <h2 id="step-down-title">{t("coCoordinators.stepDownTitle")}</h2>
        <p>{t(alone ? "coCoordinators.stepDownAlone" : "coCoordinators.stepDownIntro")}</p>
        <FormErrorSummary form={stepForm} />
        <Form method="post" {...formProps(stepForm)} className="stack">
          <input type="hidden" name="intent" value="step-down" />
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-step-down-confirm"
              name="confirm"
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? "field-step-down-confirm-error" : undefined}
            />
            <label htmlFor="field-step-down-confirm">{t("coCoordinators.stepDownConfirm")}</label>
          </div>
          <FieldErrorText id="field-step-down-confirm" error={confirmError} />
          <p>
            <button
              type="submit"
              className="button button--danger"
              disabled={navigation.state !== "idle"}
            >
              {t("coCoordinators.stepDown")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}
