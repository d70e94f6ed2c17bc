import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import {
  assignFacilitators,
  listMeetings,
  planFollowUp,
  planSeries,
  setMeetingStatus,
} from "../../core/models/meeting.server";
import {
  firstFollowUpDay,
  FOLLOW_UPS_PER_YEAR,
  followUpsInYear,
  programEndFor,
  spacingFlags,
} from "../../core/models/meeting-spacing";
import { renewCalendarToken } from "../../core/models/meeting-calendar.server";
import type { Meeting } from "../../core/models/meeting.server";
import { groupView } from "../../core/models/group.server";
import { leadRuleOf } from "../../core/models/meeting-lead";
import {
  meetingsSchema,
  type FollowUpForm,
  type MeetingStatusForm,
  type RotationForm,
  type SeriesForm,
} from "../../core/schemas/meetings";
import { quebecInstant } from "../../core/utils/quebec-time";
import { answerExcept } from "~/utils/form-answers";
import { formProps, useAppForm } from "~/utils/forms";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { forbidden, requireGroupViewer } from "~/utils/permissions.server";
import {
  FormatChoice,
  MeetingWhere,
  PlaceField,
  SpacingNote,
} from "~/components/meeting/MeetingWhere";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "meetings.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group, observer } = await requireGroupViewer(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const [meetings, view] = await Promise.all([listMeetings(s, group.id), groupView(s, group.id)]);
  const names = new Map((view?.members ?? []).map((m) => [m.id, m.name]));
  const every = Math.round((program.cadenceWeeksMin + program.cadenceWeeksMax) / 2);
  const flags = spacingFlags(meetings, program);
  const now = s.clock.now();
  const end = programEndFor(meetings, program.mentoringEnd, now);
  const firstDay = end ? firstFollowUpDay(end, now) : undefined;
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    // The program's coordinator observing by the group's invitation: reads, never acts.
    observer,
    cadence: { min: program.cadenceWeeksMin, max: program.cadenceWeeksMax },
    meetings: meetings.map((m) => ({
      // What an observer may read of a meeting; its notes and tools are on its page, if shared.
      id: m.id,
      startsAt: m.startsAt,
      status: m.status,
      statusReason: m.statusReason,
      kind: m.kind,
      format: m.format ?? null,
      place: m.place,
      followUp: m.followUp,
      spacing: flags.get(m.id) ?? null,
      facilitator: m.facilitatorId ? (names.get(m.facilitatorId) ?? "") : "",
      with: m.participantIds.map((id) => names.get(id) ?? "").join(", "),
    })),
    followUp:
      end && firstDay
        ? {
            endAt: quebecInstant(end, "12:00").toISOString(),
            firstDay,
            perYear: FOLLOW_UPS_PER_YEAR,
            thisYear: followUpsInYear(meetings, end, firstDay),
          }
        : null,
    leadRule: leadRuleOf(program),
    defaults: {
      firstDate: group.suggestedFirstMeeting,
      time: "13:30",
      everyWeeks: String(every),
      durationMinutes: String(program.meetingMinutes),
      until: program.mentoringEnd,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { group, observer } = await requireGroupViewer(
    s,
    request,
    params.programId,
    params.groupId,
  );
  if (observer) throw forbidden();
  const submission = await parseSubmission(request, meetingsSchema);
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    switch (input.intent) {
      case "subscribe": {
        const token = await renewCalendarToken(s, group.id);
        return { subscribeUrl: `${s.site.url()}/feeds/calendar/${token}` };
      }
      case "status":
        await setMeetingStatus(s, group.id, input.meetingId, input.status, input.reason);
        return { done: "status" as const };
      case "rotate": {
        const count = await assignFacilitators(s, group.id);
        return { done: "rotated" as const, count };
      }
      case "follow-up": {
        const { intent: _intent, ...followUp } = input;
        await planFollowUp(s, group.id, followUp);
        return { done: "follow-up" as const, count: 1 };
      }
      case "plan": {
        const { intent: _intent, ...series } = input;
        const created = await planSeries(s, group.id, series);
        return { done: "planned" as const, count: created.length };
      }
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Meetings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useT();
  return (
    <>
      {data.observer ? null : (
        <p>
          <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
        </p>
      )}
      <h1>{t("meetings.title")}</h1>
      <p className="lead">{t(data.observer ? "observation.calendarLead" : "meetings.intro")}</p>
      <p className="field-hint">
        {t("meetingRhythm.cadence", { min: data.cadence.min, max: data.cadence.max })}
      </p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {result.done === "planned"
            ? t("meetings.planned", { count: result.count })
            : result.done === "follow-up"
              ? t("followUp.planned")
              : result.done === "rotated"
                ? t("meetings.rotated", { count: result.count })
                : t("meetings.updated")}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t("meetings.calendarTitle")}</h2>
        <p>
          <a className="button button--secondary" href={`${data.groupPath}/calendar.ics`} download>
            {t("meetings.download")}
          </a>
        </p>
        {/* A secret link would outlive a withdrawn invitation: observers download the file. */}
        {data.observer ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="subscribe" />
            <button type="submit" className="link-button">
              {t("meetings.subscribe")}
            </button>
          </Form>
        )}
        {result && "subscribeUrl" in result ? (
          <div className="alert alert--success" role="status">
            <label htmlFor="subscribe-url">{t("meetings.subscribeUrl")}</label>
            <input
              id="subscribe-url"
              readOnly
              value={result.subscribeUrl}
              onFocus={(e) => e.target.select()}
            />
          </div>
        ) : null}
      </section>
      {data.meetings.length > 0 ? (
        <ol className="meeting-list">
          {data.meetings.map((m) => (
            <li key={m.id} className="card">
              <h2 className="card-title">
                <Link to={`${data.groupPath}/meetings/${m.id}`}>
                  {date(m.startsAt, { dateStyle: "full", timeStyle: "short" })}
                </Link>
              </h2>
              <p>
                <span className={`status status--meeting-${m.status}`}>
                  {t(`meetings.statuses.${m.status}`)}
                </span>
                {m.statusReason ? ` — ${m.statusReason}` : ""}
              </p>
              <p className="muted">
                {m.followUp ? `${t("followUp.badge")} · ` : null}
                {m.kind === "individual" && m.with
                  ? t("meetings.individualList", { with: m.with })
                  : t("meetings.kinds.collective")}{" "}
                · {t("meetings.facilitator")}
                {t("common.colon")} {m.facilitator || t("meetings.noFacilitator")}
              </p>
              <MeetingWhere format={m.format} place={m.place} />
              <SpacingNote spacing={m.spacing} cadence={data.cadence} />
              {data.observer ? null : <StatusForm meeting={m} />}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty-state">{t("meetings.none")}</p>
      )}
      {data.observer ? null : <MemberForms data={data} />}
    </>
  );
}

/** What only members do here: rotate the facilitators, plan the series, plan a follow-up. */
function MemberForms({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const result = useActionData<typeof action>();
  // The series' form is the page's main one: it also shows a refusal no other form claims.
  const [form, fields] = useAppForm<SeriesForm>({
    lastResult: answerExcept(result, ["status", "rotate", "subscribe", "follow-up"]),
    defaultValue: data.defaults,
  });
  const [rotation] = useAppForm<RotationForm>({ intent: "rotate" });
  const [followUpForm, followUpFields] = useAppForm<FollowUpForm>({
    intent: "follow-up",
    defaultValue: {
      date: data.followUp?.firstDay ?? "",
      time: data.defaults.time,
      durationMinutes: data.defaults.durationMinutes,
      format: "",
      place: "",
    },
  });
  const navigation = useNavigation();
  const { t, date } = useT();
  return (
    <>
      {data.followUp ? (
        <section className="panel" aria-labelledby="follow-up-title">
          <h2 id="follow-up-title">{t("followUp.title")}</h2>
          <p>
            {t("followUp.intro", {
              end: date(data.followUp.endAt, { dateStyle: "long" }),
              perYear: data.followUp.perYear,
            })}
          </p>
          <p className="field-hint">{t("followUp.hint")}</p>
          <FormErrorSummary form={followUpForm} />
          <Form method="post" {...formProps(followUpForm)} className="stack">
            <input type="hidden" name="intent" value="follow-up" />
            <div className="field-row">
              <Field
                idPrefix="follow-up"
                field={followUpFields.date}
                type="date"
                min={data.followUp.firstDay}
                required
                label={t("meetings.date")}
              />
              <Field
                idPrefix="follow-up"
                field={followUpFields.time}
                type="time"
                required
                label={t("meetings.time")}
              />
              <Field
                idPrefix="follow-up"
                field={followUpFields.durationMinutes}
                type="number"
                min={30}
                max={480}
                required
                label={t("programForm.meetingMinutes")}
              />
            </div>
            <FormatChoice idPrefix="follow-up" field={followUpFields.format} value="" />
            <PlaceField idPrefix="follow-up" field={followUpFields.place} />
            <p>
              <button
                type="submit"
                className="button button--secondary"
                disabled={navigation.state !== "idle"}
              >
                {t("followUp.plan")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
      {data.meetings.some((m) => m.status === "planned") ? (
        <section className="panel" aria-labelledby="rotation-title">
          <h2 id="rotation-title">{t("meetings.rotationTitle")}</h2>
          <p className="field-hint">{t(`lead.rules.${data.leadRule}`)}</p>
          <Form method="post" {...formProps(rotation)} className="inline-form">
            <input type="hidden" name="intent" value="rotate" />
            <button type="submit" className="button button--secondary">
              {t("meetings.rotate")}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="plan-title">
        <h2 id="plan-title">{t("meetings.planTitle")}</h2>
        <p className="field-hint">{t("meetings.planHint")}</p>
        <FormErrorSummary form={form} />
        <Form method="post" {...formProps(form)} className="stack">
          <input type="hidden" name="intent" value="plan" />
          <div className="field-row">
            <Field field={fields.firstDate} type="date" required label={t("meetings.firstDate")} />
            <Field field={fields.time} type="time" required label={t("meetings.time")} />
          </div>
          <div className="field-row">
            <Field
              field={fields.everyWeeks}
              type="number"
              min={1}
              max={12}
              required
              label={t("meetings.everyWeeks")}
            />
            <Field
              field={fields.durationMinutes}
              type="number"
              min={30}
              max={480}
              required
              label={t("programForm.meetingMinutes")}
            />
            <Field field={fields.until} type="date" required label={t("meetings.until")} />
          </div>
          <p>
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t("meetings.plan")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}

/** One meeting's status and its reason; a refusal shows at the meeting it concerns. */
function StatusForm({
  meeting: m,
}: {
  meeting: { id: string; status: Meeting["status"]; statusReason: string };
}) {
  const [form, fields] = useAppForm<MeetingStatusForm>({
    id: `meeting-status-${m.id}`,
    intent: "status",
    match: { meetingId: m.id },
    defaultValue: { status: m.status, reason: m.statusReason },
  });
  const { t } = useT();
  return (
    <Form method="post" {...formProps(form)} className="inline-form">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="meetingId" value={m.id} />
      <Choice
        idPrefix={`m-${m.id}`}
        field={fields.status}
        label={t("meetings.status")}
        value={m.status}
        options={(["planned", "held", "postponed", "cancelled"] as const).map((s) => ({
          value: s,
          label: t(`meetings.statuses.${s}`),
        }))}
      />
      <Field idPrefix={`m-${m.id}`} field={fields.reason} label={t("meetings.reason")} />
      <button type="submit" className="button button--secondary">
        {t("meetings.update")}
      </button>
    </Form>
  );
}
