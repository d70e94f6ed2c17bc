/**
 * Who is at a speed-dating event, across server processes. Each process knows its own sockets;
 * the others answer "who is here?" with participant ids only (never socket data), and tell each
 * other "presence changed" (a few bytes) so that the consoles refresh.
 */
import { z } from "zod";
import type { PresenceReply } from "../../core/live/protocol";
import type { LiveServer } from "./handle";
import { idSchema } from "../../core/schemas/fields";
import { CLUSTER_DISCOVERY_MS } from "./adapter";

/** A person who dropped out stays "present" this long, so a Wi-Fi hiccup keeps their seat. */
export const PRESENCE_GRACE_MS = 60_000;
/** An answer this recent serves the clock without waiting (nothing next to the grace period). */
const PRESENCE_FRESH_MS = 10_000;

/** What another process answers to "who is here?": participant ids only. */
const presenceReplySchema = z.object({
  connected: z.array(idSchema).max(100_000),
  graced: z.array(idSchema).max(100_000),
});

interface Seat {
  sockets: Set<string>;
  lastSeen: number;
}

interface EventPresenceState {
  here: Map<string, Seat>;
  /** Participants connected to the other processes, as they last answered. */
  connectedElsewhere: Set<string>;
  /** The other processes' last answer: who was present there, and when they said so. */
  elsewhere?: { at: number; ids: string[] };
  /** This process's presence changed since it last told the others. */
  changed: boolean;
}

export class EventPresence {
  private readonly events = new Map<string, EventPresenceState>();
  /**
   * Until then this process may not know every other one (CLUSTER_DISCOVERY_MS), and a question
   * to the others would go to those it knows only: a start decided in a cluster's first seconds
   * would leave the people of a process not yet known out of the round.
   */
  private readonly discoveredAt = Date.now() + CLUSTER_DISCOVERY_MS;

  constructor(
    private readonly io: LiveServer,
    private readonly clustered: () => boolean,
  ) {
    // Another process asks who is here (the clock, a start): ids only, a few kB.
    io.on("speed:present", (eventId: unknown, ack: unknown) => {
      if (typeof ack !== "function") return;
      const reply: PresenceReply = { connected: [], graced: [] };
      if (idSchema.safeParse(eventId).success && this.events.has(eventId as string)) {
        const id = eventId as string;
        const connected = new Set(this.connected(id));
        reply.connected = [...connected];
        reply.graced = this.present(id).filter((p) => !connected.has(p));
      }
      (ack as (reply: PresenceReply) => void)(reply);
    });
  }

  private state(eventId: string): EventPresenceState {
    let state = this.events.get(eventId);
    if (!state) {
      state = { here: new Map(), connectedElsewhere: new Set(), changed: false };
      this.events.set(eventId, state);
    }
    return state;
  }

  /** A socket of this participant joined here. */
  arrive(eventId: string, participantId: string, socketId: string) {
    const here = this.state(eventId).here;
    const seat = here.get(participantId) ?? { sockets: new Set(), lastSeen: Date.now() };
    seat.sockets.add(socketId);
    seat.lastSeen = Date.now();
    here.set(participantId, seat);
    this.state(eventId).changed = true;
  }

  /** A socket of this participant left (the grace period starts). */
  leave(eventId: string, participantId: string, socketId: string) {
    const seat = this.state(eventId).here.get(participantId);
    if (seat) {
      seat.sockets.delete(socketId);
      seat.lastSeen = Date.now();
    }
    this.state(eventId).changed = true;
  }

  /** After a restart: these people keep their seat for the grace period. */
  keepSeats(eventId: string, participantIds: string[]) {
    const here = this.state(eventId).here;
    for (const id of participantIds) here.set(id, { sockets: new Set(), lastSeen: Date.now() });
  }

  /** Did presence change here since the last call? (then the other processes are told) */
  takeChanged(eventId: string) {
    const state = this.state(eventId);
    const changed = state.changed;
    state.changed = false;
    return changed;
  }

  /** Participants with a socket on this process now. */
  connected(eventId: string): string[] {
    const here = this.events.get(eventId)?.here ?? new Map<string, Seat>();
    return [...here].filter(([, p]) => p.sockets.size > 0).map(([id]) => id);
  }

  /** Participants connected to this process now or within the grace period. */
  present(eventId: string, now = Date.now()): string[] {
    const here = this.events.get(eventId)?.here ?? new Map<string, Seat>();
    return [...here]
      .filter(([, p]) => p.sockets.size > 0 || now - p.lastSeen < PRESENCE_GRACE_MS)
      .map(([id]) => id)
      .sort();
  }

  /** Connected here now, or to another process when it last answered. */
  connectedCheck(eventId: string) {
    const state = this.state(eventId);
    return (id: string) =>
      (state.here.get(id)?.sockets.size ?? 0) > 0 || state.connectedElsewhere.has(id);
  }

  /** The other processes' answer if it is recent enough to serve the clock without asking. */
  freshElsewhere(eventId: string): string[] | undefined {
    const elsewhere = this.state(eventId).elsewhere;
    return elsewhere && Date.now() - elsewhere.at < PRESENCE_FRESH_MS ? elsewhere.ids : undefined;
  }

  /**
   * Asks the other processes who is here: each answers with participant ids only. A process that
   * does not answer in time (it died; the adapter gives up after 5 s) is left out, so the clock
   * never waits longer than that.
   */
  async elsewhere(eventId: string): Promise<PresenceReply> {
    const merged: PresenceReply = { connected: [], graced: [] };
    if (!this.clustered()) return merged;
    const discovering = this.discoveredAt - Date.now();
    if (discovering > 0) await new Promise((resolve) => setTimeout(resolve, discovering));
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
  async everywhere(eventId: string): Promise<string[]> {
    const elsewhere = await this.elsewhere(eventId);
    return [
      ...new Set([...this.present(eventId), ...elsewhere.connected, ...elsewhere.graced]),
    ].sort();
  }
}
