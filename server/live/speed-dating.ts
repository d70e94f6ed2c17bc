/**
 * Live speed-dating over Socket.IO. The server owns the clock (a timer per running event, re-armed
 * from the stored deadline after a restart) and moves sockets between room channels at each phase.
 *
 * Channels: `evt:<id>` everyone, `evt:<id>:console` coordinators, `evt:<id>:p:<participant>` the
 * sockets of one person, `evt:<id>:room:<roomId>` a room of the current round.
 */
import type { Server } from "socket.io";
import { randomUUID } from "node:crypto";
import {
  applyCommand,
  currentRoom,
  eventPeople,
  EventCommandError,
  getEvent,
  getEventAccess,
  liveEvents,
  metInRound,
  ownRatings,
  rate,
  RatingNotAllowedError,
  roomNote,
  saveRoomNote,
  videoUrl,
  type EventPerson,
  type SpeedEvent,
} from "../../app/models/event.server";
import { liveSchemas } from "../../app/schemas/event";
import { getChatLog, getStore, type ChatMessage } from "../store";
import { handle, LiveError, type LiveSocket } from "./handle";

/** A person who dropped out stays "present" this long, so a Wi-Fi hiccup keeps their seat. */
export const PRESENCE_GRACE_MS = 60_000;
const CHAT_BURST = 5;
const CHAT_WINDOW_MS = 5_000;

interface Presence {
  sockets: Set<string>;
  lastSeen: number;
}

interface LiveEventState {
  timer?: NodeJS.Timeout;
  presence: Map<string, Presence>;
  people?: Promise<Map<string, EventPerson>>;
  noteTimers: Map<string, NodeJS.Timeout>;
  /** The latest text of each room's note, saved to the store shortly after each edit. */
  notes: Map<string, { text: string; by: string }>;
  /** The event as last published, and who sits where in its current round (hot path: chat). */
  event?: SpeedEvent;
  /** Grows with every published change: clients drop a view older than the one they have. */
  version: number;
  roomOf: Map<string, NonNullable<ReturnType<typeof currentRoom>>>;
}

export class SpeedDatingLive {
  private readonly events = new Map<string, LiveEventState>();
  private readonly chatTimes = new Map<string, number[]>();

  constructor(private readonly io: Server) {
    io.on("speed:changed", (eventId: unknown) => {
      if (typeof eventId === "string" && /^[\w-]{1,64}$/.test(eventId))
        void this.refresh(eventId).catch((error: unknown) =>
          console.error(`speed dating ${eventId}: refresh failed`, error),
        );
    });
  }

  private state(eventId: string): LiveEventState {
    let state = this.events.get(eventId);
    if (!state) {
      state = {
        presence: new Map(),
        noteTimers: new Map(),
        notes: new Map(),
        roomOf: new Map(),
        version: 0,
      };
      this.events.set(eventId, state);
    }
    return state;
  }

  /** Remembers the event and indexes its current rooms (never an older revision than known). */
  private remember(event: SpeedEvent) {
    const state = this.state(event.id);
    if (state.event && state.event.revision > event.revision) return;
    state.event = event;
    state.version = event.revision;
    state.roomOf = new Map();
    const round = event.schedule.find((r) => r.round === event.currentRound);
    for (const room of round?.rooms ?? [])
      for (const id of room.members) state.roomOf.set(id, room);
  }

  private async cached(eventId: string): Promise<SpeedEvent | undefined> {
    const state = this.state(eventId);
    if (!state.event) {
      const event = await getEvent(eventId);
      if (event) this.remember(event);
    }
    return state.event;
  }

  /** The room a participant sits in now, as the server last published it. */
  private roomNow(eventId: string, participantId: string | undefined) {
    if (!participantId) return undefined;
    const state = this.state(eventId);
    return state.event?.status === "ended" ? undefined : state.roomOf.get(participantId);
  }

  private people(event: SpeedEvent) {
    const state = this.state(event.id);
    state.people ??= eventPeople(event);
    return state.people;
  }

  present(eventId: string, now = Date.now()): string[] {
    const presence = this.state(eventId).presence;
    return [...presence]
      .filter(([, p]) => p.sockets.size > 0 || now - p.lastSeen < PRESENCE_GRACE_MS)
      .map(([id]) => id)
      .sort();
  }

  /**
   * Who is present across every server process: those connected anywhere now (the adapter finds
   * sockets on other processes) and those this process saw within the grace period.
   */
  async presentEverywhere(eventId: string): Promise<string[]> {
    const sockets = await this.io.in(`evt:${eventId}`).fetchSockets();
    const ids = new Set(this.present(eventId));
    for (const socket of sockets) {
      const id = (socket.data as LiveSocket["data"]).events?.[eventId]?.participantId;
      if (id) ids.add(id);
    }
    return [...ids].sort();
  }

  /** Another process changed an event: refresh what this one knows and re-arm its clock. */
  async refresh(eventId: string) {
    const event = await getEvent(eventId);
    if (!event) return;
    const known = this.state(eventId).event;
    if (known && known.revision >= event.revision) return;
    // This process moves and updates its own sockets (no round trip through the adapter).
    await this.publish(event, false);
  }

  /** After a restart: re-arm clocks; people seated in the current round keep their seat a while. */
  async resume() {
    for (const event of await liveEvents()) {
      const round = event.schedule.find((r) => r.round === event.currentRound);
      const presence = this.state(event.id).presence;
      for (const id of [
        ...(round?.rooms.flatMap((r) => r.members) ?? []),
        ...(round?.waiting ?? []),
      ]) {
        presence.set(id, { sockets: new Set(), lastSeen: Date.now() });
      }
      this.arm(event);
    }
  }

  private arm(event: SpeedEvent) {
    const state = this.state(event.id);
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    if (event.status !== "running" || !event.deadline) return;
    const deadline = event.deadline;
    const delay = Math.max(0, Date.parse(deadline) - Date.now());
    state.timer = setTimeout(() => {
      void this.tick(event.id, deadline);
    }, delay);
    state.timer.unref?.();
  }

  /**
   * Every process that knows a running event arms its clock, so the event carries on when one
   * process dies; the store's serialized transactions let only one of them advance the round (the
   * deadline must still be the one armed), and only that one publishes.
   */
  private async tick(eventId: string, deadline: string) {
    try {
      // Presence first (it may wait on other processes), outside the store's write lock.
      const present = await this.presentEverywhere(eventId);
      // Check and advance in one transaction: only the process that really advanced publishes.
      const outcome = await getStore().transaction(async () => {
        const current = await getEvent(eventId);
        if (!current) return undefined;
        if (current.deadline !== deadline || current.status !== "running")
          return { advanced: false, event: current };
        const event = await applyCommand(eventId, "skip", present, Date.now(), deadline);
        return { advanced: event.revision !== current.revision, event };
      });
      if (!outcome) return;
      if (!outcome.advanced) {
        this.remember(outcome.event);
        this.arm(this.state(eventId).event ?? outcome.event);
        return;
      }
      await this.publish(outcome.event);
    } catch (error) {
      // A slow answer from another process (or the database) must not stop the clock: retry.
      console.error(`speed dating ${eventId}: the clock could not advance, retrying`, error);
      const retry = setTimeout(() => void this.tick(eventId, deadline), 1_000);
      retry.unref?.();
    }
  }

  /** What one person sees now. */
  async view(event: SpeedEvent, participantId: string | undefined, coordinator: boolean) {
    const people = await this.people(event);
    const room = participantId ? currentRoom(event, participantId) : undefined;
    const round = event.schedule.find((r) => r.round === event.currentRound);
    const [chat, note, ratings] = await Promise.all([
      room ? getChatLog().history(event.id, room.id) : Promise.resolve([] as ChatMessage[]),
      room
        ? Promise.resolve(
            this.state(event.id).notes.get(room.id)?.text ?? roomNote(event.id, room.id),
          )
        : Promise.resolve(""),
      participantId ? ownRatings(event.id, participantId) : Promise.resolve([]),
    ]);
    const toRate = participantId
      ? event.schedule
          .filter(
            (r) =>
              r.round < event.currentRound ||
              (r.round === event.currentRound && event.phase !== "round") ||
              (r.round === event.currentRound && event.status === "ended"),
          )
          .flatMap((r) =>
            metInRound(event, participantId, r.round).map((other) => {
              const given = ratings.find((x) => x.round === r.round && x.toParticipantId === other);
              const person = people.get(other);
              return {
                round: r.round,
                participantId: other,
                name: person?.name ?? "?",
                organization: person?.organization ?? "",
                answer: given?.answer ?? null,
                note: given?.note ?? "",
              };
            }),
          )
      : [];
    return {
      version: this.state(event.id).version,
      event: {
        id: event.id,
        title: event.title,
        status: event.status,
        phase: event.phase ?? null,
        currentRound: event.currentRound,
        rounds: event.rounds,
        deadline: event.deadline ? Date.parse(event.deadline) : null,
        pausedRemainingMs: event.pausedRemainingMs ?? null,
        serverNow: Date.now(),
        format: event.format,
        roomSize: event.roomSize,
      },
      me: { participantId: participantId ?? null, coordinator },
      room: room
        ? {
            id: room.id,
            number: room.number,
            videoUrl: videoUrl(event, room.id),
            members: room.members
              .map((id) => people.get(id))
              .filter((p): p is EventPerson => Boolean(p)),
          }
        : null,
      waiting: Boolean(participantId && round?.waiting.includes(participantId)),
      chat,
      note,
      toRate,
      console: coordinator ? this.consoleView(event, people) : null,
    };
  }

  private consoleView(event: SpeedEvent, people: Map<string, EventPerson>) {
    const presence = this.state(event.id).presence;
    const round = event.schedule.find((r) => r.round === event.currentRound);
    const name = (id: string) => people.get(id)?.name ?? id;
    return {
      invited: event.invitedParticipantIds
        .map((id) => ({
          id,
          name: name(id),
          organization: people.get(id)?.organization ?? "",
          connected: (presence.get(id)?.sockets.size ?? 0) > 0,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, "fr")),
      rooms: (round?.rooms ?? []).map((r) => ({
        id: r.id,
        number: r.number,
        members: r.members.map(name),
      })),
      waiting: (round?.waiting ?? []).map(name),
    };
  }

  /**
   * After any change: every socket first moves to its new room channel (one synchronous pass, so
   * no chat message can fall between two rooms), then gets its own view.
   */
  async publish(event: SpeedEvent, announce = true) {
    this.remember(event);
    this.arm(event);
    // The other processes reload it and publish to their own sockets (their rooms index serves
    // chat; their clock takes over).
    if (announce && process.env.DATABASE_URL) this.io.serverSideEmit("speed:changed", event.id);
    if (event.status === "ended") {
      // Nothing live remains: forget chat rate counters of this event.
      for (const key of this.chatTimes.keys())
        if (key.startsWith(`${event.id}:`)) this.chatTimes.delete(key);
    }
    const prefix = `evt:${event.id}`;
    const sockets = await this.io.local.in(prefix).fetchSockets();
    const latest = this.state(event.id).event ?? event;
    if (latest.revision > event.revision) return; // a newer state was published meanwhile
    const targets: Array<{
      socket: (typeof sockets)[number];
      participantId?: string;
      coordinator: boolean;
    }> = [];
    for (const socket of sockets) {
      const access = (socket.data as LiveSocket["data"]).events?.[event.id];
      if (!access) continue;
      const room = this.roomNow(event.id, access.participantId);
      for (const channel of socket.rooms) {
        if (channel.startsWith(`${prefix}:room:`) && channel !== `${prefix}:room:${room?.id}`)
          socket.leave(channel);
      }
      if (room) socket.join(`${prefix}:room:${room.id}`);
      targets.push({
        socket,
        participantId: access.participantId,
        coordinator: access.coordinator,
      });
    }
    const views = new Map<string, Awaited<ReturnType<SpeedDatingLive["view"]>>>();
    for (const target of targets) {
      const key = `${target.participantId ?? ""}|${target.coordinator}`;
      let view = views.get(key);
      if (!view) {
        view = await this.view(event, target.participantId, target.coordinator);
        views.set(key, view);
      }
      target.socket.emit("event:state", view);
    }
  }

  private consoleTimers = new Map<string, NodeJS.Timeout>();

  /** Presence changes reach the console at most twice a second (a connect storm sends one update). */
  private publishConsoleSoon(eventId: string) {
    if (this.consoleTimers.has(eventId)) return;
    this.consoleTimers.set(
      eventId,
      setTimeout(() => {
        this.consoleTimers.delete(eventId);
        void (async () => {
          const event = await this.cached(eventId);
          if (!event) return;
          const people = await this.people(event);
          this.io
            .to(`evt:${eventId}:console`)
            .emit("console:state", this.consoleView(event, people));
        })().catch((error: unknown) => console.error("console update failed", error));
      }, 500),
    );
  }

  private access(socket: LiveSocket, eventId: string) {
    const cached = socket.data.events?.[eventId];
    if (cached) return cached;
    throw new LiveError("not_in_event", "errors.live.notInEvent");
  }

  attach(socket: LiveSocket) {
    handle(socket, "event:join", liveSchemas.join, async ({ eventId }) => {
      const access = await getEventAccess(socket.data.user.id, eventId);
      if (!access) throw new LiveError("not_in_event", "errors.live.notInEvent");
      socket.data.events = {
        ...socket.data.events,
        [eventId]: { participantId: access.participantId, coordinator: access.coordinator },
      };
      const prefix = `evt:${eventId}`;
      const event = (await this.cached(eventId)) ?? access.event;
      await socket.join(prefix);
      if (access.coordinator) await socket.join(`${prefix}:console`);
      if (access.participantId) {
        await socket.join(`${prefix}:p:${access.participantId}`);
        const presence = this.state(eventId).presence;
        const entry = presence.get(access.participantId) ?? {
          sockets: new Set(),
          lastSeen: Date.now(),
        };
        entry.sockets.add(socket.id);
        entry.lastSeen = Date.now();
        presence.set(access.participantId, entry);
        const room = this.roomNow(eventId, access.participantId);
        if (room) await socket.join(`${prefix}:room:${room.id}`);
        this.publishConsoleSoon(eventId);
      }
      return this.view(event, access.participantId, access.coordinator);
    });

    handle(socket, "chat:send", liveSchemas.chat, async ({ eventId, roomId, text }) => {
      const access = this.access(socket, eventId);
      const event = this.state(eventId).event;
      const room = this.roomNow(eventId, access.participantId);
      if (!event || !room || room.id !== roomId) {
        throw new LiveError("not_in_room", "errors.live.notInRoom");
      }
      const key = `${eventId}:${access.participantId}`;
      const now = Date.now();
      const recent = (this.chatTimes.get(key) ?? []).filter((t) => now - t < CHAT_WINDOW_MS);
      if (recent.length >= CHAT_BURST) throw new LiveError("rate_limited", "errors.live.tooFast");
      this.chatTimes.set(key, [...recent, now]);
      const people = await this.people(event);
      const message: ChatMessage = {
        id: randomUUID(),
        eventId,
        roomId,
        round: event.currentRound,
        authorId: access.participantId!,
        authorName: people.get(access.participantId!)?.name ?? "?",
        text,
        at: new Date(now).toISOString(),
      };
      // Deliver first, then persist: the room is looked up before any await that could race a switch.
      this.io.to(`evt:${eventId}:room:${roomId}`).emit("chat:message", message);
      await getChatLog().append(message);
      return message;
    });

    handle(socket, "note:update", liveSchemas.note, async ({ eventId, roomId, text }) => {
      const access = this.access(socket, eventId);
      const room = this.roomNow(eventId, access.participantId);
      if (!room || room.id !== roomId) throw new LiveError("not_in_room", "errors.live.notInRoom");
      socket.to(`evt:${eventId}:room:${roomId}`).emit("note:updated", { roomId, text });
      const state = this.state(eventId);
      state.notes.set(roomId, { text, by: access.participantId! });
      if (state.noteTimers.has(roomId)) clearTimeout(state.noteTimers.get(roomId));
      state.noteTimers.set(
        roomId,
        setTimeout(() => void this.saveNote(eventId, roomId), 400),
      );
      return { saved: true };
    });

    handle(socket, "rating:submit", liveSchemas.rating, async (input) => {
      const access = this.access(socket, input.eventId);
      if (!access.participantId) throw new LiveError("not_in_event", "errors.live.notInEvent");
      try {
        const rating = await rate({
          eventId: input.eventId,
          round: input.round,
          from: access.participantId,
          to: input.toParticipantId,
          answer: input.answer,
          note: input.note,
        });
        return {
          round: rating.round,
          toParticipantId: rating.toParticipantId,
          answer: rating.answer,
        };
      } catch (error) {
        if (error instanceof RatingNotAllowedError)
          throw new LiveError("not_met", "errors.live.notMet");
        throw error;
      }
    });

    handle(socket, "console:command", liveSchemas.command, async ({ eventId, command }) => {
      const access = this.access(socket, eventId);
      if (!access.coordinator) throw new LiveError("forbidden", "errors.live.coordinatorOnly");
      try {
        const event = await applyCommand(eventId, command, await this.presentEverywhere(eventId));
        await this.publish(event);
        return { status: event.status, currentRound: event.currentRound };
      } catch (error) {
        if (error instanceof EventCommandError) {
          throw new LiveError(
            error.code,
            error.code === "no-participants" ? "errors.live.needTwo" : "errors.live.notNow",
          );
        }
        throw error;
      }
    });

    socket.on("disconnect", () => {
      for (const [eventId, access] of Object.entries(socket.data.events ?? {})) {
        if (!access.participantId) continue;
        const entry = this.state(eventId).presence.get(access.participantId);
        if (entry) {
          entry.sockets.delete(socket.id);
          entry.lastSeen = Date.now();
        }
        this.publishConsoleSoon(eventId);
      }
    });
  }

  private async saveNote(eventId: string, roomId: string) {
    const state = this.state(eventId);
    const timer = state.noteTimers.get(roomId);
    if (timer) clearTimeout(timer);
    state.noteTimers.delete(roomId);
    const note = state.notes.get(roomId);
    if (!note) return;
    try {
      await saveRoomNote(eventId, roomId, note.text, note.by);
    } catch (error) {
      console.error("room note not saved", error);
    }
  }

  /** Stops the clocks and saves the notes still waiting for their debounce. */
  async stop() {
    for (const timer of this.consoleTimers.values()) clearTimeout(timer);
    const pending: Array<Promise<void>> = [];
    for (const [eventId, state] of this.events) {
      if (state.timer) clearTimeout(state.timer);
      for (const roomId of [...state.noteTimers.keys()])
        pending.push(this.saveNote(eventId, roomId));
    }
    await Promise.all(pending);
  }
}
