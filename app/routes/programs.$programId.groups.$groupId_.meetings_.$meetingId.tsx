import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { useState } from "react";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import { Preparation } from "~/components/meeting/Preparation";
import { groupView } from "../../core/models/group.server";
import { listCheckIns } from "../../core/models/checkin.server";
import {
  confirmPreparation,
  getMeeting,
  listMeetings,
  meetingMembers,
  MeetingNotFoundError,
  MeetingNotStartedError,
  NotAMemberError,
  setMeetingStatus,
  StaleMeetingError,
  swapFacilitators,
  updateMeetingDetails,
} from "../../core/models/meeting.server";
import { meetingDetailsSchema, meetingStatusSchema, swapSchema } from "../../core/schemas/meetings";
import {
  formDataToObject,
  isFormFailure,
  parseWith,
  type FormFailure,
  readFormData,
} from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { formatDate } from "../../core/i18n";
import { getLocale } from "~/utils/locale.server";
import { quebecDateTime } from "../../core/utils/quebec-time";
import { titleMeta } from "~/utils/meta";
import { notFound, requireGroupMember } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";
import type { Services } from "../../core/services";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "meetings.detailTitle");

async function load(s: Services, request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireGroupMember(s, request, params.programId, params.groupId);
  const id = typeof params.meetingId === "string" ? params.meetingId : "";
  const meeting = /^[\w-]{1,64}$/.test(id) ? await getMeeting(s, access.group.id, id) : undefined;
  if (!meeting) throw notFound();
  return { ...access, meeting };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group, meeting, participant } = await load(s, request, params);
  const view = await groupView(s, group.id);
  if (!view) throw notFound();
  const [all, checkIns] = await Promise.all([listMeetings(s, group.id), listCheckIns(s, group.id)]);
  // The check-ins sent since the previous held meeting: what the mentor reads before preparing.
  const previous = all
    .filter((m) => m.status === "held" && m.startsAt < meeting.startsAt)
    .at(-1)?.startsAt;
  const since = previous ?? group.createdAt;
  const local = quebecDateTime(meeting.startsAt);
  const name = new Map(view.members.map((m) => [m.id, m.name]));
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    me: participant.id,
    meeting,
    form: {
      date: local.date,
      time: local.time,
      durationMinutes: String(
        Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000),
      ),
    },
    members: view.members.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    expected: meetingMembers(meeting, group.memberIds),
    isMentor: group.mentorId === participant.id,
    hasMentor: Boolean(group.mentorId),
    checkIns: checkIns
      .filter((c) => c.createdAt > since && c.createdAt <= meeting.startsAt)
      .map((c) => ({ ...c, author: name.get(c.participantId) ?? "" })),
    taxonomy: program.taxonomy.map((t) => ({ id: t.id, label: t.label })),
    others: all
      .filter((m) => m.id !== meeting.id && m.status === "planned")
      .map((m) => ({
        id: m.id,
        startsAt: m.startsAt,
        facilitator: m.facilitatorId ? (name.get(m.facilitatorId) ?? "") : "",
      })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { group, meeting, participant } = await load(s, request, params);
  const form = formDataToObject(await readFormData(request), ["participantIds", "presentIds"]);
  try {
    if (form.intent === "status") {
      const parsed = parseWith(meetingStatusSchema, { ...form, meetingId: meeting.id });
      if (!parsed.ok) return formFailure(parsed.fieldErrors, { ...parsed.values, form: "status" });
      if (parsed.data.status === "held" && !parsed.data.presentIds?.length) {
        return formFailure(
          { presentIds: { key: "errors.presentRequired" } },
          { ...form, form: "status" },
        );
      }
      await setMeetingStatus(
        s,
        group.id,
        meeting.id,
        parsed.data.status,
        parsed.data.reason,
        parsed.data.status === "held" ? (parsed.data.presentIds ?? []) : undefined,
      );
      return { done: "status" as const };
    }
    if (form.intent === "confirm-preparation") {
      if (group.mentorId !== participant.id)
        return formFailure({ form: { key: "errors.mentorOnly" } }, { form: "details" }, 403);
      await confirmPreparation(s, group.id, meeting.id, participant.id);
      return { done: "confirmed" as const };
    }
    if (form.intent === "swap") {
      const parsed = parseWith(swapSchema, form);
      if (!parsed.ok) return formFailure(parsed.fieldErrors, { ...parsed.values, form: "swap" });
      await swapFacilitators(s, group.id, meeting.id, parsed.data.swapWith);
      return { done: "swap" as const };
    }
    const parsed = parseWith(meetingDetailsSchema, form);
    if (!parsed.ok) return formFailure(parsed.fieldErrors, { ...parsed.values, form: "details" });
    const { intent: _intent, ...details } = parsed.data;
    await updateMeetingDetails(s, group.id, meeting.id, details);
    return { done: "details" as const };
  } catch (error) {
    const which = form.intent === "swap" || form.intent === "status" ? form.intent : "details";
    if (error instanceof NotAMemberError) {
      return formFailure(
        { [error.field ?? "form"]: { key: "errors.notGroupMember" } },
        { ...form, form: which },
      );
    }
    if (error instanceof MeetingNotStartedError) {
      const date = formatDate(getLocale(request), error.startsAt, {
        dateStyle: "full",
        timeStyle: "short",
      });
      return formFailure(
        { [error.field ?? "form"]: { key: "errors.meetingNotStarted", params: { date } } },
        { ...form, form: which },
      );
    }
    if (error instanceof StaleMeetingError) {
      return formFailure({ form: { key: "errors.meetingChanged" } }, { ...form, form: which }, 409);
    }
    if (error instanceof MeetingNotFoundError) throw notFound();
    throw error;
  }
}

function failureOf(result: unknown, form: string): FormFailure | undefined {
  return isFormFailure(result) && result.values.form === form ? result : undefined;
}

export default function MeetingDetail() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const details = failureOf(result, "details");
  const status = failureOf(result, "status");
  const swap = failureOf(result, "swap");
  const m = data.meeting;
  const [kind, setKind] = useState(m.kind);
  const value = (name: string, fallback: string) => {
    const v = details?.values[name];
    return typeof v === "string" ? v : fallback;
  };
  const checked = (name: string, list: readonly string[], id: string) => {
    const v = details?.values[name] ?? status?.values[name];
    if (Array.isArray(v)) return v.includes(id);
    return list.includes(id);
  };
  const busy = navigation.state !== "idle";
  const nameOf = (id?: string) => data.members.find((p) => p.id === id)?.name ?? "—";
  return (
    <>
      <p>
        <Link to={`${data.groupPath}/meetings`}>← {t("meetings.title")}</Link>
      </p>
      <h1>{date(m.startsAt, { dateStyle: "full", timeStyle: "short" })}</h1>
      <p className="lead">
        <span className={`status status--meeting-${m.status}`}>
          {t(`meetings.statuses.${m.status}`)}
        </span>{" "}
        · {t(`meetings.kinds.${m.kind}`)} · {t("meetings.facilitator")}
        {t("common.colon")} {nameOf(m.facilitatorId)}
        {m.statusReason ? ` — ${m.statusReason}` : ""}
      </p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {t(`meetings.saved.${result.done}`)}
        </p>
      ) : null}

      {data.hasMentor ? (
        <Preparation
          checkIns={data.checkIns}
          confirmedAt={m.preparationConfirmedAt}
          canConfirm={data.isMentor && m.status === "planned"}
          busy={busy}
        />
      ) : null}

      <section className="panel" aria-labelledby="details-title">
        <h2 id="details-title">{t("meetings.detailsTitle")}</h2>
        <FormErrorSummary errors={details?.fieldErrors} />
        {/* A new key after each save: selects show the stored values again (after a swap too). */}
        <Form method="post" className="stack" noValidate key={m.sequence}>
          <input type="hidden" name="intent" value="details" />
          <input type="hidden" name="sequence" value={m.sequence} />
          <div className="field-row">
            <Field
              name="date"
              type="date"
              required
              label={t("meetings.date")}
              defaultValue={value("date", data.form.date)}
              error={details?.fieldErrors.date}
            />
            <Field
              name="time"
              type="time"
              required
              label={t("meetings.time")}
              defaultValue={value("time", data.form.time)}
              error={details?.fieldErrors.time}
            />
            <Field
              name="durationMinutes"
              type="number"
              min={30}
              max={480}
              required
              label={t("programForm.meetingMinutes")}
              defaultValue={value("durationMinutes", data.form.durationMinutes)}
              error={details?.fieldErrors.durationMinutes}
            />
          </div>
          <fieldset className="choices">
            <legend>{t("meetings.kind")}</legend>
            {(["collective", "individual"] as const).map((k) => (
              <label key={k} className="choice">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />{" "}
                {t(`meetings.kinds.${k}`)}
              </label>
            ))}
          </fieldset>
          <fieldset
            className={details?.fieldErrors.participantIds ? "choices field--invalid" : "choices"}
            aria-describedby={
              details?.fieldErrors.participantIds ? "field-participantIds-error" : undefined
            }
          >
            <legend>{t("meetings.individualWith")}</legend>
            <p className="field-hint">{t("meetings.individualHint")}</p>
            {data.members.map((p) => (
              <label key={p.id} className="choice">
                <input
                  type="checkbox"
                  name="participantIds"
                  value={p.id}
                  defaultChecked={checked("participantIds", m.participantIds, p.id)}
                />{" "}
                {p.name} ({t(`roles.${p.role}`)})
              </label>
            ))}
            {details?.fieldErrors.participantIds ? (
              <p className="field-error" id="field-participantIds-error">
                {t(
                  details.fieldErrors.participantIds.key,
                  details.fieldErrors.participantIds.params,
                )}
              </p>
            ) : null}
          </fieldset>
          <Choice
            name="facilitatorId"
            label={t("meetings.facilitator")}
            value={m.facilitatorId ?? ""}
            failure={details}
            options={[
              { value: "", label: t("meetings.noFacilitator") },
              ...data.members.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          <Choice
            name="theme"
            label={t("meetings.theme")}
            value={m.theme}
            failure={details}
            options={[
              { value: "", label: t("meetings.noTheme") },
              ...data.taxonomy.map((tag) => ({ value: tag.id, label: tag.label })),
            ]}
          />
          <TextArea
            name="agenda"
            label={t("meetings.agenda")}
            value={value("agenda", m.agenda)}
            error={details?.fieldErrors.agenda}
          />
          <TextArea
            name="notes"
            label={t("meetings.notes")}
            value={value("notes", m.notes)}
            error={details?.fieldErrors.notes}
            rows={6}
          />
          <TextArea
            name="tools"
            label={t("meetings.tools")}
            hint={t("meetings.toolsHint")}
            value={value("tools", m.tools)}
            error={details?.fieldErrors.tools}
          />
          <p>
            <button type="submit" className="button" disabled={busy}>
              {t("meetings.saveDetails")}
            </button>
          </p>
        </Form>
      </section>

      <section className="panel" aria-labelledby="status-title">
        <h2 id="status-title">{t("meetings.statusTitle")}</h2>
        <FormErrorSummary errors={status?.fieldErrors} />
        <Form method="post" className="stack" noValidate key={m.sequence}>
          <input type="hidden" name="intent" value="status" />
          <Choice
            name="status"
            label={t("meetings.status")}
            value={m.status}
            failure={status}
            options={(["planned", "held", "postponed", "cancelled"] as const).map((s) => ({
              value: s,
              label: t(`meetings.statuses.${s}`),
            }))}
          />
          <fieldset
            className={status?.fieldErrors.presentIds ? "choices field--invalid" : "choices"}
            aria-describedby={status?.fieldErrors.presentIds ? "field-presentIds-error" : undefined}
          >
            <legend>{t("meetings.present")}</legend>
            <p className="field-hint">{t("meetings.presentHint")}</p>
            {data.members.map((p) => (
              <label key={p.id} className="choice">
                <input
                  type="checkbox"
                  name="presentIds"
                  value={p.id}
                  defaultChecked={
                    m.status === "held"
                      ? m.presentIds.includes(p.id)
                      : checked("presentIds", data.expected, p.id)
                  }
                />{" "}
                {p.name}
              </label>
            ))}
            {status?.fieldErrors.presentIds ? (
              <p className="field-error" id="field-presentIds-error">
                {t(status.fieldErrors.presentIds.key)}
              </p>
            ) : null}
          </fieldset>
          <Field
            name="reason"
            label={t("meetings.reason")}
            hint={t("meetings.reasonHint")}
            defaultValue={m.statusReason}
            error={status?.fieldErrors.reason}
          />
          <p>
            <button type="submit" className="button" disabled={busy}>
              {t("meetings.update")}
            </button>
          </p>
        </Form>
      </section>

      {data.others.length > 0 ? (
        <section className="panel" aria-labelledby="swap-title">
          <h2 id="swap-title">{t("meetings.swapTitle")}</h2>
          <p className="field-hint">{t("meetings.swapHint")}</p>
          <FormErrorSummary errors={swap?.fieldErrors} />
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="swap" />
            <Choice
              name="swapWith"
              label={t("meetings.swapWith")}
              value={data.others[0]!.id}
              failure={swap}
              options={data.others.map((o) => ({
                value: o.id,
                label: `${date(o.startsAt, { dateStyle: "medium", timeStyle: "short" })} — ${
                  o.facilitator || t("meetings.noFacilitator")
                }`,
              }))}
            />
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t("meetings.swap")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
