import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FormErrorSummary } from "~/components/Field";
import { Radios } from "~/components/Radios";
import { TextArea } from "~/components/ProfileFields";
import { FieldLimits } from "~/components/CharacterCount";
import { FormDraft } from "~/components/FormDraft";
import { textLimits } from "../../core/schemas/forms";
import {
  addCheckIn,
  listCheckIns,
  nextCheckInDue,
  sendsCheckIns,
} from "../../core/models/checkin.server";
import { groupView } from "../../core/models/group.server";
import { checkInFormSchema, type CheckInForm } from "../../core/schemas/checkin";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireGroupMember } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "checkIns.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group, participant } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const [checkIns, view] = await Promise.all([listCheckIns(s, group.id), groupView(s, group.id)]);
  const names = new Map((view?.members ?? []).map((m) => [m.id, m.name]));
  const mine = checkIns.find((c) => c.participantId === participant.id);
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    everyWeeks: program.checkInWeeks,
    sends: sendsCheckIns(group, participant.id),
    nextDue: nextCheckInDue(mine?.createdAt, group.createdAt, program.checkInWeeks).toISOString(),
    checkIns: checkIns.map((c) => ({ ...c, author: names.get(c.participantId) ?? "" })),
    limits: textLimits(checkInFormSchema),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { group, participant } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const submission = await parseSubmission(request, checkInFormSchema);
  if (submission.status !== "success") return refuse(submission);
  if (!sendsCheckIns(group, participant.id))
    return refuse(submission, { formError: { key: "errors.checkInMenteesOnly" }, status: 403 });
  await addCheckIn(s, group, participant.id, submission.value);
  return { sent: true };
}

const STATUSES = ["on-track", "changed", "blocked"] as const;

export default function CheckIns() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm<CheckInForm>();
  const navigation = useNavigation();
  const { t, date } = useT();
  return (
    <>
      <p>
        <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
      </p>
      <h1>{t("checkIns.title")}</h1>
      <p className="lead">{t("checkIns.intro", { weeks: data.everyWeeks })}</p>
      {result && "sent" in result ? (
        <p className="alert alert--success" role="status">
          {t("checkIns.sent")}
        </p>
      ) : null}
      {data.sends ? (
        <section className="panel" aria-labelledby="send-title">
          <h2 id="send-title">{t("checkIns.sendTitle")}</h2>
          <p className="field-hint">
            {t("checkIns.nextDue", { date: date(data.nextDue, { dateStyle: "long" }) })}
          </p>
          <FormErrorSummary form={form} />
          <FieldLimits limits={data.limits}>
            <Form
              method="post"
              {...formProps(form)}
              className="stack"
              key={result && "sent" in result ? "sent" : "new"}
            >
              <FormDraft id="checkin" />
              <Radios
                field={fields.needsStatus}
                legend={t("checkIns.needsStatus")}
                value="on-track"
                options={STATUSES.map((s) => ({ value: s, label: t(`checkIns.statuses.${s}`) }))}
              />
              <TextArea
                field={fields.update}
                required
                label={t("checkIns.update")}
                hint={t("checkIns.updateHint")}
              />
              <TextArea field={fields.changes} label={t("checkIns.changes")} rows={3} />
              <TextArea field={fields.questions} label={t("checkIns.questions")} rows={3} />
              <p>
                <button type="submit" className="button" disabled={navigation.state !== "idle"}>
                  {t("checkIns.send")}
                </button>
              </p>
            </Form>
          </FieldLimits>
        </section>
      ) : (
        <p className="field-hint">{t("checkIns.mentorHint")}</p>
      )}
      <h2>{t("checkIns.listTitle")}</h2>
      {data.checkIns.length > 0 ? (
        <ul className="cards">
          {data.checkIns.map((c) => (
            <li key={c.id} className="card">
              <h3 className="card-title">
                {c.author} · {date(c.createdAt, { dateStyle: "medium" })}
              </h3>
              <p>
                <span className={`status status--checkin-${c.needsStatus}`}>
                  {t(`checkIns.statuses.${c.needsStatus}`)}
                </span>
              </p>
              <p className="codev-notes">{c.update}</p>
              {c.changes ? (
                <p className="codev-notes">
                  <strong>
                    {t("checkIns.changes")}
                    {t("common.colon")}
                  </strong>{" "}
                  {c.changes}
                </p>
              ) : null}
              {c.questions ? (
                <p className="codev-notes">
                  <strong>
                    {t("checkIns.questions")}
                    {t("common.colon")}
                  </strong>{" "}
                  {c.questions}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{t("checkIns.none")}</p>
      )}
    </>
  );
}
