/** A participant's room during a live event: the clock, the people, the chat and the shared note. */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { NOTE_MAX_LENGTH } from "../../../core/data/room-note";
import { tagLabel } from "../../../core/data/tag-label";
import { waitLines } from "../../../core/live/wait-text";
import { useT } from "~/utils/i18n-react";
import { formatClock, useCountdown, type EventView } from "./useLiveEvent";
import { useRoomNote } from "./useRoomNote";
import type { Emit, Live } from "./live-types";

export function Clock({ view, serverNow }: { view: EventView; serverNow: () => number }) {
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

export function Chat({ view, emit }: { view: EventView; emit: Emit }) {
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

export function SharedNote({ roomId, live }: { roomId: string; live: Live }) {
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

export function Room({ view, emit, live }: { view: EventView; emit: Emit; live: Live }) {
  const { t, locale } = useT();
  if (view.waiting) {
    return (
      <section className="panel" aria-live="polite">
        <h2>{t("live.waitingTitle")}</h2>
        {waitLines(view).map((line) => (
          <p key={line.key}>{t(line.key, line.params)}</p>
        ))}
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
                {p.needs.map((tag) => tagLabel(tag, locale)).join(", ")}
              </p>
            ) : null}
            {p.expertise.length ? (
              <p>
                <strong>
                  {t("profile.expertise")}
                  {t("common.colon")}
                </strong>{" "}
                {p.expertise.map((tag) => tagLabel(tag, locale)).join(", ")}
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
