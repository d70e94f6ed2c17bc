import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { AppLink } from "~/components/AppLink";
import { Field, FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import { Radios } from "~/components/Radios";
import {
  recordInterview,
  requestInterviewCorrection,
  scheduleInterview,
  validateInterview,
} from "../../core/models/interview.server";
import { memberNames } from "../../core/models/group.server";
import { interviewPageSchema } from "../../core/schemas/interview";
import { quebecDateTime, quebecInstant } from "../../core/utils/quebec-time";
import { replyWithError } from "~/utils/errors.server";
import { answerExcept } from "~/utils/form-answers";
import { formProps, intentOf, isReply, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { forbidden, requireInterviewAccess } from "~/utils/permissions.server";
import { FieldLimits } from "~/components/CharacterCount";
import { FormDraft } from "~/components/FormDraft";
import { textLimits } from "../../core/schemas/forms";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "interviews.title");

/** The program's coordinators and the participant interviewed; anyone else 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, interview, asInterviewee } = await requireInterviewAccess(
    s,
    request,
    params.programId,
    params.interviewId,
  );
  const names = await memberNames(s, [{ memberIds: [interview.participantId] }]);
  const { date, time } = quebecDateTime(interview.startsAt);
  return {
    programPath: `/programs/${program.id}` as const,
    asInterviewee,
    name: names[interview.participantId] || "—",
    interview: { ...interview, date, time },
    limits: textLimits(interviewPageSchema),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, interview, asInterviewee, participant } = await requireInterviewAccess(
    s,
    request,
    params.programId,
    params.interviewId,
  );
  const submission = await parseSubmission(request, interviewPageSchema);
  if (submission.status !== "success") return refuse(submission);
  const value = submission.value;
  // The coordinators schedule and record; the participant interviewed validates or corrects.
  const forInterviewee = value.intent === "validate" || value.intent === "correct";
  if (forInterviewee !== asInterviewee) throw forbidden();
  try {
    switch (value.intent) {
      case "schedule": {
        const { date, time, durationMinutes, place } = value;
        await scheduleInterview(
          s,
          program,
          {
            participantId: interview.participantId,
            startsAt: quebecInstant(date, time).toISOString(),
            durationMinutes,
            place,
          },
          interview.scheduledBy,
        );
        return { done: "scheduled" as const };
      }
      case "record": {
        const { intent: _intent, ...notes } = value;
        await recordInterview(s, program, interview.id, notes);
        return { done: "recorded" as const };
      }
      case "validate":
        await validateInterview(s, program.id, interview.id, participant!.id, value.revision);
        return { done: "validated" as const };
      case "correct":
        await requestInterviewCorrection(s, program, interview.id, participant!.id, {
          revision: value.revision,
          comment: value.comment,
        });
        return { done: "corrected" as const };
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

const REACHED = ["yes", "partly", "no"] as const;
const CONTINUE = ["yes", "maybe", "no"] as const;

export default function InterviewPage() {
  const { programPath, asInterviewee, name, interview: i, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [scheduleForm, schedule] = useAppForm<Record<string, string>>({ intent: "schedule" });
  const [recordForm, record] = useAppForm<Record<string, string>>({ intent: "record" });
  // The form whose errors show at the top of the page for everyone: it also shows a refusal no
  // form claims (an unknown action).
  const [validateForm] = useAppForm<Record<string, string>>({
    lastResult: answerExcept(result, ["schedule", "record", "correct"]),
  });
  const [correctForm, correct] = useAppForm<Record<string, string>>({ intent: "correct" });
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { t, date } = useT();
  const notes = i.notes;
  const refusedRecord = isReply(result) && intentOf(result) === "record";
  const text = (name: string, fallback: string) =>
    refusedRecord ? (record[name]?.defaultValue ?? "") : fallback;
  return (
    <>
      <p>
        <AppLink to={`${programPath}/interviews`}>← {t("interviews.title")}</AppLink>
      </p>
      <p className="eyebrow">{t("interviews.eyebrow")}</p>
      <h1>{asInterviewee ? t("interviews.yourInterview") : name}</h1>
      <p className="lead">
        {date(i.startsAt, { dateStyle: "full", timeStyle: "short" })} ·{" "}
        {t("interviews.duration", { minutes: i.durationMinutes })} · {i.place}
      </p>
      <p>
        <span className={`status status--${i.status}`}>{t(`interviews.statuses.${i.status}`)}</span>
        {i.validatedAt
          ? ` ${t("interviews.validatedOn", { date: date(i.validatedAt, { dateStyle: "long" }) })}`
          : null}
      </p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {t(`interviews.done.${result.done}`)}
        </p>
      ) : null}
      {/* The participant's answers and a move may be refused once their form is gone (validated). */}
      <FormErrorSummary form={validateForm} />
      <FormErrorSummary form={correctForm} />
      {i.status === "validated" ? <FormErrorSummary form={scheduleForm} /> : null}

      {i.correction && i.status === "correction-requested" ? (
        <div className="alert alert--warning" role="note">
          <p>
            <strong>{t("interviews.correctionAsked")}</strong>
          </p>
          <p className="prose">{i.correction.comment}</p>
        </div>
      ) : null}

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t("interviews.summary")}</h2>
        {notes ? (
          <dl className="answers">
            <dt>{t("evaluations.appreciation")}</dt>
            <dd>{t(`evaluations.scale.${notes.appreciation as 1 | 2 | 3 | 4 | 5}`)}</dd>
            <dt>{t("evaluations.learning")}</dt>
            <dd className="prose">{notes.learning}</dd>
            <dt>{t("evaluations.objectivesReached")}</dt>
            <dd>{t(`evaluations.reached.${notes.objectivesReached}`)}</dd>
            <dt>{t("evaluations.recommendations")}</dt>
            <dd className="prose">{notes.recommendations || "—"}</dd>
            <dt>{t("evaluations.continueMeeting")}</dt>
            <dd>{t(`evaluations.continue.${notes.continueMeeting}`)}</dd>
          </dl>
        ) : (
          <p className="empty-state">{t("interviews.noSummary")}</p>
        )}
      </section>

      {asInterviewee && notes && i.status === "awaiting-validation" ? (
        <section className="panel" aria-labelledby="answer-title">
          <h2 id="answer-title">{t("interviews.answerTitle")}</h2>
          <p>{t("interviews.validateHint")}</p>
          <Form method="post" {...formProps(validateForm)}>
            <input type="hidden" name="intent" value="validate" />
            <input type="hidden" name="revision" value={i.revision} />
            <button type="submit" className="button" disabled={busy}>
              {t("interviews.validate")}
            </button>
          </Form>
          <Form method="post" {...formProps(correctForm)} className="stack">
            <FormDraft id="interview-correction" />
            <input type="hidden" name="intent" value="correct" />
            <input type="hidden" name="revision" value={i.revision} />
            <TextArea
              name="comment"
              required
              label={t("interviews.correctionComment")}
              value={correct.comment?.defaultValue ?? ""}
              error={correct.comment?.errors?.[0]}
              rows={3}
            />
            <p>
              <button type="submit" className="button button--secondary" disabled={busy}>
                {t("interviews.askCorrection")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}

      {!asInterviewee ? (
        <>
          <section className="panel" aria-labelledby="record-title">
            <h2 id="record-title">{t(notes ? "interviews.revise" : "interviews.record")}</h2>
            <p className="field-hint">{t("interviews.recordHint")}</p>
            <FormErrorSummary form={recordForm} />
            <FieldLimits limits={limits}>
              <Form method="post" {...formProps(recordForm)} className="stack">
                <FormDraft id="interview-record" />
                <input type="hidden" name="intent" value="record" />
                <Radios
                  field={record.appreciation!}
                  legend={t("evaluations.appreciation")}
                  value={notes ? String(notes.appreciation) : ""}
                  options={[1, 2, 3, 4, 5].map((n) => ({
                    value: String(n),
                    label: t(`evaluations.scale.${n as 1 | 2 | 3 | 4 | 5}`),
                  }))}
                />
                <TextArea
                  name="learning"
                  required
                  label={t("evaluations.learning")}
                  value={text("learning", notes?.learning ?? "")}
                  error={record.learning?.errors?.[0]}
                />
                <Radios
                  field={record.objectivesReached!}
                  legend={t("evaluations.objectivesReached")}
                  value={notes?.objectivesReached ?? ""}
                  options={REACHED.map((v) => ({ value: v, label: t(`evaluations.reached.${v}`) }))}
                />
                <TextArea
                  name="recommendations"
                  label={t("evaluations.recommendations")}
                  value={text("recommendations", notes?.recommendations ?? "")}
                  error={record.recommendations?.errors?.[0]}
                />
                <Radios
                  field={record.continueMeeting!}
                  legend={t("evaluations.continueMeeting")}
                  value={notes?.continueMeeting ?? ""}
                  options={CONTINUE.map((v) => ({
                    value: v,
                    label: t(`evaluations.continue.${v}`),
                  }))}
                />
                <p>
                  <button type="submit" className="button" disabled={busy}>
                    {t("interviews.sendForValidation")}
                  </button>
                </p>
              </Form>
            </FieldLimits>
          </section>

          {i.status !== "validated" ? (
            <section className="panel" aria-labelledby="move-title">
              <h2 id="move-title">{t("interviews.move")}</h2>
              <FormErrorSummary form={scheduleForm} />
              <Form method="post" {...formProps(scheduleForm)} className="stack">
                <input type="hidden" name="intent" value="schedule" />
                <div className="field-row">
                  <Field
                    field={schedule.date!}
                    type="date"
                    required
                    defaultValue={schedule.date?.defaultValue ?? i.date}
                    label={t("interviews.date")}
                  />
                  <Field
                    field={schedule.time!}
                    type="time"
                    required
                    defaultValue={schedule.time?.defaultValue ?? i.time}
                    label={t("interviews.time")}
                  />
                  <Field
                    field={schedule.durationMinutes!}
                    type="number"
                    min={15}
                    max={240}
                    defaultValue={
                      schedule.durationMinutes?.defaultValue ?? String(i.durationMinutes)
                    }
                    label={t("interviews.durationField")}
                  />
                </div>
                <Field
                  field={schedule.place!}
                  required
                  defaultValue={schedule.place?.defaultValue ?? i.place}
                  label={t("interviews.place")}
                  hint={t("interviews.placeHint")}
                />
                <p>
                  <button type="submit" className="button button--secondary" disabled={busy}>
                    {t("interviews.saveTime")}
                  </button>
                </p>
              </Form>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
