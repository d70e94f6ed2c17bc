/** socket.io-client helpers for the live tests: a signed-in participant's socket and typed acks. */
import type { LiveSocket } from "../../server/live/handle";
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { NOTE_TEXT_NAME } from "../../core/data/room-note";
import { HttpClient } from "./http";

export type Reply<T = unknown> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface LiveState {
  event: {
    title: string;
    startsAt: string;
    status: string;
    phase: string | null;
    currentRound: number;
    deadline: number | null;
    serverNow: number;
  };
  me: { participantId: string | null; coordinator: boolean };
  room: { id: string; number: number; members: Array<{ id: string; name: string }> } | null;
  waiting: boolean;
  wait: {
    reason: "late" | "rule" | "count";
    present: number;
    next: "seated" | "waiting" | "unplanned" | "none";
  } | null;
  chat: Array<{ id: string; text: string; authorName: string }>;
  toRate: Array<{ round: number; participantId: string; name: string; organization: string }>;
  console: {
    invited: Array<{ id: string; name: string; connected: boolean }>;
    rooms: Array<{ members: string[] }>;
    waiting: string[];
  } | null;
  /** The person's own mutual matches, once the event ended. */
  matches: Array<{ id: string; name: string; organization: string; level: string }>;
}

export class LiveClient {
  socket!: Socket;
  http: HttpClient;
  states: LiveState[] = [];
  messages: Array<{ roomId: string; text: string; authorName: string }> = [];

  constructor(
    readonly base: string,
    readonly email: string,
  ) {
    this.http = new HttpClient(base);
  }

  async connect(options: { signIn?: boolean } = {}) {
    if (options.signIn !== false && !this.http.cookies.has("maillage_session"))
      await this.http.signIn(this.email);
    this.socket = io(this.base, {
      transports: ["websocket"],
      extraHeaders: { Cookie: this.http.cookieHeader() },
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    this.socket.on("event:state", (state: LiveState) => this.states.push(state));
    this.socket.on("chat:message", (m: { roomId: string; text: string; authorName: string }) =>
      this.messages.push(m),
    );
    await new Promise<void>((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", reject);
    });
    return this;
  }

  emit<T = unknown>(event: string, payload: unknown): Promise<Reply<T>> {
    return this.socket.timeout(10_000).emitWithAck(event, payload) as Promise<Reply<T>>;
  }

  async join(eventId: string): Promise<LiveState> {
    const reply = await this.emit<LiveState>("event:join", { eventId });
    if (!reply.ok) throw new Error(`join refused: ${reply.error.code}`);
    return reply.data;
  }

  /** Waits for a pushed state matching the predicate (or returns one already received). */
  async waitForState(predicate: (s: LiveState) => boolean, timeoutMs = 10_000): Promise<LiveState> {
    const started = Date.now();
    for (;;) {
      const found = [...this.states].reverse().find(predicate);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`${this.email}: no matching state`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  latest(): LiveState | undefined {
    return this.states[this.states.length - 1];
  }

  close() {
    this.socket?.close();
  }
}

/**
 * A browser's copy of a room's shared note over a LiveClient's socket: the sync handshake, the
 * updates it sends, the ones the server pushes. Edits are made and sent separately, so a test can
 * make two copies diverge before either hears of the other.
 */
export class NoteReplica {
  doc = new Y.Doc();
  /** Updates the server pushed (`note:changed`), as received. */
  pushes = 0;

  constructor(
    readonly client: LiveClient,
    readonly eventId: string,
    readonly roomId: string,
  ) {
    client.socket.on("note:changed", (change: { roomId: string; update: Uint8Array }) => {
      if (change.roomId !== roomId) return;
      this.pushes += 1;
      Y.applyUpdate(this.doc, new Uint8Array(change.update), "server");
    });
  }

  get text() {
    return this.doc.getText(NOTE_TEXT_NAME).toString();
  }

  /** Sync step 1 and 2, then what the server lacks from this copy. */
  async sync(): Promise<Reply> {
    const reply = await this.client.emit<{ update: Uint8Array; stateVector: Uint8Array }>(
      "note:sync",
      { eventId: this.eventId, roomId: this.roomId, stateVector: Y.encodeStateVector(this.doc) },
    );
    if (!reply.ok) return reply;
    Y.applyUpdate(this.doc, new Uint8Array(reply.data.update), "server");
    const missing = Y.encodeStateAsUpdate(this.doc, new Uint8Array(reply.data.stateVector));
    return this.send(missing);
  }

  /** Types `text` at `index` in this copy; returns the update, not sent yet. */
  edit(index: number, text: string): Uint8Array {
    const updates: Uint8Array[] = [];
    const keep = (update: Uint8Array) => updates.push(update);
    this.doc.on("update", keep);
    this.doc.getText(NOTE_TEXT_NAME).insert(index, text);
    this.doc.off("update", keep);
    return Y.mergeUpdates(updates);
  }

  send(update: Uint8Array): Promise<Reply> {
    return this.client.emit("note:update", {
      eventId: this.eventId,
      roomId: this.roomId,
      update,
    });
  }

  /** Waits until the copy's text matches (pushes arrive on their own). */
  async waitForText(predicate: (text: string) => boolean, timeoutMs = 10_000) {
    const started = Date.now();
    while (!predicate(this.text)) {
      if (Date.now() - started > timeoutMs)
        throw new Error(`${this.client.email}: the note is still "${this.text}"`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.text;
  }
}

/** A server-side socket with just what `handle()` uses (`on`, the user and the locale), for unit tests. */
export function fakeSocket(locale: "fr" | "en") {
  const listeners = new Map<string, (payload: unknown, ack: unknown) => Promise<void>>();
  const socket = {
    data: { user: { id: "u1", name: "U", role: "participant" }, locale },
    on: (event: string, fn: (payload: unknown, ack: unknown) => Promise<void>) =>
      listeners.set(event, fn),
  } as unknown as LiveSocket;
  return { socket, listeners };
}
