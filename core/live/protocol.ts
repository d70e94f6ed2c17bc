/**
 * The live protocol in one place: every Socket.IO event between the browser and the server, and
 * between server processes, with its payload and its answer. The server (`server/live/*`, typed
 * `Server<…>`/`Socket<…>`) and the client hooks (`app/components/live/*`, typed socket.io-client
 * sockets) both import these types.
 *
 * Types only: the page's script must not load zod (its eval probe breaks the content security
 * policy, see tests/e2e/content-security-policy.e2e.test.ts), so every import here is `import
 * type` and is erased from the bundle. The payloads' zod schemas, which the server parses every
 * event with, are `liveSchemas` (core/schemas/event.ts) and `codevLiveSchemas`
 * (core/schemas/codev.ts); the payload types below are their input types, so the two cannot drift.
 */
import type { z } from "zod";
import type { Locale } from "../i18n";
import type { CodevView } from "../models/codev.server";
import type { EventPerson as RoomPerson } from "../models/event.server";
import type { codevLiveSchemas } from "../schemas/codev";
import type { liveSchemas } from "../schemas/event";
import type { SolverUpdate } from "../services";
import type { ChatMessage } from "../store/chat-log";

export type { ChatMessage, CodevView };

/** Every answer to a client's event (its acknowledgement). */
export type Reply<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

type Ack<T> = (reply: Reply<T>) => void;
type Event<Schema extends z.ZodType, T> = (payload: z.input<Schema>, ack: Ack<T>) => void;
type Codev = typeof codevLiveSchemas;
type Live = typeof liveSchemas;

/** A person in a speed-dating room, as the others in it see them (the model's own type). */
export type EventPerson = RoomPerson;

/** The coordinators' console: who is invited and connected, the rooms of the current round. */
export interface ConsoleView {
  invited: Array<{ id: string; name: string; organization: string; connected: boolean }>;
  rooms: Array<{ id: string; number: number; members: string[] }>;
  waiting: string[];
}

/** What one person sees of a speed-dating event now (see server/live/event-views.ts). */
export interface EventView {
  /** The event's revision: the client keeps the view with the highest. */
  version: number;
  event: {
    id: string;
    title: string;
    /** ISO instant; shown in Quebec time. */
    startsAt: string;
    status: "scheduled" | "lobby" | "running" | "paused" | "ended";
    phase: "round" | "break" | null;
    currentRound: number;
    rounds: number;
    /** Epoch milliseconds on the server's clock. */
    deadline: number | null;
    pausedRemainingMs: number | null;
    serverNow: number;
    format: "online" | "in-person";
    roomSize: 2 | 3;
  };
  me: { participantId: string | null; coordinator: boolean };
  room: { id: string; number: number; videoUrl: string; members: EventPerson[] } | null;
  waiting: boolean;
  /** Why this person waits this round, and whether a room is planned for them next. */
  wait: {
    /** "late": they arrived after the round began (its rooms were formed without them). */
    reason: "late" | "rule" | "count";
    /** People present this round. */
    present: number;
    next: "seated" | "waiting" | "unplanned" | "none";
  } | null;
  chat: ChatMessage[];
  toRate: Array<{
    round: number;
    participantId: string;
    name: string;
    organization: string;
    answer: "yes" | "maybe" | "no" | null;
    note: string;
  }>;
  console: ConsoleView | null;
  /** This person's own mutual matches, once the event ended (nobody else's, ever). */
  matches: MatchView[];
}

/** A mutual match as its person sees it: the other person and the level of the match. */
export interface MatchView {
  id: string;
  name: string;
  organization: string;
  level: "yes" | "maybe";
}

/** Binary data: the server sends a Uint8Array, the browser receives an ArrayBuffer. */
export type Binary = ArrayBuffer | Uint8Array;

/** A change of a room's shared note (a Yjs update), pushed by the server. */
export interface NoteChange {
  roomId: string;
  update: Binary;
}

/** Browser → server: each event's payload (parsed with its zod schema) and its answer. */
export interface ClientToServerEvents {
  "session:whoami": (
    payload: Record<string, never>,
    ack: Ack<{
      user: SocketUser;
      programs: Array<{ id: string; title: string }>;
    }>,
  ) => void;
  "formation:watch": (payload: { programId: string }, ack: Ack<{ watching: boolean }>) => void;
  "event:join": Event<Live["join"], EventView>;
  "chat:send": Event<Live["chat"], ChatMessage>;
  /**
   * Sync step 1; the answer is step 2 and the server's state vector (sent as Uint8Array, received
   * by the browser as ArrayBuffer).
   */
  "note:sync": Event<Live["noteSync"], { update: Binary; stateVector: Binary }>;
  "note:update": Event<Live["noteUpdate"], { saved: boolean }>;
  "rating:submit": Event<
    Live["rating"],
    { round: number; toParticipantId: string; answer: "yes" | "maybe" | "no" }
  >;
  "console:command": Event<
    Live["command"],
    { status: EventView["event"]["status"]; currentRound: number }
  >;
  "codev:join": Event<Codev["join"], CodevView & { me: string }>;
  "codev:command": Event<Codev["command"], CodevView>;
  "codev:extend": Event<Codev["extend"], CodevView>;
  "codev:subject": Event<Codev["subject"], CodevView>;
  "codev:note": Event<Codev["note"], CodevView>;
  "codev:action:add": Event<Codev["actionAdd"], CodevView>;
  "codev:action:remove": Event<Codev["actionRemove"], CodevView>;
}

export type ClientEvent = keyof ClientToServerEvents;
/** The payload of a client's event. */
export type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
/** What the server answers to a client's event when it succeeds. */
export type AnswerOf<E extends ClientEvent> =
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Reply<infer T> ? T : never;

/** Server → browser pushes. */
export interface ServerToClientEvents {
  "event:state": (view: EventView) => void;
  "console:state": (view: ConsoleView) => void;
  /**
   * A rating changed this person's mutual matches (sent on their own channel `evt:<id>:p:<them>`,
   * to the rater and to the person rated).
   */
  "event:matches": (update: { eventId: string; matches: MatchView[] }) => void;
  "chat:message": (message: ChatMessage) => void;
  "note:changed": (change: NoteChange) => void;
  "codev:state": (view: CodevView) => void;
  "solver:update": (update: SolverUpdate) => void;
}

/** What a process answers to "who is here?" (participant ids only, never socket data). */
export interface PresenceReply {
  connected: string[];
  graced: string[];
}

/**
 * Between server processes (PostgreSQL adapter, ADR 0010). Their listeners take `unknown` and
 * parse with zod all the same: another process may run another version.
 */
export interface InterServerEvents {
  /** An event changed: its new revision. */
  "speed:changed": (eventId: string, revision: number) => void;
  /** Who is here? Each process answers with participant ids. */
  "speed:present": (eventId: string, ack: (reply: PresenceReply) => void) => void;
  /** Accounts were erased on the sending process: the people of these events are read again. */
  "speed:erased": (eventIds: string[]) => void;
  /** Presence changed on the sending process (the consoles refresh). */
  "speed:presence": (eventId: string) => void;
  /** Chat messages sent on the sending process, for the rooms' sockets here. */
  "speed:chat": (batch: ChatMessage[]) => void;
  /** Room-note updates accepted on the sending process (base64 Yjs updates). */
  "speed:note": (
    batch: Array<{ eventId: string; roomId: string; by: string; update: string }>,
  ) => void;
  /** What this process's copy of a note lacks, from the others' (base64, or null). */
  "speed:note-pull": (
    eventId: string,
    roomId: string,
    stateVector: string,
    ack: (update: string | null) => void,
  ) => void;
}

export interface SocketUser {
  id: string;
  name: string;
  role: "coordinator" | "participant";
}

/** What the server keeps on each socket. */
export interface SocketData {
  user: SocketUser;
  locale: Locale;
  /** The page session it was opened with: it closes when that session ends. */
  sessionId: string;
  /** Events this socket joined, with the access checked at join time. */
  events?: Record<string, { participantId?: string; coordinator: boolean }>;
  /** Co-development sessions this socket joined: session id → the member's participant id. */
  codev?: Record<string, string>;
}
