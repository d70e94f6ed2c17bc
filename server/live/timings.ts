/**
 * How long each step of a speed-dating round switch takes, on stderr, when `timings` is on
 * (`MAILLAGE_LIVE_TIMINGS=1`, bench:live --timings); with the event loop's delay every 10 s.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export class Timings {
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
