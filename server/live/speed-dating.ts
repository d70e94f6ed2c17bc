/**
 * Live speed-dating over Socket.IO. The server owns the clock (a timer per running event, re-armed
 * from the stored deadline after a restart) and moves sockets between room channels at each phase.
 *
 * Channels: `evt:<id>` everyone, `evt:<id>:console` coordinators, `evt:<id>:p:<participant>` the
 * sockets of one person, `evt:<id>:room:<roomId>` a room of the current round.
 */
import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { z } from "zod";
import {
  applyCommand,
  eventPeople,
  EventCommandError,
  getEvent,
  liveEvents,
  ownRatings,
  rate,
  ratingsByAuthor,
  RatingNotAllowedError,
  videoUrl,
  type EventPerson,
  type Rating,
  type SpeedEvent,
} from "../../core/models/event.server";
import { formatNumber } from "../../core/i18n";
import { eventAccess, isRefusal } from "../../core/permissions";
import { NOTE_MAX_LENGTH } from "../../core/data/room-note";
import { liveSchemas } from "../../core/schemas/event";
import { isStoreError, type ChatMessage } from "../../core/store";
import { chatMessageSchema } from "../../core/store/chat-log";
import { handle, LiveError, type LiveSocket, type LiveServer } from "./handle";
import { NoteRefused, RoomNotes } from "./room-note";
import type { Services } from "../../core/services";

/** A person who dropped out stays "present" this long, so a Wi-Fi hiccup keeps their seat. */
export const PRESENCE_GRACE_MS = 60_000;
/** How long before a deadline the clock asks the other processes who is here. */
const PRESENCE_AHEAD_MS = 3_000;
/** An answer this recent serves the clock without waiting (nothing next to the grace period). */
const PRESENCE_FRESH_MS = 10_000;
/** Presence changes reach the coordinators' console at most this often (a connect storm: one update). */
const CONSOLE_EVERY_MS = 500;

const idSchema = z.string().regex(/^[\w-]{1,64}$/);
/** What another process answers to "who is here?": participant ids only (never socket data). */
const presenceReplySchema = z.object({
  connected: z.array(idSchema).max(100_000),
  graced: z.array(idSchema).max(100_000),
});
type PresenceReply = z.infer<typeof presenceReplySchema>;

/**
 * How long each step of a round switch takes, on stderr, when `timings` is on
 * (`MAILLAGE_LIVE_TIMINGS=1`, bench:live --timings); with the event loop's delay every 10 s.
 */
class Timings {
  constructor(readonly on: boolean) {
    if (!on) return;
    // How late this process's event loop runs (every delivery waits that long), every 10 s.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    setInterval(() => {
      const ms = (ns: number) => Math.round(ns / 1e6);
      console.error(
        `live timing event loop delay: p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`,
      );
      delay.reset();
    }, 10_000).unref();
  }

  step(eventId: string, step: string, since: number, extra = "") {
    if (this.on)
      console.error(
        `live timing ${eventId} ${step}: ${Math.round(performance.now() - since)} ms${extra ? ` (${extra})` : ""}`,
      );
  }
}

/** One collator for every sort of names (a locale argument to localeCompare builds one each call). */
const byName = new Intl.Collator("fr");

type Room = SpeedEvent["schedule"][number]["rooms"][number];

interface Presence {
  sockets: Set<string>;
  lastSeen: number;
}

interface LiveEventState {
  timer?: NodeJS.Timeout;
  /** Asks for presence shortly before the deadline; its answer, for that deadline. */
  presenceTimer?: NodeJS.Timeout;
  presenceAhead?: { deadline: string; present: Promise<string[]> };
  /** The other processes' last answer: who was present there, and when they said so. */
  elsewhere?: { at: number; ids: string[] };
  presence: Map<string, Presence>;
  /** Participants connected to the other processes, as they last answered. */
  connectedElsewhere: Set<string>;
  /** This process's presence changed since it last told the others. */
  presenceChanged: boolean;
  people?: Promise<Map<string, EventPerson>>;
  /** Clock ticks in flight: each publishes what its transaction found, so a notice needs no read. */
  ticking?: number;
  /** The newest revision another process announced while a tick was in flight. */
  noticed?: number;
  /** The newest revision of the event this process knows (hot path: chat, joins). */
  event?: SpeedEvent;
  /** The revision this process last pushed to its own sockets (-1: none yet). */
  published: number;
}

/** Where everybody sits, per round: round → participant → room (built once per revision). */
const seatings = new WeakMap<SpeedEvent, Map<number, Map<string, Room>>>();
function seats(event: SpeedEvent) {
  let byRound = seatings.get(event);
  if (!byRound) {
    byRound = new Map();
    for (const round of event.schedule) {
      const seated = new Map<string, Room>();
      for (const room of round.rooms) for (const id of room.members) seated.set(id, room);
      byRound.set(round.round, seated);
    }
    seatings.set(event, byRound);
  }
  return byRound;
}

/** What a view is built from: read once per person (a join) or once per publish (everyone). */
interface ViewSources {
  people: Map<string, EventPerson>;
  chat(roomId: string): ChatMessage[];
  ratings(participantId: string): Rating[];
  connected(participantId: string): boolean;
}

export class SpeedDatingLive {
  private readonly events = new Map<string, LiveEventState>();
  private readonly consoleTimers = new Map<string, NodeJS.Timeout>();
  /** Chat messages sent here, on their way to the other processes (one notice per batch). */
  private chatOutbox: ChatMessage[] = [];
  private chatFlush?: NodeJS.Immediate;
  /** The rooms' shared notes (their own channel of updates, see room-note.ts). */
  private readonly notes: RoomNotes;

  private readonly timings: Timings;

  /** Several processes share the event through the PostgreSQL adapter (see ADR 0010). */
  private clustered() {
    return Boolean(this.s.config.databaseUrl);
  }

  constructor(
    private readonly io: LiveServer,
    private readonly s: Services,
    options: { timings: boolean },
  ) {
    this.timings = new Timings(options.timings);
    this.notes = new RoomNotes(io, s, () => this.clustered());
    const valid = (eventId: unknown): eventId is string => idSchema.safeParse(eventId).success;
    io.on("speed:changed", (eventId: unknown, revision: unknown) => {
      if (valid(eventId))
        void this.refresh(eventId, typeof revision === "number" ? revision : Infinity).catch(
          (error: unknown) => console.error(`speed dating ${eventId}: refresh failed`, error),
        );
    });
    // Another process asks who is here (the clock, a start): ids only, a few kB.
    io.on("speed:present", (eventId: unknown, ack: unknown) => {
      if (typeof ack !== "function") return;
      const reply: PresenceReply = { connected: [], graced: [] };
      if (valid(eventId) && this.events.has(eventId)) {
        const connected = new Set(this.connected(eventId));
        reply.connected = [...connected];
        reply.graced = this.present(eventId).filter((id) => !connected.has(id));
      }
      (ack as (reply: PresenceReply) => void)(reply);
    });
    // Chat sent to another process: delivered to the rooms' sockets here.
    io.on("speed:chat", (batch: unknown) => {
      const parsed = z.array(chatMessageSchema).max(10_000).safeParse(batch);
      if (!parsed.success) return;
      for (const message of parsed.data) this.deliverHere(message);
    });
    // Presence changed on another process: the consoles here show it too.
    io.on("speed:presence", (eventId: unknown) => {
      if (valid(eventId)) this.publishConsoleSoon(eventId, false);
    });
  }

  private state(eventId: string): LiveEventState {
    let state = this.events.get(eventId);
    if (!state) {
      state = {
        presence: new Map(),
        connectedElsewhere: new Set(),
        presenceChanged: false,
        published: -1,
      };
      this.events.set(eventId, state);
    }
    return state;
  }

  /** Remembers the event (never an older revision than known) and arms its clock. */
  private remember(event: SpeedEvent) {
    const state = this.state(event.id);
    if (state.event && state.event.revision >= event.revision) return;
    state.event = event;
    this.arm(event);
  }

  private async cached(eventId: string): Promise<SpeedEvent | undefined> {
    const state = this.state(eventId);
    if (!state.event) {
      const event = await getEvent(this.s, eventId);
      if (event) this.remember(event);
    }
    return state.event;
  }

  /** The room a participant sits in now, in the newest revision this process knows. */
  private roomNow(eventId: string, participantId: string | undefined) {
    if (!participantId) return undefined;
    const event = this.state(eventId).event;
    if (!event || event.status === "ended") return undefined;
    return seats(event).get(event.currentRound)?.get(participantId);
  }

  private people(event: SpeedEvent) {
    const state = this.state(event.id);
    state.people ??= eventPeople(this.s, event);
    return state.people;
  }

  /** Participants with a socket on this process now. */
  connected(eventId: string): string[] {
    const presence = this.events.get(eventId)?.presence ?? new Map<string, Presence>();
    return [...presence].filter(([, p]) => p.sockets.size > 0).map(([id]) => id);
  }

  /** Participants connected to this process now or within the grace period. */
  present(eventId: string, now = Date.now()): string[] {
    const presence = this.events.get(eventId)?.presence ?? new Map<string, Presence>();
    return [...presence]
      .filter(([, p]) => p.sockets.size > 0 || now - p.lastSeen < PRESENCE_GRACE_MS)
      .map(([id]) => id)
      .sort();
  }

  /**
   * Asks the other processes who is here: each answers with participant ids only. A process that
   * does not answer in time (it died; the adapter gives up after 5 s) is left out, so the clock
   * never waits longer than that.
   */
  private async presenceElsewhere(eventId: string): Promise<PresenceReply> {
    const merged: PresenceReply = { connected: [], graced: [] };
    if (!this.clustered()) return merged;
    const replies = await new Promise<unknown[]>((resolve) => {
      this.io.serverSideEmit(
        "speed:present",
        eventId,
        (error: Error | null, responses: unknown[] | undefined) => {
          if (error)
            console.error(
              `speed dating ${eventId}: presence: ${error.message}; counting the processes that answered`,
            );
          resolve(responses ?? []);
        },
      );
    });
    for (const reply of replies) {
      const parsed = presenceReplySchema.safeParse(reply);
      if (!parsed.success) continue;
      merged.connected.push(...parsed.data.connected);
      merged.graced.push(...parsed.data.graced);
    }
    const state = this.state(eventId);
    state.connectedElsewhere = new Set(merged.connected);
    state.elsewhere = { at: Date.now(), ids: [...merged.connected, ...merged.graced] };
    return merged;
  }

  /**
   * Who is present across every server process: those connected anywhere now and those a process
   * saw within the grace period.
   */
  async presentEverywhere(eventId: string): Promise<string[]> {
    const elsewhere = await this.presenceElsewhere(eventId);
    return [
      ...new Set([...this.present(eventId), ...elsewhere.connected, ...elsewhere.graced]),
    ].sort();
  }

  /** Another process changed an event: refresh what this one knows, re-arm, push to its sockets. */
  async refresh(eventId: string, revision = Infinity) {
    const state = this.state(eventId);
    if (state.published >= revision) return; // already pushed
    if ((state.ticking ?? 0) > 0) {
      // This process's clock is reading the event right now and publishes what it finds; a change
      // it misses is read when it is done.
      state.noticed = Math.max(state.noticed ?? -1, revision);
      return;
    }
    const started = performance.now();
    const event = await getEvent(this.s, eventId);
    this.timings.step(eventId, "notice: read", started);
    if (!event) return;
    if (this.state(eventId).published >= event.revision) return;
    await this.publish(event, false);
  }

  /** After a restart: re-arm clocks; people seated in the current round keep their seat a while. */
  async resume() {
    for (const event of await liveEvents(this.s)) {
      const round = event.schedule.find((r) => r.round === event.currentRound);
      const presence = this.state(event.id).presence;
      for (const id of [
        ...(round?.rooms.flatMap((r) => r.members) ?? []),
        ...(round?.waiting ?? []),
      ]) {
        presence.set(id, { sockets: new Set(), lastSeen: Date.now() });
      }
      this.remember(event);
    }
  }

  private arm(event: SpeedEvent) {
    const state = this.state(event.id);
    if (state.timer) clearTimeout(state.timer);
    if (state.presenceTimer) clearTimeout(state.presenceTimer);
    state.timer = state.presenceTimer = state.presenceAhead = undefined;
    if (event.status !== "running" || !event.deadline) return;
    const deadline = event.deadline;
    const delay = Math.max(0, Date.parse(deadline) - Date.now());
    state.timer = setTimeout(() => {
      void this.tick(event.id, deadline);
    }, delay);
    state.timer.unref?.();
    // Who is here is asked a moment before the deadline, so the switch does not wait for the
    // other processes' answers (a second is nothing next to the 60 s grace period).
    if (delay > PRESENCE_AHEAD_MS) {
      state.presenceTimer = setTimeout(() => {
        const ahead = this.presentEverywhere(event.id);
        ahead.catch(() => undefined);
        state.presenceAhead = { deadline, present: ahead };
      }, delay - PRESENCE_AHEAD_MS);
      state.presenceTimer.unref?.();
    }
  }

  /**
   * Every process that knows a running event arms its clock, so the event carries on when one
   * process dies; the store's serialized transactions let only one of them advance the round (the
   * deadline must still be the one armed). The one that advanced tells the others; each pushes the
   * new round to its own sockets as soon as it knows it (its own transaction or the notice).
   */
  private async tick(eventId: string, deadline: string) {
    const state = this.state(eventId);
    // While this runs, a notice of the same change needs no read: the transaction below reads
    // the event and this publishes whatever it found.
    state.ticking = (state.ticking ?? 0) + 1;
    try {
      const started = performance.now();
      this.timings.step(
        eventId,
        "clock fired",
        started,
        `${Date.now() - Date.parse(deadline)} ms after the deadline`,
      );
      // Presence first, outside the store's write lock: the other processes' recent answer (asked
      // ahead of the deadline) if there is one, else wait for it; this process's own, now.
      const ahead = state.presenceAhead?.deadline === deadline ? state.presenceAhead : undefined;
      state.presenceAhead = undefined;
      const fresh =
        state.elsewhere && Date.now() - state.elsewhere.at < PRESENCE_FRESH_MS
          ? state.elsewhere.ids
          : undefined;
      const others = fresh ?? (await (ahead?.present ?? this.presentEverywhere(eventId)));
      const present = [...new Set([...others, ...this.present(eventId)])].sort();
      this.timings.step(eventId, "presence", started, `${present.length} present`);
      const before = performance.now();
      const known = state.event?.revision ?? -1;
      // One transaction checks that the deadline is still this one and advances: the store
      // serializes them across processes, so exactly one process advances the round.
      const event = await applyCommand(this.s, eventId, "skip", present, Date.now(), deadline);
      // Newer than what this process knew: it advanced, or another process did a moment before
      // (then the notice is redundant; its revision lets the others skip it without a read).
      const advanced = event.revision > known;
      this.timings.step(eventId, "transaction", before, `revision ${event.revision}`);
      await this.publish(event, advanced);
    } catch (error) {
      if (isStoreError(error, "NotFoundError")) return; // the event was deleted
      // A slow answer from the database must not stop the clock: retry.
      console.error(`speed dating ${eventId}: the clock could not advance, retrying`, error);
      const retry = setTimeout(() => void this.tick(eventId, deadline), 1_000);
      retry.unref?.();
    } finally {
      state.ticking -= 1;
      if (state.ticking === 0 && (state.noticed ?? -1) > state.published) {
        const noticed = state.noticed!;
        state.noticed = undefined;
        void this.refresh(eventId, noticed).catch((error: unknown) =>
          console.error(`speed dating ${eventId}: refresh failed`, error),
        );
      }
    }
  }

  /** One person's sources, read for that person only (a join). */
  private async personSources(
    event: SpeedEvent,
    participantId: string | undefined,
  ): Promise<ViewSources> {
    const room = participantId
      ? seats(event).get(event.currentRound)?.get(participantId)
      : undefined;
    const [people, chat, ratings] = await Promise.all([
      this.people(event),
      room ? this.s.chat.history(event.id, room.id) : Promise.resolve([] as ChatMessage[]),
      participantId ? ownRatings(this.s, event.id, participantId) : Promise.resolve([] as Rating[]),
    ]);
    return {
      people,
      chat: (roomId) => (roomId === room?.id ? chat : []),
      ratings: (id) => (id === participantId ? ratings : []),
      connected: this.connectedCheck(event.id),
    };
  }

  /** Everyone's sources in two reads: the chat of every current room, the ratings. */
  private async eventSources(event: SpeedEvent): Promise<ViewSources> {
    const round = event.schedule.find((r) => r.round === event.currentRound);
    const roomIds = event.status === "ended" ? [] : (round?.rooms ?? []).map((r) => r.id);
    const [people, chat, ratings] = await Promise.all([
      this.people(event),
      roomIds.length
        ? this.s.chat.histories(event.id, roomIds)
        : Promise.resolve(new Map<string, ChatMessage[]>()),
      // Nothing to rate before the first round.
      event.currentRound >= 1
        ? ratingsByAuthor(this.s, event.id)
        : Promise.resolve(new Map<string, Rating[]>()),
    ]);
    return {
      people,
      chat: (roomId) => chat.get(roomId) ?? [],
      ratings: (id) => ratings.get(id) ?? [],
      connected: this.connectedCheck(event.id),
    };
  }

  /** Connected here now, or to another process when it last answered. */
  private connectedCheck(eventId: string) {
    const state = this.state(eventId);
    return (id: string) =>
      (state.presence.get(id)?.sockets.size ?? 0) > 0 || state.connectedElsewhere.has(id);
  }

  /** What one person sees now. */
  view(
    event: SpeedEvent,
    participantId: string | undefined,
    coordinator: boolean,
    sources: ViewSources,
  ) {
    const { people } = sources;
    const byRound = seats(event);
    const room = participantId ? byRound.get(event.currentRound)?.get(participantId) : undefined;
    const round = event.schedule.find((r) => r.round === event.currentRound);
    const ratings = participantId ? sources.ratings(participantId) : [];
    const toRate = participantId
      ? event.schedule
          .filter(
            (r) =>
              r.round < event.currentRound ||
              (r.round === event.currentRound && event.phase !== "round") ||
              (r.round === event.currentRound && event.status === "ended"),
          )
          .flatMap((r) =>
            (byRound.get(r.round)?.get(participantId)?.members ?? [])
              .filter((other) => other !== participantId)
              .map((other) => {
                const given = ratings.find(
                  (x) => x.round === r.round && x.toParticipantId === other,
                );
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
      version: event.revision,
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
      chat: room ? sources.chat(room.id) : [],
      toRate,
      console: coordinator ? this.consoleView(event, people, sources.connected) : null,
    };
  }

  private consoleView(
    event: SpeedEvent,
    people: Map<string, EventPerson>,
    connected: (id: string) => boolean,
  ) {
    const round = event.schedule.find((r) => r.round === event.currentRound);
    const name = (id: string) => people.get(id)?.name ?? id;
    return {
      invited: event.invitedParticipantIds
        .map((id) => ({
          id,
          name: name(id),
          organization: people.get(id)?.organization ?? "",
          connected: connected(id),
        }))
        .sort((a, b) => byName.compare(a.name, b.name)),
      rooms: (round?.rooms ?? []).map((r) => ({
        id: r.id,
        number: r.number,
        members: r.members.map(name),
      })),
      waiting: (round?.waiting ?? []).map(name),
    };
  }

  /**
   * After any change, to this process's sockets: every socket first moves to its new room channel
   * (one synchronous pass, so no chat message can fall between two rooms), then the views are
   * built from one read of the event's chat, notes and ratings, and each socket gets its own.
   * `announce`: this process made the change, so the others are told to push it to theirs.
   */
  async publish(event: SpeedEvent, announce = true) {
    if (announce && this.clustered())
      this.io.serverSideEmit("speed:changed", event.id, event.revision);
    const state = this.state(event.id);
    this.remember(event);
    const latest = state.event ?? event;
    if (latest.revision <= state.published) return; // this one (or a newer one) already went out
    state.published = latest.revision;
    // A room's note lives during its round: the notes of past rooms are saved and let go.
    const current = latest.schedule.find((r) => r.round === latest.currentRound);
    this.notes.retire(
      latest.id,
      new Set(latest.status === "ended" ? [] : (current?.rooms ?? []).map((r) => r.id)),
    );
    const prefix = `evt:${latest.id}`;
    const nsp = this.io.of("/");
    const targets: Array<{ socket: LiveSocket; participantId?: string; coordinator: boolean }> = [];
    for (const socketId of [...(nsp.adapter.rooms.get(prefix) ?? [])]) {
      const socket = nsp.sockets.get(socketId);
      const access = socket?.data.events?.[latest.id];
      if (!socket || !access) continue;
      const room = this.roomNow(latest.id, access.participantId);
      for (const channel of socket.rooms) {
        if (channel.startsWith(`${prefix}:room:`) && channel !== `${prefix}:room:${room?.id}`)
          void socket.leave(channel);
      }
      if (room) void socket.join(`${prefix}:room:${room.id}`);
      targets.push({
        socket,
        participantId: access.participantId,
        coordinator: access.coordinator,
      });
    }
    if (targets.length === 0) return;
    const started = performance.now();
    const sources = await this.eventSources(latest);
    this.timings.step(latest.id, "publish: reads", started, `revision ${latest.revision}`);
    if (state.published !== latest.revision) return; // a newer revision went out meanwhile
    const building = performance.now();
    const views = new Map<string, ReturnType<SpeedDatingLive["view"]>>();
    for (const target of targets) {
      const key = `${target.participantId ?? ""}|${target.coordinator}`;
      let view = views.get(key);
      if (!view) {
        view = this.view(latest, target.participantId, target.coordinator, sources);
        views.set(key, view);
      }
      target.socket.emit("event:state", view);
    }
    this.timings.step(latest.id, "publish: views sent", building, `${targets.length} sockets`);
  }

  /**
   * Presence changed (here, or on another process that said so): the consoles on this process get
   * the list of who is connected anywhere, at most every CONSOLE_EVERY_MS. Processes only tell
   * each other "presence changed" (a few bytes); the list itself never crosses PostgreSQL.
   */
  private publishConsoleSoon(eventId: string, here = true) {
    if (here) this.state(eventId).presenceChanged = true;
    if (this.consoleTimers.has(eventId)) return;
    const timer = setTimeout(() => {
      this.consoleTimers.delete(eventId);
      void (async () => {
        const state = this.state(eventId);
        if (state.presenceChanged && this.clustered())
          this.io.serverSideEmit("speed:presence", eventId);
        state.presenceChanged = false;
        const channel = `evt:${eventId}:console`;
        if (!this.io.of("/").adapter.rooms.get(channel)?.size) return; // no console here
        const event = await this.cached(eventId);
        if (!event) return;
        const [people] = await Promise.all([this.people(event), this.presenceElsewhere(eventId)]);
        this.io.local
          .to(channel)
          .emit("console:state", this.consoleView(event, people, this.connectedCheck(eventId)));
      })().catch((error: unknown) => console.error("console update failed", error));
    }, CONSOLE_EVERY_MS);
    timer.unref?.();
    this.consoleTimers.set(eventId, timer);
  }

  private deliverHere(message: ChatMessage) {
    this.io.local.to(`evt:${message.eventId}:room:${message.roomId}`).emit("chat:message", message);
  }

  /**
   * A chat message reaches the room's sockets on this process at once, and the other processes in
   * one notice per turn of the event loop for every message sent meanwhile (a busy chat costs a
   * few PostgreSQL notifications a second instead of one per message, and the local delivery
   * never waits for the database).
   */
  private deliver(message: ChatMessage) {
    this.deliverHere(message);
    if (!this.clustered()) return;
    this.chatOutbox.push(message);
    this.chatFlush ??= setImmediate(() => {
      const batch = this.chatOutbox;
      this.chatOutbox = [];
      this.chatFlush = undefined;
      this.io.serverSideEmit("speed:chat", batch);
    });
  }

  private access(socket: LiveSocket, eventId: string) {
    const cached = socket.data.events?.[eventId];
    if (cached) return cached;
    throw new LiveError("not_in_event", "errors.live.notInEvent");
  }

  attach(socket: LiveSocket) {
    handle(socket, "event:join", liveSchemas.join, async ({ eventId }) => {
      const access = await eventAccess(this.s, socket.data.user.id, eventId);
      if (isRefusal(access)) throw new LiveError("not_in_event", "errors.live.notInEvent");
      socket.data.events = {
        ...socket.data.events,
        [eventId]: { participantId: access.participantId, coordinator: access.coordinator },
      };
      const prefix = `evt:${eventId}`;
      const known = (await this.cached(eventId)) ?? access.event;
      await socket.join(prefix);
      if (access.coordinator) {
        await socket.join(`${prefix}:console`);
        // Soon the whole list of who is connected, on every process.
        this.publishConsoleSoon(eventId, false);
      }
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
      // The newest revision known now (a push may have moved this socket meanwhile; the client
      // keeps whichever view has the higher version).
      const event = this.state(eventId).event ?? known;
      const sources = await this.personSources(event, access.participantId);
      return this.view(event, access.participantId, access.coordinator, sources);
    });

    handle(socket, "chat:send", liveSchemas.chat, async ({ eventId, roomId, text }) => {
      const access = this.access(socket, eventId);
      /** The event, if this person sits in that room now and the round is not over. */
      const sendable = () => {
        const event = this.state(eventId).event;
        const room = this.roomNow(eventId, access.participantId);
        if (!event || !room || room.id !== roomId) {
          throw new LiveError("not_in_room", "errors.live.notInRoom");
        }
        const now = Date.now();
        // The round is over for everyone at the shared deadline, even if the switch reaches this
        // process a moment later: a message then could reach a room its mates already left.
        if (event.status === "running" && event.deadline && now >= Date.parse(event.deadline)) {
          throw new LiveError("round_over", "errors.live.notNow");
        }
        return { event, now };
      };
      sendable();
      // Counted for every process of a cluster (core/security/rate-limits.ts).
      const limited = await this.s.limits.consume(
        "chatPerson",
        `${eventId}:${access.participantId}`,
      );
      if (limited) throw new LiveError("rate_limited", "errors.live.tooFast");
      // Checked again after that wait: the round may have switched meanwhile.
      const { event, now } = sendable();
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
      this.deliver(message);
      await this.s.chat.append(message);
      return message;
    });

    // The room's shared note: only the people sitting in that room now, as for its chat.
    const inRoom = (eventId: string, roomId: string) => {
      const access = this.access(socket, eventId);
      const room = this.roomNow(eventId, access.participantId);
      if (!room || room.id !== roomId) throw new LiveError("not_in_room", "errors.live.notInRoom");
      return access.participantId!;
    };
    /** A refused Yjs message: named like a payload zod refused, or the note is full. */
    const refused =
      (field: "stateVector" | "update") =>
      (error: unknown): never => {
        if (!(error instanceof NoteRefused)) throw error;
        if (error.reason === "malformed")
          throw new LiveError("invalid_payload", "errors.invalidPayload", { field });
        throw new LiveError("note_full", "errors.live.noteFull", {
          max: formatNumber(socket.data.locale, NOTE_MAX_LENGTH),
        });
      };

    handle(socket, "note:sync", liveSchemas.noteSync, async ({ eventId, roomId, stateVector }) => {
      inRoom(eventId, roomId);
      return this.notes.sync(eventId, roomId, stateVector).catch(refused("stateVector"));
    });

    handle(socket, "note:update", liveSchemas.noteUpdate, async ({ eventId, roomId, update }) => {
      const participantId = inRoom(eventId, roomId);
      await this.notes
        .update(eventId, roomId, update, { socketId: socket.id, participantId })
        .catch(refused("update"));
      return { saved: true };
    });

    handle(socket, "rating:submit", liveSchemas.rating, async (input) => {
      const access = this.access(socket, input.eventId);
      if (!access.participantId) throw new LiveError("not_in_event", "errors.live.notInEvent");
      try {
        const rating = await rate(this.s, {
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

    handle(socket, "console:command", liveSchemas.command, async (input) => {
      const { eventId, command, revision } = input;
      const access = this.access(socket, eventId);
      if (!access.coordinator) throw new LiveError("forbidden", "errors.live.coordinatorOnly");
      try {
        const present = await this.presentEverywhere(eventId);
        // The revision the console showed: a repeated command is refused, not applied twice.
        const event = await applyCommand(
          this.s,
          eventId,
          command,
          present,
          Date.now(),
          undefined,
          revision,
        );
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

  /** Stops the clocks and saves the notes changed since their last save. */
  async stop() {
    for (const timer of this.consoleTimers.values()) clearTimeout(timer);
    for (const state of this.events.values()) {
      if (state.timer) clearTimeout(state.timer);
      if (state.presenceTimer) clearTimeout(state.presenceTimer);
    }
    await this.notes.stop();
  }
}
