import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { EventFields } from "~/components/EventFields";
import { FormErrorSummary } from "~/components/Field";
import { createEvent, invitableParticipants, listEvents } from "../../core/models/event.server";
import { EVENT_ARRAY_FIELDS, eventFormSchema } from "../../core/schemas/event";
import { formProps, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { replyWithError } from "~/utils/errors.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { addDays, quebecToday } from "../../core/utils/quebec-time";
import { requireCoordinatorOf, requireProgramAccess } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "events.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, asCoordinator, participant } = await requireProgramAccess(
    s,
    request,
    params.programId,
  );
  const events = (await listEvents(s, program.id)).filter(
    (e) => asCoordinator || (participant && e.invitedParticipantIds.includes(participant.id)),
  );
  return {
    programId: program.id,
    asCoordinator,
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      startsAt: e.startsAt,
      status: e.status,
      rounds: e.rounds,
      roundMinutes: e.roundMinutes,
      invited: e.invitedParticipantIds.length,
      format: e.format,
    })),
    participants: asCoordinator ? await invitableParticipants(s, program.id) : [],
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, user } = await requireCoordinatorOf(s, request, params.programId);
  const submission = await parseSubmission(request, eventFormSchema, { lists: EVENT_ARRAY_FIELDS });
  if (submission.status !== "success") return refuse(submission);
  try {
    const event = await createEvent(s, program.id, submission.value, user.id);
    return redirect(`/programs/${program.id}/events/${event.id}`);
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

/** A week from today in Quebec, at 13 h 30 Quebec time. */
function defaultStart() {
  return `${addDays(quebecToday(), 7)}T13:30`;
}

export default function Events() {
  const { programId, asCoordinator, events, participants } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const [form, fields] = useAppForm<Record<string, string | string[]>>({
    defaultValue: {
      title: t("events.defaultTitle"),
      startsAt: defaultStart(),
      rounds: "4",
      roundMinutes: "7",
      breakMinutes: "1",
      videoUrlPattern: "https://meet.jit.si/maillage-{event}-{room}",
      invited: participants.map((p) => p.id),
    },
  });
  const navigation = useNavigation();
  // After a refusal, the people it was sent with (none when none was checked).
  const invited = new Set(
    form.status === "error"
      ? (fields.invited?.defaultOptions ?? [])
      : participants.map((p) => p.id),
  );
  return (
    <>
      <h1>{t("events.title")}</h1>
      <p className="lead">{t("events.intro")}</p>
      {events.length === 0 ? <p className="empty-state">{t("events.none")}</p> : null}
      <ul className="cards">
        {events.map((ev) => (
          <li key={ev.id} className="card">
            <h2 className="card-title">
              <Link to={`/programs/${programId}/events/${ev.id}`}>{ev.title}</Link>
            </h2>
            <p>
              <span className={`status status--event-${ev.status}`}>
                {t(`events.statuses.${ev.status}`)}
              </span>
            </p>
            <p>{date(ev.startsAt, { dateStyle: "full", timeStyle: "short" })}</p>
            <p className="muted">
              {t("events.summary", {
                rounds: ev.rounds,
                minutes: ev.roundMinutes,
                invited: ev.invited,
              })}{" "}
              · {t(`events.formats.${ev.format}`)}
            </p>
          </li>
        ))}
      </ul>

      {asCoordinator ? (
        <section className="panel" aria-labelledby="new-event">
          <h2 id="new-event">{t("events.new")}</h2>
          <FormErrorSummary form={form} />
          <Form method="post" {...formProps(form)} className="stack">
            <EventFields fields={fields} participants={participants} invited={invited} />
            <p>
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                {t("events.create")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
