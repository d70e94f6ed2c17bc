/**
 * The round clock of the speed-dating events: a timer per running event, armed from the stored
 * deadline (so it is re-armed after a restart). Every process that knows a running event arms its
 * clock, so the event carries on when one process dies; the store's serialized transactions let
 * only one of them advance the round (the deadline must still be the one armed).
 */
import { applyCommand, type Event } from "../../core/models/event.server";
import { isStoreError } from "../../core/store";
import type { Services } from "../../core/services";
import type { EventPresence } from "./event-presence";
import type { Timings } from "./timings";

/** How long before a deadline the clock asks the other processes who is here. */
const PRESENCE_AHEAD_MS = 3_000;

/** What the clock needs from the live layer. */
export interface ClockHost {
  readonly s: Services;
  readonly presence: EventPresence;
  readonly timings: Timings;
  /** The newest revision of the event this process knows (-1: none). */
  knownRevision(eventId: string): number;
  /** Pushes the event to this process's sockets; `announce`: and tells the other processes. */
  publish(event: Event, announce: boolean): Promise<void>;
  /** A tick is over and none is in flight: what was noticed meanwhile can be read now. */
  ticked(eventId: string): void;
}

interface Clock {
  timer?: NodeJS.Timeout;
  /** Asks for presence shortly before the deadline; its answer, for that deadline. */
  presenceTimer?: NodeJS.Timeout;
  presenceAhead?: { deadline: string; present: Promise<string[]> };
  /** Ticks in flight: each publishes what its transaction found, so a notice needs no read. */
  ticking: number;
}

export class EventClock {
  private readonly clocks = new Map<string, Clock>();

  constructor(private readonly host: ClockHost) {}

  private clock(eventId: string) {
    let clock = this.clocks.get(eventId);
    if (!clock) {
      clock = { ticking: 0 };
      this.clocks.set(eventId, clock);
    }
    return clock;
  }

  /** Is a tick of this event reading and publishing it right now? */
  ticking(eventId: string) {
    return (this.clocks.get(eventId)?.ticking ?? 0) > 0;
  }

  /** Arms the event's clock for its deadline (or disarms it: not running). */
  arm(event: Event) {
    const state = this.clock(event.id);
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
        const ahead = this.host.presence.everywhere(event.id);
        ahead.catch(() => undefined);
        state.presenceAhead = { deadline, present: ahead };
      }, delay - PRESENCE_AHEAD_MS);
      state.presenceTimer.unref?.();
    }
  }

  /**
   * The deadline passed: one transaction checks that it is still this one and advances. The one
   * process that advanced tells the others; each pushes the new round to its own sockets as soon
   * as it knows it (its own transaction or the notice).
   */
  private async tick(eventId: string, deadline: string) {
    const { s, presence, timings } = this.host;
    const state = this.clock(eventId);
    // While this runs, a notice of the same change needs no read: the transaction below reads
    // the event and this publishes whatever it found.
    state.ticking += 1;
    try {
      const started = performance.now();
      timings.step(
        eventId,
        "clock fired",
        started,
        `${Date.now() - Date.parse(deadline)} ms after the deadline`,
      );
      // Presence first, outside the store's write lock: the other processes' recent answer (asked
      // ahead of the deadline) if there is one, else wait for it; this process's own, now.
      const ahead = state.presenceAhead?.deadline === deadline ? state.presenceAhead : undefined;
      state.presenceAhead = undefined;
      const others =
        presence.freshElsewhere(eventId) ??
        (await (ahead?.present ?? presence.everywhere(eventId)));
      const present = [...new Set([...others, ...presence.present(eventId)])].sort();
      timings.step(eventId, "presence", started, `${present.length} present`);
      const before = performance.now();
      const known = this.host.knownRevision(eventId);
      // The store serializes these transactions across processes: exactly one advances the round.
      const event = await applyCommand(s, eventId, "skip", present, Date.now(), deadline);
      // Newer than what this process knew: it advanced, or another process did a moment before
      // (then the notice is redundant; its revision lets the others skip it without a read).
      const advanced = event.revision > known;
      timings.step(eventId, "transaction", before, `revision ${event.revision}`);
      await this.host.publish(event, advanced);
    } catch (error) {
      if (isStoreError(error, "NotFoundError")) return; // the event was deleted
      // A slow answer from the database must not stop the clock: retry.
      console.error(`speed dating ${eventId}: the clock could not advance, retrying`, error);
      const retry = setTimeout(() => void this.tick(eventId, deadline), 1_000);
      retry.unref?.();
    } finally {
      state.ticking -= 1;
      if (state.ticking === 0) this.host.ticked(eventId);
    }
  }

  stop() {
    for (const state of this.clocks.values()) {
      if (state.timer) clearTimeout(state.timer);
      if (state.presenceTimer) clearTimeout(state.presenceTimer);
    }
  }
}
