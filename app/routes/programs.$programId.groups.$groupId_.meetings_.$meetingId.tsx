import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AttendanceForm } from "~/components/meeting/AttendanceForm";
import { DetailsForm } from "~/components/meeting/DetailsForm";
import { Preparation } from "~/components/meeting/Preparation";
import { SwapForm } from "~/components/meeting/SwapForm";
import {
  confirmPreparation,
  getMeeting,
  setMeetingStatus,
  swapFacilitators,
  updateMeetingDetails,
} from "../../core/models/meeting.server";
import { meetingSchema } from "../../core/schemas/meetings";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { forbidden, notFound, requireGroupViewer } from "~/utils/permissions.server";
import { meetingPageData, observerMeetingData } from "~/utils/meeting-page.server";
import { MeetingWhere, SpacingNote } from "~/components/meeting/MeetingWhere";
import type { Services } from "../../core/services";
import { isId } from "../../core/utils/ids";
import { isGroupMentor } from "../../core/models/membership";
import { FieldLimits } from "~/components/CharacterCount";
import { textLimits } from "../../core/schemas/forms";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "meetings.detailTitle");

async function load(s: Services, request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireGroupViewer(s, request, params.programId, params.groupId);
  const id = typeof params.meetingId === "string" ? params.meetingId : "";
  const meeting = isId(id) ? await getMeeting(s, access.group.id, id) : undefined;
  if (!meeting) throw notFound();
  return { ...access, meeting };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const access = await load(s, request, params);
  if (access.observer)
    return { observer: true as const, ...(await observerMeetingData(s, access)) };
  return {
    observer: false as const,
    ...(await meetingPageData(s, access)),
    limits: textLimits(meetingSchema),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const access = await load(s, request, params);
  // An observer reads the meeting and joins it; everything here is the members'.
  if (access.observer) throw forbidden();
  const { group, meeting, participant } = access;
  const submission = await parseSubmission(request, meetingSchema, {
    lists: ["participantIds", "presentIds"],
  });
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    switch (input.intent) {
      case "status":
        await setMeetingStatus(
          s,
          group.id,
          meeting.id,
          input.status,
          input.reason,
          input.status === "held" ? input.presentIds : undefined,
        );
        return { done: "status" as const };
      case "confirm-preparation":
        if (!isGroupMentor(group, participant.id))
          return refuse(submission, { formError: { key: "errors.mentorOnly" }, status: 403 });
        await confirmPreparation(s, group.id, meeting.id, participant.id);
        return { done: "confirmed" as const };
      case "swap":
        await swapFacilitators(s, group.id, meeting.id, input.swapWith);
        return { done: "swap" as const };
      case "details": {
        const { intent: _intent, ...details } = input;
        await updateMeetingDetails(s, group.id, meeting.id, details);
        return { done: "details" as const };
      }
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function MeetingPage() {
  const data = useLoaderData<typeof loader>();
  return data.observer ? <ObservedMeeting data={data} /> : <MeetingDetail data={data} />;
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/** The observer's view: when, where, how, the agenda; the notes if the group shared them. */
function ObservedMeeting({ data }: { data: Extract<Loaded, { observer: true }> }) {
  const { t, date } = useT();
  const m = data.meeting;
  return (
    <>
      <p>
        <Link to={data.meetingsPath}>← {t("meetings.title")}</Link>
      </p>
      <h1>{date(m.startsAt, { dateStyle: "full", timeStyle: "short" })}</h1>
      <p className="lead">
        <span className={`status status--meeting-${m.status}`}>
          {t(`meetings.statuses.${m.status}`)}
        </span>{" "}
        · {m.followUp ? `${t("followUp.badge")} · ` : null}
        {t(`meetings.kinds.${m.kind}`)} · {t("meetings.facilitator")}
        {t("common.colon")} {data.facilitator || t("meetings.noFacilitator")}
        {m.statusReason ? ` — ${m.statusReason}` : ""}
      </p>
      <p className="field-hint">{t("observation.meetingLead")}</p>
      <MeetingWhere format={m.format} place={m.place} />
      <SpacingNote spacing={data.spacing} cadence={data.cadence} />
      <section className="panel" aria-labelledby="observed-agenda">
        <h2 id="observed-agenda">{t("meetings.agenda")}</h2>
        <p className="codev-notes">{m.agenda || t("observation.agendaNone")}</p>
        <h2>{t("observation.members")}</h2>
        <ul>
          {data.expected.map((name, i) => (
            <li key={i}>{name}</li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="observed-notes">
        <h2 id="observed-notes">{t("observation.sharedNotes")}</h2>
        <p className="codev-notes">{m.notes ?? t("observation.notesNotShared")}</p>
      </section>
    </>
  );
}

function MeetingDetail({ data }: { data: Extract<Loaded, { observer: false }> }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const m = data.meeting;
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
        · {m.followUp ? `${t("followUp.badge")} · ` : null}
        {t(`meetings.kinds.${m.kind}`)} · {t("meetings.facilitator")}
        {t("common.colon")} {nameOf(m.facilitatorId)}
        {m.statusReason ? ` — ${m.statusReason}` : ""}
      </p>
      <MeetingWhere format={m.format ?? null} place={m.place} />
      <SpacingNote spacing={data.spacing} cadence={data.cadence} />
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

      <FieldLimits limits={data.limits}>
        <DetailsForm data={data} busy={busy} />
        <AttendanceForm data={data} busy={busy} />
        {data.others.length > 0 ? <SwapForm others={data.others} busy={busy} /> : null}
      </FieldLimits>
    </>
  );
}
