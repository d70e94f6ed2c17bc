import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useLiveEvent } from "~/components/live/useLiveEvent";
import { Clock, Room } from "~/components/live/EventRoom";
import { Ratings } from "~/components/live/EventRatings";
import { Console } from "~/components/live/EventConsole";
import { eventPeople, isEditable, mutualMatches } from "../../core/models/event.server";
import { useT } from "~/utils/i18n-react";
import { requireEventAccess } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} – Maillage` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const access = await requireEventAccess(s, request, params.programId, params.eventId);
  const { event, program } = access;
  let matches: Array<{ id: string; name: string; organization: string; level: "yes" | "maybe" }> =
    [];
  if (event.status === "ended" && access.participantId) {
    const people = await eventPeople(s, event);
    matches = (await mutualMatches(s, event.id, access.participantId)).map((m) => ({
      id: m.participantId,
      name: people.get(m.participantId)?.name ?? "?",
      organization: people.get(m.participantId)?.organization ?? "",
      level: m.level,
    }));
  }
  return {
    programId: program.id,
    eventId: event.id,
    title: event.title,
    startsAt: event.startsAt,
    status: event.status,
    coordinator: access.coordinator,
    // Its settings can still change (before it starts): the coordinators' link to the form.
    editable: access.coordinator && isEditable(event),
    saved: new URL(request.url).searchParams.has("saved"),
    participantId: access.participantId ?? null,
    matches,
  };
}

export default function LiveEventPage() {
  const data = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const live = useLiveEvent(data.eventId);
  const { view, connection, error, emit, serverNow } = live;
  const revalidator = useRevalidator();
  const ended = view?.event.status === "ended";
  // The live view's matches follow every rating (the person's own or the other's); the page's
  // until the socket answers.
  const matches = ended && view ? view.matches : data.matches;
  useEffect(() => {
    if (ended && data.status !== "ended") revalidator.revalidate();
  }, [ended, data.status, revalidator]);
  return (
    <>
      <p>
        <Link to={`/programs/${data.programId}/events`}>← {t("events.title")}</Link>
      </p>
      {/* The live view's title and time: a change saved meanwhile shows without a reload. */}
      <h1>{view?.event.title ?? data.title}</h1>
      <p className="muted">
        {date(view?.event.startsAt ?? data.startsAt, { dateStyle: "full", timeStyle: "short" })}
      </p>
      {data.saved ? (
        <p className="alert alert--success" role="status">
          {t("events.saved")}
        </p>
      ) : null}
      {data.editable ? (
        <p>
          <Link
            to={`/programs/${data.programId}/events/${data.eventId}/edit`}
            className="button button--secondary"
          >
            {t("events.edit")}
          </Link>
        </p>
      ) : null}
      <p className={`connection connection--${connection}`} role="status">
        {t(`live.connection.${connection}`)}
      </p>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {view ? (
        <>
          {view.event.status === "ended" ? (
            <p className="badge">{t("events.statuses.ended")}</p>
          ) : (
            <Clock view={view} serverNow={serverNow} />
          )}
          {view.event.status === "scheduled" || view.event.status === "lobby" ? (
            <p className="panel">
              {t(view.me.coordinator ? "live.lobbyCoordinator" : "live.lobby")}
            </p>
          ) : null}
          <Console view={view} emit={emit} />
          {view.event.phase === "round" && view.event.status !== "ended" ? (
            <Room view={view} emit={emit} live={live} />
          ) : null}
          {view.event.phase === "break" ? (
            <p className="panel" aria-live="polite">
              {t("live.breakText")}
            </p>
          ) : null}
          <Ratings view={view} emit={emit} />
        </>
      ) : null}
      {data.status === "ended" && data.participantId ? (
        <section className="panel" aria-labelledby="matches-title">
          <h2 id="matches-title">{t("live.matchesTitle")}</h2>
          {matches.length === 0 ? <p>{t("live.noMatches")}</p> : null}
          <ul>
            {matches.map((m) => (
              <li key={m.id}>
                <strong>{m.name}</strong> ({m.organization}) — {t(`live.matchLevels.${m.level}`)}
              </li>
            ))}
          </ul>
          <p className="muted">{t("live.matchesNext")}</p>
        </section>
      ) : null}
    </>
  );
}
