/** The live event seen from the browser: one socket, the server's view, and a synced clock. */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";

export interface Person {
  id: string;
  name: string;
  organization: string;
  region: string;
  role: "mentor" | "mentee" | "peer";
  needs: string[];
  expertise: string[];
}
export interface ChatMessage {
  id: string;
  roomId: string;
  authorId: string;
  authorName: string;
  text: string;
  at: string;
}
export interface LiveView {
  version: number;
  event: {
    id: string;
    title: string;
    status: "scheduled" | "lobby" | "running" | "paused" | "ended";
    phase: "round" | "break" | null;
    currentRound: number;
    rounds: number;
    deadline: number | null;
    pausedRemainingMs: number | null;
    serverNow: number;
    format: "online" | "in-person";
    roomSize: 2 | 3;
  };
  me: { participantId: string | null; coordinator: boolean };
  room: { id: string; number: number; videoUrl: string; members: Person[] } | null;
  waiting: boolean;
  chat: ChatMessage[];
  toRate: Array<{
    round: number;
    participantId: string;
    name: string;
    organization: string;
    answer: "yes" | "maybe" | "no" | null;
    note: string;
  }>;
  console: {
    invited: Array<{ id: string; name: string; organization: string; connected: boolean }>;
    rooms: Array<{ id: string; number: number; members: string[] }>;
    waiting: string[];
  } | null;
}
/** A change of a room's shared note (a Yjs update), pushed by the server. */
export interface NoteChange {
  roomId: string;
  update: ArrayBuffer | Uint8Array;
}
type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export function useLiveEvent(eventId: string) {
  const [view, setView] = useState<LiveView | null>(null);
  const [connection, setConnection] = useState<"connecting" | "online" | "offline">("connecting");
  const [error, setError] = useState<string | null>(null);
  /** How many times this page joined the event (each connection joins anew). */
  const [joined, setJoined] = useState(0);
  const offset = useRef(0);
  const socketRef = useRef<Socket | null>(null);
  const noteListeners = useRef(new Set<(change: NoteChange) => void>());

  const accept = useCallback((next: LiveView) => {
    offset.current = next.event.serverNow - Date.now();
    // A slow reply can arrive after a newer push: keep the newest view.
    setView((current) => (current && current.version > next.version ? current : next));
  }, []);

  useEffect(() => {
    const socket = io({ transports: ["websocket", "polling"] });
    socketRef.current = socket;
    const join = () => {
      socket.emit("event:join", { eventId }, (reply: Reply<LiveView>) => {
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
    socket.on("chat:message", (message: ChatMessage) => {
      setView((current) =>
        current &&
        current.room?.id === message.roomId &&
        !current.chat.some((m) => m.id === message.id)
          ? { ...current, chat: [...current.chat, message] }
          : current,
      );
    });
    socket.on("note:changed", (change: NoteChange) => {
      for (const listener of noteListeners.current) listener(change);
    });
    socket.on("console:state", (consoleView: LiveView["console"]) => {
      setView((current) => (current ? { ...current, console: consoleView } : current));
    });
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [eventId, accept]);

  const emit = useCallback(
    <T>(name: string, payload: Record<string, unknown>) =>
      new Promise<Reply<T>>((resolve) => {
        const socket = socketRef.current;
        if (!socket?.connected) {
          resolve({ ok: false, error: { code: "offline", message: "" } });
          return;
        }
        socket
          .timeout(10_000)
          .emit(name, { eventId, ...payload }, (err: Error | null, reply: Reply<T>) =>
            resolve(err ? { ok: false, error: { code: "timeout", message: "" } } : reply),
          );
      }),
    [eventId],
  );

  /** Listens to the room notes' updates (see useRoomNote); returns the unsubscribe. */
  const subscribe = useCallback((name: "note:changed", listener: (change: NoteChange) => void) => {
    noteListeners.current.add(listener);
    return () => void noteListeners.current.delete(listener);
  }, []);

  const serverNow = useCallback(() => Date.now() + offset.current, []);
  return { view, connection, error, emit, serverNow, joined, subscribe };
}

/** Milliseconds left in the current phase, ticking 4 times a second, from the server's clock. */
export function useCountdown(view: LiveView | null, serverNow: () => number) {
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
