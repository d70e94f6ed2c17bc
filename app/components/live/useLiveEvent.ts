/** The live event seen from the browser: one socket, the server's view, and a synced clock. */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type {
  AnswerOf,
  ClientEvent,
  ClientToServerEvents,
  EventView,
  NoteChange,
  PayloadOf,
  Reply,
  ServerToClientEvents,
} from "../../../core/live/protocol";

export type { ChatMessage, EventView, NoteChange } from "../../../core/live/protocol";

/** A socket of the browser, typed by the protocol. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Emits a client event and resolves with the server's answer (or offline/timeout). The event's
 * name, the payload's field names and the answer are typed by the protocol; the values are what
 * the page's form holds, checked by the server's schema (a wrong one gets a translated refusal).
 */
export type Emit<Scope extends string> = <E extends ClientEvent>(
  name: E,
  payload: { [K in Exclude<keyof PayloadOf<E>, Scope>]?: unknown },
) => Promise<Reply<AnswerOf<E>>>;

/** `emit` on `socket` with `scope` (e.g. the event's id) added to every payload. */
export function emitOn<Scope extends string>(
  socket: () => ClientSocket | null,
  scope: Record<Scope, string>,
): Emit<Scope> {
  return <E extends ClientEvent>(
    name: E,
    payload: { [K in Exclude<keyof PayloadOf<E>, Scope>]?: unknown },
  ) =>
    new Promise<Reply<AnswerOf<E>>>((resolve) => {
      const current = socket();
      if (!current?.connected) {
        resolve({ ok: false, error: { code: "offline", message: "" } });
        return;
      }
      // The payload's values are the page's; the server parses them (see the Emit type).
      const untyped = current.timeout(10_000) as unknown as {
        emit(
          name: E,
          payload: unknown,
          ack: (err: Error | null, reply: Reply<AnswerOf<E>>) => void,
        ): void;
      };
      untyped.emit(name, { ...scope, ...payload }, (err, reply) =>
        resolve(err ? { ok: false, error: { code: "timeout", message: "" } } : reply),
      );
    });
}

export function useLiveEvent(eventId: string) {
  const [view, setView] = useState<EventView | null>(null);
  const [connection, setConnection] = useState<"connecting" | "online" | "offline">("connecting");
  const [error, setError] = useState<string | null>(null);
  /** How many times this page joined the event (each connection joins anew). */
  const [joined, setJoined] = useState(0);
  const offset = useRef(0);
  const socketRef = useRef<ClientSocket | null>(null);
  const noteListeners = useRef(new Set<(change: NoteChange) => void>());

  const accept = useCallback((next: EventView) => {
    offset.current = next.event.serverNow - Date.now();
    // A slow reply can arrive after a newer push: keep the newest view.
    setView((current) => (current && current.version > next.version ? current : next));
  }, []);

  useEffect(() => {
    const socket: ClientSocket = io({ transports: ["websocket", "polling"] });
    socketRef.current = socket;
    const join = () => {
      socket.emit("event:join", { eventId }, (reply) => {
        if (reply.ok) {
          accept(reply.data);
          setJoined((n) => n + 1);
          setError(null);
        } else setError(reply.error.message);
      });
    };
    socket.on("connect", () => {
      setConnection("online");
      // Always resync: the clock, the room and the chat may have moved while away.
      join();
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", (err: Error & { data?: { message?: string } }) => {
      setConnection("offline");
      if (err.data?.message) setError(err.data.message);
    });
    socket.on("event:state", accept);
    socket.on("chat:message", (message) => {
      setView((current) =>
        current &&
        current.room?.id === message.roomId &&
        !current.chat.some((m) => m.id === message.id)
          ? { ...current, chat: [...current.chat, message] }
          : current,
      );
    });
    socket.on("note:changed", (change) => {
      for (const listener of noteListeners.current) listener(change);
    });
    // A rating changed this person's mutual matches (theirs or the other person's rating).
    socket.on("event:matches", (update) => {
      setView((current) =>
        current && update.eventId === eventId ? { ...current, matches: update.matches } : current,
      );
    });
    socket.on("console:state", (consoleView) => {
      setView((current) => (current ? { ...current, console: consoleView } : current));
    });
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [eventId, accept]);

  const emit = useMemo(() => emitOn(() => socketRef.current, { eventId }), [eventId]);

  /** Listens to the room notes' updates (see useRoomNote); returns the unsubscribe. */
  const subscribe = useCallback((name: "note:changed", listener: (change: NoteChange) => void) => {
    noteListeners.current.add(listener);
    return () => void noteListeners.current.delete(listener);
  }, []);

  const serverNow = useCallback(() => Date.now() + offset.current, []);
  return { view, connection, error, emit, serverNow, joined, subscribe };
}

/** Milliseconds left in the current phase, ticking 4 times a second, from the server's clock. */
export function useCountdown(view: EventView | null, serverNow: () => number) {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!view) return;
    const compute = () => {
      if (view.event.status === "paused") return view.event.pausedRemainingMs ?? 0;
      if (view.event.deadline === null) return null;
      return Math.max(0, view.event.deadline - serverNow());
    };
    setLeft(compute());
    const timer = setInterval(() => setLeft(compute()), 250);
    return () => clearInterval(timer);
  }, [view, serverNow]);
  return left;
}

export function formatClock(ms: number | null): string {
  if (ms === null) return "–:––";
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
