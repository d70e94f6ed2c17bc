/**
 * What a participant waiting this round reads (the page's waiting panel): why they wait, then what
 * comes next. Shared by the page and its tests; the words are in core/i18n (live.wait.*).
 */
import type { EventView } from "./protocol";

export interface WaitLine {
  key:
    | "live.wait.late"
    | "live.wait.rule"
    | "live.wait.count"
    | "live.wait.next.seated"
    | "live.wait.next.waiting"
    | "live.wait.next.unplanned"
    | "live.wait.next.late"
    | "live.wait.next.none"
    | "live.wait.next.noneToRate";
  params?: Record<string, number>;
}

/**
 * The two lines of the waiting panel. A room is never promised in a round that does not exist;
 * in the last round, the ratings shown below the panel (`toRate`) are what is left to do now.
 */
export function waitLines(view: {
  wait: EventView["wait"];
  toRate: readonly unknown[];
  event: Pick<EventView["event"], "roomSize">;
}): WaitLine[] {
  const wait = view.wait;
  if (!wait) return [];
  const why: WaitLine =
    wait.reason === "late"
      ? { key: "live.wait.late" }
      : wait.reason === "rule"
        ? { key: "live.wait.rule" }
        : { key: "live.wait.count", params: { present: wait.present, size: view.event.roomSize } };
  const next: WaitLine =
    wait.next === "none"
      ? { key: view.toRate.length > 0 ? "live.wait.next.noneToRate" : "live.wait.next.none" }
      : wait.reason === "late"
        ? { key: "live.wait.next.late" }
        : { key: `live.wait.next.${wait.next}` };
  return [why, next];
}
