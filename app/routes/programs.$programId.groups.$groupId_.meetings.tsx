import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import {
  assignFacilitators,
  listMeetings,
  MeetingNotFoundError,
  MeetingNotStartedError,
  planSeries,
  renewCalendarToken,
  setMeetingStatus,
} from "../../core/models/meeting.server";
import { groupView } from "../../core/models/group.server";
import { meetingStatusSchema, rotationSchema, seriesSchema } from "../../core/schemas/meetings";
import { formDataToObject, isFormFailure, parseWith, readFormData } from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { formatDate } from "../../core/i18n";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { notFound, requireGroupMember } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "meetings.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group } = await requireGroupMember(s, request, params.programId, params.groupId);
  const [meetings, view] = await Promise.all([listMeetings(s, group.id), groupView(s, group.id)]);
  const names = new Map((view?.members ?? []).map((m) => [m.id, m.name]));
  const every = Math.round((program.cadenceWeeksMin + program.cadenceWeeksMax) / 2);
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    meetings: meetings.map((m) => ({
      ...m,
      facilitator: m.facilitatorId ? (names.get(m.facilitatorId) ?? "") : "",
      with: m.participantIds.map((id) => names.get(id) ?? "").join(", "),
    })),
    mentorship: program.composition === "mentorship",
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
  const { group } = await requireGroupMember(s, request, params.programId, params.groupId);
  const form = formDataToObject(await readFormData(request));
  if (form.intent === "subscribe") {
    const token = await renewCalendarToken(s, group.id);
    return { subscribeUrl: `${s.site.url()}/feeds/calendar/${token}` };
  }
  if (form.intent === "status") {
    const parsed = parseWith(meetingStatusSchema, form);
    if (!parsed.ok)
      return formFailure(parsed.fieldErrors, { ...parsed.values, meetingId: form.meetingId });
    try {
      await setMeetingStatus(
        s,
        group.id,
        parsed.data.meetingId,
        parsed.data.status,
        parsed.data.reason,
      );
    } catch (error) {
      if (error instanceof MeetingNotFoundError) throw notFound();
      if (error instanceof MeetingNotStartedError) {
        const date = formatDate(getLocale(request), error.startsAt, {
          dateStyle: "full",
          timeStyle: "short",
        });
        return formFailure(
          { status: { key: "errors.meetingNotStarted", params: { date } } },
          parsed.data,
        );
      }
      throw error;
    }
    return { done: "status" as const };
  }
  if (form.intent === "rotate") {
    const parsed = parseWith(rotationSchema, form);
    if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
    const count = await assignFacilitators(s, group.id, {
      mentorWeight: Number(parsed.data.mentorWeight),
    });
    return { done: "rotated" as const, count };
  }
  const parsed = parseWith(seriesSchema, form);
  if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
  const { intent: _intent, ...series } = parsed.data;
  const created = await planSeries(s, group.id, series);
  return { done: "planned" as const, count: created.length };
}

export default function Meetings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isFormFailure(result) ? result : undefined;
  const navigation = useNavigation();
  const { t, date } = useT();
  const v = (name: keyof typeof data.defaults) => {
    const value = failure?.values[name];
    return typeof value === "string" ? value : data.defaults[name];
  };
  const failedMeeting = failure?.values.meetingId;
  return (
    <>
      <p>
        <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
      </p>
      <h1>{t("meetings.title")}</h1>
      <p className="lead">{t("meetings.intro")}</p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {result.done === "planned"
            ? t("meetings.planned", { count: result.count })
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
        <Form method="post">
          <input type="hidden" name="intent" value="subscribe" />
          <button type="submit" className="link-button">
            {t("meetings.subscribe")}
          </button>
        </Form>
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
                {m.kind === "individual" && m.with
                  ? t("meetings.individualList", { with: m.with })
                  : t("meetings.kinds.collective")}{" "}
                · {t("meetings.facilitator")}
                {t("common.colon")} {m.facilitator || t("meetings.noFacilitator")}
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="meetingId" value={m.id} />
                <Choice
                  idPrefix={`m-${m.id}`}
                  name="status"
                  label={t("meetings.status")}
                  value={m.status}
                  failure={failedMeeting === m.id ? failure : undefined}
                  options={(["planned", "held", "postponed", "cancelled"] as const).map((s) => ({
                    value: s,
                    label: t(`meetings.statuses.${s}`),
                  }))}
                />
                <Field
                  idPrefix={`m-${m.id}`}
                  name="reason"
                  label={t("meetings.reason")}
                  defaultValue={m.statusReason}
                  error={failedMeeting === m.id ? failure?.fieldErrors.reason : undefined}
                />
                <button type="submit" className="button button--secondary">
                  {t("meetings.update")}
                </button>
              </Form>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty-state">{t("meetings.none")}</p>
      )}
      {data.meetings.some((m) => m.status === "planned") ? (
        <section className="panel" aria-labelledby="rotation-title">
          <h2 id="rotation-title">{t("meetings.rotationTitle")}</h2>
          <p className="field-hint">
            {t(data.mentorship ? "meetings.rotationHint" : "meetings.rotationStrict")}
          </p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="rotate" />
            {data.mentorship ? (
              <Choice
                name="mentorWeight"
                label={t("meetings.rotationMode")}
                value="2"
                failure={failedMeeting ? undefined : failure}
                options={[
                  { value: "2", label: t("meetings.rotationMentorMore") },
                  { value: "1", label: t("meetings.rotationEqual") },
                ]}
              />
            ) : null}
            <button type="submit" className="button button--secondary">
              {t("meetings.rotate")}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="plan-title">
        <h2 id="plan-title">{t("meetings.planTitle")}</h2>
        <p className="field-hint">{t("meetings.planHint")}</p>
        <FormErrorSummary errors={failedMeeting ? undefined : failure?.fieldErrors} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="plan" />
          <div className="field-row">
            <Field
              name="firstDate"
              type="date"
              required
              label={t("meetings.firstDate")}
              defaultValue={v("firstDate")}
              error={failedMeeting ? undefined : failure?.fieldErrors.firstDate}
            />
            <Field
              name="time"
              type="time"
              required
              label={t("meetings.time")}
              defaultValue={v("time")}
              error={failedMeeting ? undefined : failure?.fieldErrors.time}
            />
          </div>
          <div className="field-row">
            <Field
              name="everyWeeks"
              type="number"
              min={1}
              max={12}
              required
              label={t("meetings.everyWeeks")}
              defaultValue={v("everyWeeks")}
              error={failure?.fieldErrors.everyWeeks}
            />
            <Field
              name="durationMinutes"
              type="number"
              min={30}
              max={480}
              required
              label={t("programForm.meetingMinutes")}
              defaultValue={v("durationMinutes")}
              error={failure?.fieldErrors.durationMinutes}
            />
            <Field
              name="until"
              type="date"
              required
              label={t("meetings.until")}
              defaultValue={v("until")}
              error={failure?.fieldErrors.until}
            />
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
