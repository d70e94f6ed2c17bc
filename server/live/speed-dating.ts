/**
 * Live speed-dating over Socket.IO: what each process knows of its running events, and the push of
 * every change to its sockets. The server owns the clock (event-clock.ts); who is here spans the
 * processes (event-presence.ts); views are pure functions (event-views.ts); the socket events are
 * in event-handlers.ts, the chat's rules in core/models/chat.server.ts (ADR 0005, ADR 0010).
 */
import type { EventView } from "../../core/live/protocol";
import { roomChat, roomsChat, type ChatMessage } from "../../core/models/chat.server";
import {
  eventPeople,
  getEvent,
  liveEvents,
  mutualMatches,
  mutualMatchesAmong,
  ownRatings,
  ratingsByAuthor,
  type EventPerson,
  type Rating,
  type Event,
} from "../../core/models/event.server";
import type { Services } from "../../core/services";
import { ChatRelay } from "./event-chat";
import { EventClock } from "./event-clock";
import { attachEventHandlers } from "./event-handlers";
import { EventPresence } from "./event-presence";
import { consoleView, eventView, matchViews, roomOf, seats, type ViewSources } from "./event-views";
import type { LiveServer, LiveSocket } from "./handle";
import { RoomNotes } from "./room-note";
import { Timings } from "./timings";
import { isId } from "../../core/utils/ids";
import { idSchema } from "../../core/schemas/fields";
import { z } from "zod";

export { PRESENCE_GRACE_MS } from "./event-presence";

/** Presence changes reach the coordinators' console at most this often (a connect storm: one update). */
const CONSOLE_EVERY_MS = 500;

const validId = (eventId: unknown): eventId is string =>
  typeof eventId === "string" && isId(eventId);

/** What another process says of an erasure: the events whose people changed. */
const erasedSchema = z.array(idSchema).max(100_000);

interface LiveEventState {
  people?: Promise<Map<string, EventPerson>>;
  /** The newest revision another process announced while a tick was in flight. */
  noticed?: number;
  /** The newest revision of the event this process knows (hot path: chat, joins). */
  event?: Event;
  /** The revision this process last pushed to its own sockets (-1: none yet). */
  published: number;
}

export class SpeedDatingLive {
  private readonly events = new Map<string, LiveEventState>();
  private readonly consoleTimers = new Map<string, NodeJS.Timeout>();
  /** The rooms' shared notes (their own channel of updates, see room-note.ts). */
  readonly notes: RoomNotes;
  readonly presence: EventPresence;
  readonly chat: ChatRelay;
  readonly timings: Timings;
  private readonly clock: EventClock;
  private readonly stopSettings: () => void;
  private readonly stopErasures: () => void;

  /** Several processes share the event through the PostgreSQL adapter (see ADR 0010). */
  private clustered() {
    return Boolean(this.s.config.databaseUrl);
  }

  constructor(
    private readonly io: LiveServer,
    readonly s: Services,
    options: { timings: boolean },
  ) {
    this.timings = new Timings(options.timings);
    const clustered = () => this.clustered();
    this.notes = new RoomNotes(io, s, clustered);
    this.presence = new EventPresence(io, clustered);
    this.chat = new ChatRelay(io, clustered);
    this.clock = new EventClock({
      s,
      presence: this.presence,
      timings: this.timings,
      knownRevision: (eventId) => this.state(eventId).event?.revision ?? -1,
      publish: (event, announce) => this.publish(event, announce),
      ticked: (eventId) => {
        const state = this.state(eventId);
        if ((state.noticed ?? -1) <= state.published) return;
        const noticed = state.noticed!;
        state.noticed = undefined;
        void this.refresh(eventId, noticed).catch((error: unknown) =>
          console.error(`speed dating ${eventId}: refresh failed`, error),
        );
      },
    });
    io.on("speed:changed", (eventId: unknown, revision: unknown) => {
      if (validId(eventId))
        void this.refresh(eventId, typeof revision === "number" ? revision : Infinity).catch(
          (error: unknown) => console.error(`speed dating ${eventId}: refresh failed`, error),
        );
    });
    // Its settings changed on a page of this process: read, pushed here and to the others.
    this.stopSettings = s.eventSettings.on((eventId) => {
      void getEvent(s, eventId)
        .then((event) => (event ? this.publish(event, true) : undefined))
        .catch((error: unknown) => console.error(`speed dating ${eventId}: refresh failed`, error));
    });
    // An account was erased (committed) on a page of this process: this one and the others forget
    // the people they hold of its programs' events and push the views again.
    this.stopErasures = s.erasures.on((eventIds) => this.forgetPeople(eventIds, true));
    io.on("speed:erased", (eventIds: unknown) => {
      const ids = erasedSchema.safeParse(eventIds);
      if (ids.success) this.forgetPeople(ids.data, false);
    });
    // Presence changed on another process: the consoles here show it too.
    io.on("speed:presence", (eventId: unknown) => {
      if (validId(eventId)) this.publishConsoleSoon(eventId);
    });
  }

  attach(socket: LiveSocket) {
    attachEventHandlers(this, socket);
  }

  private state(eventId: string): LiveEventState {
    let state = this.events.get(eventId);
    if (!state) {
      state = { published: -1 };
      this.events.set(eventId, state);
    }
    return state;
  }

  /** Remembers the event (never an older revision than known) and arms its clock. */
  private remember(event: Event) {
    const state = this.state(event.id);
    if (state.event && state.event.revision >= event.revision) return;
    // Its invitations changed (the edit form): the people are read again.
    if (state.event && !sameList(state.event.invitedParticipantIds, event.invitedParticipantIds))
      state.people = undefined;
    state.event = event;
    this.clock.arm(event);
  }

  /** The newest revision of the event this process knows, if any. */
  known(eventId: string): Event | undefined {
    return this.events.get(eventId)?.event;
  }

  /** The event as this process knows it, read once if it did not yet. */
  async cached(eventId: string): Promise<Event | undefined> {
    const state = this.state(eventId);
    if (!state.event) {
      const event = await getEvent(this.s, eventId);
      if (event) this.remember(event);
    }
    return state.event;
  }

  /** The room a participant sits in now, in the newest revision this process knows. */
  roomNow(eventId: string, participantId: string | undefined) {
    const event = this.known(eventId);
    return event && roomOf(event, participantId);
  }

  /** The event's people, read once per process. */
  people(event: Event) {
    const state = this.state(event.id);
    state.people ??= eventPeople(this.s, event);
    return state.people;
  }

  /** What one person sees now (their join): read for that person only. */
  async viewFor(event: Event, participantId: string | undefined, coordinator: boolean) {
    const sources = await this.personSources(event, participantId);
    return eventView(event, participantId, coordinator, sources, Date.now());
  }

  /**
   * People of these events were erased: the people this process read of them are dropped, and the
   * views it pushed are pushed again, read anew (the erased name reads ERASED_NAME). `announce`:
   * the erasure was committed here, so the other processes are told to do the same.
   */
  forgetPeople(eventIds: readonly string[], announce: boolean) {
    if (announce && this.clustered() && eventIds.length)
      this.io.serverSideEmit("speed:erased", [...eventIds]);
    for (const eventId of eventIds) {
      const state = this.events.get(eventId);
      if (!state) continue; // never read here: nothing held
      state.people = undefined;
      void getEvent(this.s, eventId)
        .then((event) => (event ? this.publish(event, false, true) : undefined))
        .then(() => this.publishConsoleSoon(eventId))
        .catch((error: unknown) => console.error(`speed dating ${eventId}: refresh failed`, error));
    }
  }

  /** Another process changed an event: refresh what this one knows, re-arm, push to its sockets. */
  async refresh(eventId: string, revision = Infinity) {
    const state = this.state(eventId);
    if (state.published >= revision) return; // already pushed
    if (this.clock.ticking(eventId)) {
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
      this.presence.keepSeats(event.id, [
        ...(round?.rooms.flatMap((r) => r.members) ?? []),
        ...(round?.waiting ?? []),
      ]);
      this.remember(event);
    }
  }

  /** One person's sources, read for that person only (a join). */
  private async personSources(
    event: Event,
    participantId: string | undefined,
  ): Promise<ViewSources> {
    const room = participantId
      ? seats(event).get(event.currentRound)?.get(participantId)
      : undefined;
    const ended = event.status === "ended";
    const [people, chat, ratings, matches] = await Promise.all([
      this.people(event),
      room ? roomChat(this.s, event.id, room.id) : Promise.resolve([] as ChatMessage[]),
      participantId ? ownRatings(this.s, event.id, participantId) : Promise.resolve([] as Rating[]),
      participantId && ended ? mutualMatches(this.s, event.id, participantId) : Promise.resolve([]),
    ]);
    return {
      people,
      chat: (roomId) => (roomId === room?.id ? chat : []),
      ratings: (id) => (id === participantId ? ratings : []),
      connected: this.presence.connectedCheck(event.id),
      matches: (id) => (id === participantId ? matches : []),
    };
  }

  /** Everyone's sources in two reads: the chat of every current room, the ratings. */
  private async eventSources(event: Event): Promise<ViewSources> {
    const round = event.schedule.find((r) => r.round === event.currentRound);
    const roomIds = event.status === "ended" ? [] : (round?.rooms ?? []).map((r) => r.id);
    const [people, chat, ratings] = await Promise.all([
      this.people(event),
      roomIds.length
        ? roomsChat(this.s, event.id, roomIds)
        : Promise.resolve(new Map<string, ChatMessage[]>()),
      // Nothing to rate before the first round.
      event.currentRound >= 1
        ? ratingsByAuthor(this.s, event.id)
        : Promise.resolve(new Map<string, Rating[]>()),
    ]);
    const all = event.status === "ended" ? [...ratings.values()].flat() : [];
    return {
      people,
      chat: (roomId) => chat.get(roomId) ?? [],
      ratings: (id) => ratings.get(id) ?? [],
      connected: this.presence.connectedCheck(event.id),
      matches: (id) => mutualMatchesAmong(all, id),
    };
  }

  /**
   * A rating was saved (committed): once the event ended, the rater and the person rated each get
   * their own mutual matches on their own channel (every process's sockets, through the adapter),
   * so a match shows at once on both pages. Nobody gets anyone else's list.
   */
  async publishMatches(eventId: string, participantIds: readonly string[]) {
    const event = await getEvent(this.s, eventId);
    if (!event || event.status !== "ended") return;
    const people = await this.people(event);
    for (const participantId of new Set(participantIds)) {
      const matches = matchViews(await mutualMatches(this.s, eventId, participantId), people);
      this.io.to(`evt:${eventId}:p:${participantId}`).emit("event:matches", { eventId, matches });
    }
  }

  /**
   * After any change, to this process's sockets: every socket first moves to its new room channel
   * (one synchronous pass, so no chat message can fall between two rooms), then the views are
   * built from one read of the event's chat, notes and ratings, and each socket gets its own.
   * `announce`: this process made the change, so the others are told to push it to theirs.
   * `again`: pushed even if this revision already went out (the people it names changed).
   */
  async publish(event: Event, announce = true, again = false): Promise<void> {
    if (announce && this.clustered())
      this.io.serverSideEmit("speed:changed", event.id, event.revision);
    const state = this.state(event.id);
    this.remember(event);
    const latest = state.event ?? event;
    // This one (or a newer one) already went out; `again`: its people changed (an erasure).
    if (latest.revision < state.published || (latest.revision === state.published && !again))
      return;
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
      // No longer invited (the edit form): this socket stops following the event.
      if (
        !access.coordinator &&
        access.participantId &&
        !latest.invitedParticipantIds.includes(access.participantId)
      ) {
        delete socket.data.events![latest.id];
        for (const channel of [...socket.rooms])
          if (channel === prefix || channel.startsWith(`${prefix}:`)) void socket.leave(channel);
        continue;
      }
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
    const views = new Map<string, EventView>();
    for (const target of targets) {
      const key = `${target.participantId ?? ""}|${target.coordinator}`;
      let view = views.get(key);
      if (!view) {
        view = eventView(latest, target.participantId, target.coordinator, sources, Date.now());
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
  publishConsoleSoon(eventId: string) {
    if (this.consoleTimers.has(eventId)) return;
    const timer = setTimeout(() => {
      this.consoleTimers.delete(eventId);
      void (async () => {
        if (this.presence.takeChanged(eventId) && this.clustered())
          this.io.serverSideEmit("speed:presence", eventId);
        const channel = `evt:${eventId}:console`;
        if (!this.io.of("/").adapter.rooms.get(channel)?.size) return; // no console here
        const event = await this.cached(eventId);
        if (!event) return;
        const [people] = await Promise.all([this.people(event), this.presence.elsewhere(eventId)]);
        this.io.local
          .to(channel)
          .emit("console:state", consoleView(event, people, this.presence.connectedCheck(eventId)));
      })().catch((error: unknown) => console.error("console update failed", error));
    }, CONSOLE_EVERY_MS);
    timer.unref?.();
    this.consoleTimers.set(eventId, timer);
  }

  /** Stops the clocks and saves the notes changed since their last save. */
  async stop() {
    this.stopSettings();
    this.stopErasures();
    for (const timer of this.consoleTimers.values()) clearTimeout(timer);
    this.clock.stop();
    await this.notes.stop();
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
