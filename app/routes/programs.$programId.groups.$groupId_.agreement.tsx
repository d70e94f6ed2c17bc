import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import {
  acceptAgreement,
  acceptedByAll,
  agreementVersions,
  saveAgreement,
  setObserverInvitation,
} from "../../core/models/agreement.server";
import { groupView } from "../../core/models/group.server";
import {
  AGREEMENT_POINTS,
  agreementSchema,
  type AgreementForm,
  type AgreementSaveForm,
} from "../../core/schemas/agreement";
import { answerExcept } from "~/utils/form-answers";
import { formProps, useAppForm } from "~/utils/forms";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireGroupMember } from "~/utils/permissions.server";
import { FieldLimits } from "~/components/CharacterCount";
import { FormDraft } from "~/components/FormDraft";
import { textLimits } from "../../core/schemas/forms";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "agreement.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, participant, group } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const [versions, view] = await Promise.all([
    agreementVersions(s, group.id),
    groupView(s, group.id),
  ]);
  const names = Object.fromEntries((view?.members ?? []).map((m) => [m.id, m.name]));
  const current = versions[0];
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    me: participant.id,
    memberIds: group.memberIds,
    names,
    current: current ?? null,
    acceptedByAll: acceptedByAll(current, group.memberIds),
    observerInvitation: group.observerInvitation
      ? { at: group.observerInvitation.at, by: names[group.observerInvitation.by] ?? "" }
      : null,
    history: versions
      .slice(1)
      .map((v) => ({ version: v.version, updatedAt: v.updatedAt, updatedBy: v.updatedBy })),
    limits: textLimits(agreementSchema),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { participant, group, user } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const submission = await parseSubmission(request, agreementSchema);
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    if (input.intent === "observer") {
      const on = input.invite === "on";
      await setObserverInvitation(s, group.id, on, {
        participantId: participant.id,
        userId: user.id,
        name: user.name,
      });
      return { done: on ? ("observer-on" as const) : ("observer-off" as const) };
    }
    if (input.intent === "accept") {
      await acceptAgreement(s, group.id, input.version, participant.id);
      return { done: "accepted" as const };
    }
    const { intent: _intent, ...points } = input;
    await saveAgreement(s, group.id, points, participant.id);
    return { done: "saved" as const };
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function AgreementPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const current = data.current;
  const [form, fields] = useAppForm<AgreementSaveForm>({
    lastResult: answerExcept(result, ["accept", "observer"]),
    defaultValue: current
      ? Object.fromEntries(AGREEMENT_POINTS.map((point) => [point, current[point]]))
      : undefined,
  });
  const [acceptForm] = useAppForm<AgreementForm>({ intent: "accept" });
  const [observerForm] = useAppForm<AgreementForm>({ intent: "observer" });
  return (
    <>
      <p>
        <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
      </p>
      <h1>{t("agreement.title")}</h1>
      <p className="lead">{t("agreement.intro")}</p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {result.done === "observer-on"
            ? t("observation.invited")
            : result.done === "observer-off"
              ? t("observation.revoked")
              : t(result.done === "saved" ? "agreement.saved" : "agreement.accepted")}
        </p>
      ) : null}
      {current ? (
        <section className="panel" aria-labelledby="acceptances">
          <h2 id="acceptances">
            {t("agreement.versionOf", { version: current.version, date: date(current.updatedAt) })}
          </h2>
          <ul>
            {data.memberIds.map((id) => (
              <li key={id}>
                {data.names[id] ?? id} —{" "}
                {current.acceptances[id]
                  ? t("agreement.acceptedOn", { date: date(current.acceptances[id]!) })
                  : t("agreement.notYet")}
              </li>
            ))}
          </ul>
          {data.acceptedByAll ? <p className="badge">{t("agreement.allAccepted")}</p> : null}
          <FormErrorSummary form={acceptForm} />
          {!current.acceptances[data.me] ? (
            <Form method="post" {...formProps(acceptForm)}>
              <input type="hidden" name="intent" value="accept" />
              <input type="hidden" name="version" value={current.version} />
              <button type="submit" className="button">
                {t("agreement.accept", { version: current.version })}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <FormErrorSummary form={form} />
      <FieldLimits limits={data.limits}>
        <Form method="post" {...formProps(form)} className="stack">
          <FormDraft id="agreement" />
          <input type="hidden" name="intent" value="save" />
          {AGREEMENT_POINTS.map((point) => (
            <TextArea
              key={point}
              field={fields[point]}
              label={t(`agreement.points.${point}.label`)}
              hint={t(`agreement.points.${point}.hint`)}
              required
              rows={3}
            />
          ))}
          <p className="field-hint">{current ? t("agreement.editHint") : null}</p>
          <p>
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t(current ? "agreement.saveNew" : "agreement.saveFirst")}
            </button>
          </p>
        </Form>
      </FieldLimits>
      <section className="panel" aria-labelledby="observation-title">
        <h2 id="observation-title">{t("observation.title")}</h2>
        <p>{t("observation.pointHint")}</p>
        <p className="field-hint">{t("observation.sees")}</p>
        <p role="status">
          {data.observerInvitation
            ? t("observation.on", {
                date: date(data.observerInvitation.at),
                name: data.observerInvitation.by,
              })
            : t("observation.off")}
        </p>
        <FormErrorSummary form={observerForm} />
        <Form method="post" {...formProps(observerForm)}>
          <input type="hidden" name="intent" value="observer" />
          <input type="hidden" name="invite" value={data.observerInvitation ? "off" : "on"} />
          <button
            type="submit"
            className={data.observerInvitation ? "button button--secondary" : "button"}
            disabled={navigation.state !== "idle"}
          >
            {t(data.observerInvitation ? "observation.revoke" : "observation.invite")}
          </button>
        </Form>
      </section>
      {data.history.length > 0 ? (
        <section aria-labelledby="history">
          <h2 id="history">{t("agreement.history")}</h2>
          <ul className="small">
            {data.history.map((v) => (
              <li key={v.version}>
                {t("agreement.versionOf", { version: v.version, date: date(v.updatedAt) })} —{" "}
                {data.names[v.updatedBy] ?? ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
