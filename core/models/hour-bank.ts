/**
 * Hour-bank arithmetic (pure): what a group used, what remains, its use over time, and the two
 * warnings the pilot taught — the bank is nearly empty, or the period ends with many hours left
 * (one pilot group still had 7 of its 20 hours at the final evaluation).
 *
 * The bank is the lead's offered time (ADR 0025): meeting time, once per meeting, and the work
 * outside meetings of the group's lead — the mentor(s) in mentorship, the facilitator of the
 * meeting or session the work was for in co-development. Everyone else's time is recorded apart
 * (the members' own time) and never drains the bank. `drawsFromBank` is the one rule.
 */
import type { Role } from "../../matching/roles";

export type HourKind = "meeting" | "preparation" | "communication" | "follow-up";
export const HOUR_KINDS: readonly HourKind[] = [
  "meeting",
  "preparation",
  "communication",
  "follow-up",
];

export interface HourLine {
  /** Who logged the line (whose time it is). */
  participantId: string;
  kind: HourKind;
  hours: number;
  date: string;
  /** Lines of one meeting or session, one per person present: the meeting's time counts once. */
  meetingId?: string;
  codevSessionId?: string;
  /** Work outside meetings done for one meeting or co-development session (its preparation…). */
  forMeetingId?: string;
  forSessionId?: string;
}

/** What the rule needs to know of a group: its mode, its lead(s), who facilitated what. */
export interface BankRoles {
  composition: "mentorship" | "co-development";
  /** The group's lead role(s) holders (`groupLeadIds`). */
  leadIds: ReadonlySet<string>;
  /** Who facilitated each of the group's meetings and co-development sessions, by id. */
  meetingFacilitators: ReadonlyMap<string, string>;
  sessionFacilitators: ReadonlyMap<string, string>;
}

/**
 * The group's lead role(s): the people whose work outside meetings is the offered time in
 * mentorship — the group's mentor and any member who holds a mentor's role (two co-mentors sharing
 * a seat are both leads). Co-development has no standing lead: its lead is each meeting's
 * facilitator (`drawsFromBank`).
 */
export function groupLeadIds(
  group: { mentorId?: string; memberIds: readonly string[] },
  roleOf: (participantId: string) => Role | undefined,
): Set<string> {
  const leads = new Set<string>();
  if (group.mentorId) leads.add(group.mentorId);
  for (const id of group.memberIds) if (roleOf(id) === "mentor") leads.add(id);
  return leads;
}

/**
 * The rule's view of a group, from its records: its members' roles, its meetings and its
 * co-development sessions (a session held in a meeting makes its facilitator the meeting's).
 */
export function bankRoles(input: {
  composition: BankRoles["composition"];
  group: { mentorId?: string; memberIds: readonly string[] };
  roleOf: (participantId: string) => Role | undefined;
  meetings: ReadonlyArray<{ id: string; facilitatorId?: string }>;
  sessions: ReadonlyArray<{ id: string; meetingId?: string; facilitatorId: string }>;
}): BankRoles {
  const meetingFacilitators = new Map<string, string>();
  for (const m of input.meetings)
    if (m.facilitatorId) meetingFacilitators.set(m.id, m.facilitatorId);
  const sessionFacilitators = new Map<string, string>();
  for (const session of input.sessions) {
    sessionFacilitators.set(session.id, session.facilitatorId);
    if (session.meetingId) meetingFacilitators.set(session.meetingId, session.facilitatorId);
  }
  return {
    composition: input.composition,
    leadIds: groupLeadIds(input.group, input.roleOf),
    meetingFacilitators,
    sessionFacilitators,
  };
}

/**
 * Who facilitated the meeting or session a line of work was for: a session's facilitator; for a
 * meeting, the facilitator of the co-development session held in it, else the meeting's own.
 */
function facilitatorFor(line: HourLine, roles: BankRoles): string | undefined {
  if (line.forSessionId) return roles.sessionFacilitators.get(line.forSessionId);
  if (line.forMeetingId) return roles.meetingFacilitators.get(line.forMeetingId);
  return undefined;
}

/**
 * THE rule: does this line draw from the group's bank? Meeting time always does (counted once
 * per meeting by `countedLines`). Work outside meetings does when its author is a lead of the
 * group (mentorship) or facilitated the meeting or session the work was for (co-development);
 * any other member's work is their own time, recorded apart.
 */
export function drawsFromBank(line: HourLine, roles: BankRoles): boolean {
  if (line.kind === "meeting") return true;
  if (roles.composition === "mentorship") return roles.leadIds.has(line.participantId);
  return facilitatorFor(line, roles) === line.participantId;
}

/**
 * Of the lines that draw from the bank, those counted: the bank measures the group's time, so a
 * two-hour meeting uses two hours whoever attended; the lead's work outside meetings counts as
 * logged.
 */
export function countedLines(lines: readonly HourLine[]): HourLine[] {
  const seen = new Map<string, HourLine>();
  const out: HourLine[] = [];
  for (const line of lines) {
    const key = line.meetingId ?? line.codevSessionId;
    if (!key) {
      out.push(line);
      continue;
    }
    const before = seen.get(key);
    if (!before) {
      seen.set(key, line);
      out.push(line);
    } else if (line.hours > before.hours) {
      out[out.indexOf(before)] = line;
      seen.set(key, line);
    }
  }
  return out;
}

export interface HourBankSummary {
  bank: number;
  used: number;
  remaining: number;
  byKind: Record<HourKind, number>;
  /** The members' own time outside meetings, recorded apart: never in `used`. */
  ownTime: number;
  ownByKind: Record<HourKind, number>;
  /** Share of the hours spent outside meetings (about half in the pilot). */
  outsideMeetingsShare: number;
  /**
   * Cumulative use at the end of each month of the period, for the chart; `null` for a month still
   * to come (after today's and after the last hours): nothing is known of it yet.
   */
  byMonth: Array<{ month: string; cumulative: number | null }>;
  warnings: Array<"nearly-empty" | "overdrawn" | "many-left-at-end">;
}

/** Below this share of the bank left, a warning. */
export const NEARLY_EMPTY_SHARE = 0.15;
/** Within this many days of the end, with at least this share left, a warning. */
export const END_SOON_DAYS = 30;
export const MANY_LEFT_SHARE = 0.25;

const round = (x: number) => Math.round(x * 100) / 100;

function months(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = start.slice(0, 7).split("-").map(Number) as [number, number];
  const [ey, em] = end.slice(0, 7).split("-").map(Number) as [number, number];
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const noHours = (): Record<HourKind, number> => ({
  meeting: 0,
  preparation: 0,
  communication: 0,
  "follow-up": 0,
});
const rounded = (byKind: Record<HourKind, number>) =>
  Object.fromEntries(HOUR_KINDS.map((k) => [k, round(byKind[k])])) as Record<HourKind, number>;

export function summarize(
  lines: readonly HourLine[],
  bank: number,
  period: { start: string; end: string },
  today: string,
  roles: BankRoles,
): HourBankSummary {
  const byKind = noHours();
  const ownByKind = noHours();
  const drawing: HourLine[] = [];
  for (const line of lines) {
    if (drawsFromBank(line, roles)) drawing.push(line);
    else ownByKind[line.kind] += line.hours;
  }
  const counted = countedLines(drawing);
  for (const line of counted) byKind[line.kind] += line.hours;
  const used = round(HOUR_KINDS.reduce((sum, k) => sum + byKind[k], 0));
  const remaining = round(bank - used);
  const outside = used === 0 ? 0 : (used - byKind.meeting) / used;
  const sorted = [...counted].sort((a, b) => a.date.localeCompare(b.date));
  // The program's months, widened to any month with hours (a kickoff in December before a period
  // that starts in January, a last meeting after its end): no hour is left out of the chart.
  const first = sorted[0]?.date;
  const last = sorted[sorted.length - 1]?.date;
  const start = first && first < period.start ? first : period.start;
  const end = last && last > period.end ? last : period.end;
  const known = [today.slice(0, 7), last?.slice(0, 7) ?? ""].sort().at(-1)!;
  const byMonth = months(start, end).map((month) => ({
    month,
    cumulative:
      month > known
        ? null
        : round(sorted.filter((l) => l.date.slice(0, 7) <= month).reduce((s, l) => s + l.hours, 0)),
  }));
  const warnings: HourBankSummary["warnings"] = [];
  if (remaining < 0) warnings.push("overdrawn");
  else if (remaining <= bank * NEARLY_EMPTY_SHARE) warnings.push("nearly-empty");
  const daysLeft =
    (Date.parse(`${period.end}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / 86_400_000;
  if (daysLeft >= 0 && daysLeft <= END_SOON_DAYS && remaining >= bank * MANY_LEFT_SHARE) {
    warnings.push("many-left-at-end");
  }
  return {
    bank,
    used,
    remaining,
    byKind: rounded(byKind),
    ownTime: round(HOUR_KINDS.reduce((sum, k) => sum + ownByKind[k], 0)),
    ownByKind: rounded(ownByKind),
    outsideMeetingsShare: round(outside),
    byMonth,
    warnings,
  };
}

/** A row of the hours page: one per meeting or session (its lines gathered), or one entry. */
export type LedgerRow<E extends HourLine> =
  | {
      type: "meeting";
      /** The meeting's or session's id. */
      key: string;
      source: "meeting" | "session";
      date: string;
      /** The time the meeting counts for: once, whoever was present (as `countedLines`). */
      hours: number;
      /** Who was present: the authors of its lines, in the order they were written. */
      presentIds: string[];
      entries: E[];
    }
  | { type: "entry"; entry: E };

/**
 * The ledger as people read it (issue #20): a meeting's lines — one per person present — become
 * one row naming who was there, with the meeting's hours once; every other line stays a row of
 * its own. Presentation only: the arithmetic is `countedLines` / `summarize`, unchanged.
 */
export function ledgerRows<E extends HourLine>(entries: readonly E[]): LedgerRow<E>[] {
  const rows: LedgerRow<E>[] = [];
  const meetings = new Map<string, Extract<LedgerRow<E>, { type: "meeting" }>>();
  for (const entry of entries) {
    const key = entry.meetingId ?? entry.codevSessionId;
    if (!key) {
      rows.push({ type: "entry", entry });
      continue;
    }
    const row = meetings.get(key);
    if (!row) {
      const created = {
        type: "meeting" as const,
        key,
        source: entry.meetingId ? ("meeting" as const) : ("session" as const),
        date: entry.date,
        hours: entry.hours,
        presentIds: [entry.participantId],
        entries: [entry],
      };
      meetings.set(key, created);
      rows.push(created);
      continue;
    }
    row.entries.push(entry);
    row.hours = Math.max(row.hours, entry.hours);
    if (!row.presentIds.includes(entry.participantId)) row.presentIds.push(entry.participantId);
  }
  return rows;
}
