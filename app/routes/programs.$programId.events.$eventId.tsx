import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  formatClock,
  useCountdown,
  useLiveEvent,
  type LiveView,
} from "~/components/live/useLiveEvent";
import { eventPeople, mutualMatches } from "../../core/models/event.server";
import { useRoomNote } from "~/components/live/useRoomNote";
import { NOTE_MAX_LENGTH } from "../../core/data/room-note";
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
    participantId: access.participantId ?? null,
    matches,
  };
}

type Live = ReturnType<typeof useLiveEvent>;
type Emit = Live["emit"];

function Clock({ view, serverNow }: { view: LiveView; serverNow: () => number }) {
  const { t } = useT();
  const left = useCountdown(view, serverNow);
  const { event } = view;
  const label =
    event.status === "running" || event.status === "paused"
      ? t(event.phase === "break" ? "live.breakOf" : "live.roundOf", {
          round: event.currentRound,
          rounds: event.rounds,
        })
      : t(`events.statuses.${event.status}`);
  return (
    <div className={`clock clock--${event.phase ?? event.status}`} role="timer" aria-live="off">
      <span className="clock-label">{label}</span>
      <span className="clock-time" data-testid="countdown">
        {event.status === "running" || event.status === "paused" ? formatClock(left) : "–:––"}
      </span>
      {event.status === "paused" ? <span className="badge">{t("live.paused")}</span> : null}
    </div>
  );
}

function Chat({ view, emit }: { view: LiveView; emit: Emit }) {
  const { t } = useT();
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [view.chat.length]);
  if (!view.room) return null;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const reply = await emit("chat:send", { roomId: view.room!.id, text });
    if (reply.ok) {
      setText("");
      setError("");
    } else setError(reply.error.message || t("live.offline"));
  };
  return (
    <section className="chat" aria-labelledby="chat-title">
      <h3 id="chat-title">{t("live.chat")}</h3>
      <ol className="chat-list" ref={list} aria-live="polite" aria-relevant="additions">
        {view.chat.map((m) => (
          <li key={m.id} className={m.authorId === view.me.participantId ? "chat-mine" : undefined}>
            <strong>{m.authorName}</strong> <span>{m.text}</span>
          </li>
        ))}
      </ol>
      <form onSubmit={send} className="inline-form">
        <label htmlFor="chat-input" className="visually-hidden">
          {t("live.message")}
        </label>
        <input
          id="chat-input"
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("live.message")}
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t("live.send")}
        </button>
      </form>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function SharedNote({ roomId, live }: { roomId: string; live: Live }) {
  const { t } = useT();
  const { binding, error } = useRoomNote(roomId, live);
  return (
    <div className="field">
      <label htmlFor="room-note">{t("live.note")}</label>
      <p className="field-hint" id="room-note-hint">
        {t("live.noteHint")}
      </p>
      <textarea
        id="room-note"
        rows={4}
        ref={binding.attach}
        maxLength={NOTE_MAX_LENGTH}
        aria-describedby="room-note-hint"
        onChange={() => binding.input()}
        onCompositionStart={() => binding.composition(true)}
        onCompositionEnd={() => binding.composition(false)}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Room({ view, emit, live }: { view: LiveView; emit: Emit; live: Live }) {
  const { t } = useT();
  if (view.waiting) {
    return (
      <section className="panel" aria-live="polite">
        <h2>{t("live.waitingTitle")}</h2>
        <p>{t("live.waitingText")}</p>
      </section>
    );
  }
  if (!view.room) return null;
  const others = view.room.members.filter((m) => m.id !== view.me.participantId);
  return (
    <section className="panel room" aria-labelledby="room-title">
      <h2 id="room-title">
        {view.event.format === "in-person"
          ? t("live.table", { number: view.room.number })
          : t("live.room", { number: view.room.number })}
      </h2>
      {view.event.format === "in-person" ? (
        <p className="table-number" aria-hidden="true">
          {view.room.number}
        </p>
      ) : view.room.videoUrl ? (
        <p>
          <a className="button" href={view.room.videoUrl} target="_blank" rel="noreferrer">
            {t("live.video")} <span className="visually-hidden">({t("common.newTab")})</span>
          </a>
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {t("live.roomAnnounce", { round: view.event.currentRound, room: view.room.number })}
      </p>
      <ul className="cards">
        {others.map((p) => (
          <li key={p.id} className="card">
            <h3 className="card-title">{p.name}</h3>
            <p className="muted">
              {t(`roles.${p.role}`)} · {p.organization}
            </p>
            {p.needs.length ? (
              <p>
                <strong>
                  {t("profile.needs")}
                  {t("common.colon")}
                </strong>{" "}
                {p.needs.join(", ")}
              </p>
            ) : null}
            {p.expertise.length ? (
              <p>
                <strong>
                  {t("profile.expertise")}
                  {t("common.colon")}
                </strong>{" "}
                {p.expertise.join(", ")}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="two-columns">
        {/* Keyed by room: nothing typed in one room can reach the next one. */}
        <Chat key={`chat-${view.room.id}`} view={view} emit={emit} />
        <SharedNote key={`note-${view.room.id}`} roomId={view.room.id} live={live} />
      </div>
    </section>
  );
}

function Ratings({ view, emit }: { view: LiveView; emit: Emit }) {
  const { t } = useT();
  const [saved, setSaved] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const count = view.toRate.length;
  // When a round ends, the chat that had the focus goes away: the keyboard lands on the ratings.
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (count > 0 && lost) heading.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <section className="panel" aria-labelledby="ratings-title">
      <h2 id="ratings-title" ref={heading} tabIndex={-1}>
        {t("live.rateTitle")}
      </h2>
      <p className="field-hint">{t("live.rateHint")}</p>
      <ul className="rating-list">
        {view.toRate.map((r) => {
          const key = `${r.round}-${r.participantId}`;
          return (
            <li key={key}>
              <form
                className="rating-form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  const data = new FormData(e.currentTarget);
                  const reply = await emit("rating:submit", {
                    round: r.round,
                    toParticipantId: r.participantId,
                    answer: String(data.get("answer") ?? ""),
                    note: String(data.get("note") ?? ""),
                  });
                  setSaved((s) => ({
                    ...s,
                    [key]: reply.ok ? t("live.rated") : reply.error.message || t("live.offline"),
                  }));
                }}
              >
                <fieldset>
                  <legend>
                    {t("live.rateWho", { name: r.name, round: r.round })}{" "}
                    <span className="muted">({r.organization})</span>
                  </legend>
                  <div className="score-scale">
                    {(["yes", "maybe", "no"] as const).map((answer) => (
                      <label key={answer} className="score-option">
                        <input
                          type="radio"
                          name="answer"
                          value={answer}
                          defaultChecked={r.answer === answer}
                          required
                        />
                        {t(`live.answers.${answer}`)}
                      </label>
                    ))}
                  </div>
                  <label htmlFor={`note-${key}`}>{t("live.privateNote")}</label>
                  <input id={`note-${key}`} name="note" defaultValue={r.note} maxLength={1000} />
                  <p>
                    <button type="submit" className="button button--secondary">
                      {t("live.saveRating")}
                    </button>{" "}
                    <span role="status">{saved[key] ?? ""}</span>
                  </p>
                </fieldset>
              </form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Console({ view, emit }: { view: LiveView; emit: Emit }) {
  const { t } = useT();
  const [message, setMessage] = useState("");
  if (!view.console) return null;
  const status = view.event.status;
  const command = async (name: string) => {
    // The revision shown: a second click before the new view arrives is refused, not applied.
    const reply = await emit("console:command", { command: name, revision: view.version });
    setMessage(reply.ok ? "" : reply.error.message || t("live.offline"));
  };
  // Buttons that do not apply now stay focusable (aria-disabled, not disabled): pressing "start"
  // with the keyboard leaves the focus on the console instead of dropping it to the page.
  const buttons: Array<{ name: string; label: Parameters<typeof t>[0]; enabled: boolean }> = [
    { name: "open-lobby", label: "live.commands.openLobby", enabled: status === "scheduled" },
    {
      name: "start",
      label: "live.commands.start",
      enabled: status === "scheduled" || status === "lobby",
    },
    { name: "pause", label: "live.commands.pause", enabled: status === "running" },
    { name: "resume", label: "live.commands.resume", enabled: status === "paused" },
    {
      name: "extend",
      label: "live.commands.extend",
      enabled: status === "running" || status === "paused",
    },
    {
      name: "skip",
      label: "live.commands.skip",
      enabled: status === "running" || status === "paused",
    },
    { name: "end", label: "live.commands.end", enabled: status !== "ended" },
  ];
  const connected = view.console.invited.filter((p) => p.connected).length;
  return (
    <section className="panel" aria-labelledby="console-title">
      <h2 id="console-title">{t("live.console")}</h2>
      <div className="actions" role="group" aria-label={t("live.console")}>
        {buttons.map((b) => (
          <button
            key={b.name}
            type="button"
            className="button button--secondary"
            aria-disabled={!b.enabled || undefined}
            onClick={b.enabled ? () => void command(b.name) : undefined}
          >
            {t(b.label)}
          </button>
        ))}
      </div>
      {message ? (
        <p className="field-error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="two-columns">
        <div>
          <h3>{t("live.presence", { connected, invited: view.console.invited.length })}</h3>
          <ul className="presence-list">
            {view.console.invited.map((p) => (
              <li key={p.id} className={p.connected ? "present" : "absent"}>
                <span aria-hidden="true">{p.connected ? "●" : "○"}</span> {p.name}
                <span className="visually-hidden">
                  {" "}
                  — {t(p.connected ? "live.connected" : "live.notConnected")}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t("live.rooms")}</h3>
          {view.console.rooms.length === 0 ? <p className="muted">{t("live.noRooms")}</p> : null}
          <ol className="room-list">
            {view.console.rooms.map((r) => (
              <li key={r.id}>
                <strong>
                  {t(view.event.format === "in-person" ? "live.table" : "live.room", {
                    number: r.number,
                  })}
                </strong>{" "}
                : {r.members.join(", ")}
              </li>
            ))}
          </ol>
          {view.console.waiting.length ? (
            <p>
              {t("live.waitingList")}
              {t("common.colon")} {view.console.waiting.join(", ")}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}

export default function LiveEventPage() {
  const data = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const live = useLiveEvent(data.eventId);
  const { view, connection, error, emit, serverNow } = live;
  const revalidator = useRevalidator();
  const ended = view?.event.status === "ended";
  useEffect(() => {
    if (ended && data.status !== "ended") revalidator.revalidate();
  }, [ended, data.status, revalidator]);
  return (
    <>
      <p>
        <Link to={`/programs/${data.programId}/events`}>← {t("events.title")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="muted">{date(data.startsAt, { dateStyle: "full", timeStyle: "short" })}</p>
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
          {data.matches.length === 0 ? <p>{t("live.noMatches")}</p> : null}
          <ul>
            {data.matches.map((m) => (
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
