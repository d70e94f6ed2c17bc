/** socket.io-client helpers for the live tests: a signed-in participant's socket and typed acks. */
import type { LiveSocket } from "../../server/live/handle";
import { io, type Socket } from "socket.io-client";
import { HttpClient } from "./http";

export type Reply<T = unknown> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface LiveState {
  event: {
    status: string;
    phase: string | null;
    currentRound: number;
    deadline: number | null;
    serverNow: number;
  };
  me: { participantId: string | null; coordinator: boolean };
  room: { id: string; number: number; members: Array<{ id: string; name: string }> } | null;
  waiting: boolean;
  chat: Array<{ id: string; text: string; authorName: string }>;
  toRate: Array<{ round: number; participantId: string }>;
  console: {
    invited: Array<{ id: string; connected: boolean }>;
    rooms: Array<{ members: string[] }>;
  } | null;
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
