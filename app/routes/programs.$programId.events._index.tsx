import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { createEvent, listEvents } from "../../core/models/event.server";
import { listParticipantRows } from "../../core/models/participant.server";
import { EVENT_ARRAY_FIELDS, eventFormSchema } from "../../core/schemas/event";
import { useFormFailure, valueOf } from "~/utils/form-hooks";
import { parseForm } from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { addDays, quebecToday } from "../../core/utils/quebec-time";
import { requireCoordinatorOf, requireProgramAccess } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";

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
    participants: asCoordinator
      ? (await listParticipantRows(s, program.id)).map((p) => ({
          id: p.id,
          name: p.name,
          organization: p.organization,
          role: p.role,
        }))
      : [],
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, user } = await requireCoordinatorOf(s, request, params.programId);
  const parsed = await parseForm(request, eventFormSchema, EVENT_ARRAY_FIELDS);
  if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
  const known = new Set((await listParticipantRows(s, program.id)).map((p) => p.id));
  if (parsed.data.invited.some((id) => !known.has(id))) {
    return formFailure({ invited: { key: "errors.choice" } }, parsed.data);
  }
  const event = await createEvent(s, program.id, parsed.data, user.id);
  return redirect(`/programs/${program.id}/events/${event.id}`);
}

/** A week from today in Quebec, at 13 h 30 Quebec time. */
function defaultStart() {
  return `${addDays(quebecToday(), 7)}T13:30`;
}

export default function Events() {
  const { programId, asCoordinator, events, participants } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const failure = useFormFailure();
  const navigation = useNavigation();
  const e = failure?.fieldErrors;
  const invitedValues = failure?.values.invited;
  const invited = new Set(
    Array.isArray(invitedValues) ? (invitedValues as string[]) : participants.map((p) => p.id),
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
          <FormErrorSummary errors={e} />
          <Form method="post" noValidate className="stack">
            <Field
              name="title"
              label={t("events.fields.title")}
              required
              defaultValue={valueOf(failure, "title", t("events.defaultTitle"))}
              error={e?.title}
            />
            <Field
              name="startsAt"
              type="datetime-local"
              label={t("events.fields.startsAt")}
              required
              defaultValue={valueOf(failure, "startsAt", defaultStart())}
              error={e?.startsAt}
            />
            <div className="field-row">
              <Field
                name="rounds"
                type="number"
                min={1}
                max={20}
                required
                label={t("events.fields.rounds")}
                defaultValue={valueOf(failure, "rounds", "4")}
                error={e?.rounds}
              />
              <Field
                name="roundMinutes"
                type="number"
                min={0.05}
                max={60}
                step="any"
                required
                label={t("events.fields.roundMinutes")}
                defaultValue={valueOf(failure, "roundMinutes", "7")}
                error={e?.roundMinutes}
              />
              <Field
                name="breakMinutes"
                type="number"
                min={0}
                max={30}
                step="any"
                required
                label={t("events.fields.breakMinutes")}
                defaultValue={valueOf(failure, "breakMinutes", "1")}
                error={e?.breakMinutes}
              />
            </div>
            <div className="field-row">
              <Choice
                name="roomSize"
                label={t("events.fields.roomSize")}
                value="2"
                failure={failure}
                options={(["2", "3"] as const).map((n) => ({
                  value: n,
                  label: t(`events.roomSizes.${n}`),
                }))}
              />
              <Choice
                name="format"
                label={t("events.fields.format")}
                value="online"
                failure={failure}
                options={(["online", "in-person"] as const).map((f) => ({
                  value: f,
                  label: t(`events.formats.${f}`),
                }))}
              />
            </div>
            <Field
              name="videoUrlPattern"
              type="url"
              label={t("events.fields.videoUrlPattern")}
              hint={t("events.fields.videoUrlHint")}
              defaultValue={valueOf(
                failure,
                "videoUrlPattern",
                "https://meet.jit.si/maillage-{event}-{room}",
              )}
              error={e?.videoUrlPattern}
            />
            <fieldset
              className={e?.invited ? "field--invalid" : undefined}
              aria-describedby={e?.invited ? "field-invited-error" : undefined}
            >
              <legend>{t("events.fields.invited")}</legend>
              <div className="checkbox-grid">
                {participants.map((p) => (
                  <div className="checkbox" key={p.id}>
                    <input
                      type="checkbox"
                      id={`inv-${p.id}`}
                      name="invited"
                      value={p.id}
                      defaultChecked={invited.has(p.id)}
                    />
                    <label htmlFor={`inv-${p.id}`}>
                      {p.name}{" "}
                      <span className="muted">
                        ({t(`roles.${p.role}`)}, {p.organization})
                      </span>
                    </label>
                  </div>
                ))}
              </div>
              <FieldErrorText id="field-invited" error={e?.invited} />
            </fieldset>
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
