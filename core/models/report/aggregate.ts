/**
 * The report's figures: per group (composition by role, regions counted, meetings, hours, tools)
 * and for the program (totals, questionnaire answers). Answers of fewer than `MIN_RESPONDENTS`
 * people are counted, never broken down or averaged; meetings and hours describe a group, not a
 * person, and are always given. Texts are named by the caller, already redacted.
 */
import { bankRoles, summarize, type BankRoles, type HourLine } from "../hour-bank";
import { COORDINATION_TASKS, type CoordinationTask } from "../../data/vocabulary";
import { MIN_RESPONDENTS } from "./anonymize";
import {
  ROLES,
  type Answer3,
  type AnswerStats,
  type FinalStats,
  type GroupBreakdown,
  type GroupHours,
  type GroupMeetings,
  type Keep3,
  type Report,
  type ReportBudget,
  type ReportGroup,
  type ReportInput,
  type Role,
} from "./types";

type Response = ReportInput["responses"][number];
/** What the questionnaires' figures read of an answer (a response, or a validated interview). */
type Answer = Pick<
  Response,
  "participantId" | "appreciation" | "objectivesReached" | "continueMeeting"
>;

/** French order (one collator: `localeCompare` with a locale builds one per call). */
const byText = new Intl.Collator("fr").compare;
const round2 = (x: number) => Math.round(x * 100) / 100;
const round1 = (x: number) => Math.round(x * 10) / 10;
/** Shares keep three decimals: a percentage with one decimal, without rounding twice. */
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const share = (part: number, whole: number) => (whole > 0 ? round3(part / whole) : 0);

/** The items of a list by a key, in their order (one pass instead of a filter per key). */
function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

// ─── Groups ─────────────────────────────────────────────────────────────────────────────────────

function hoursOf(
  lines: readonly HourLine[],
  bank: number,
  period: { start: string; end: string },
  today: string,
  roles: BankRoles,
): GroupHours {
  const s = summarize(lines, bank, period, today, roles);
  return {
    bank: s.bank,
    used: s.used,
    remaining: s.remaining,
    meeting: s.byKind.meeting,
    preparation: s.byKind.preparation,
    communication: s.byKind.communication,
    followUp: s.byKind["follow-up"],
    ownTime: s.ownTime,
    preparationShare: share(s.byKind.preparation, s.used),
    outsideMeetingsShare: share(s.used - s.byKind.meeting, s.used),
  };
}

/**
 * The program's groups in creation order ("Group 1, Group 2…"), with their figures. `label` names
 * a group by the coordinators' label (the caller redacts it).
 */
export function reportGroups(input: ReportInput, label: (text: string) => string): ReportGroup[] {
  const program = input.program;
  const period = { start: program.mentoringStart, end: program.mentoringEnd };
  const today = input.today ?? program.mentoringEnd;
  const participantById = new Map(input.participants.map((p) => [p.id, p]));
  const regionByOrg = new Map(input.organizations.map((o) => [o.id, o.region]));
  const meetingsByGroup = groupBy(input.meetings, (m) => m.groupId);
  const hoursByGroup = groupBy(input.hourEntries, (e) => e.groupId);
  const sessionsByGroup = groupBy(input.codevSessions, (c) => c.groupId);
  const roleOf = (id: string) => participantById.get(id)?.role;
  const toolsByGroup = groupBy(input.tools, (t) => t.groupId);

  const ordered = [...input.groups].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  return ordered.map((g, i) => {
    const composition: Record<Role, number> = { mentor: 0, mentee: 0, peer: 0 };
    const regions = new Set<string>();
    for (const id of g.memberIds) {
      const p = participantById.get(id);
      if (!p) continue;
      composition[p.role] += 1;
      const region = regionByOrg.get(p.organizationId);
      if (region) regions.add(region);
    }
    const meetings = meetingsByGroup.get(g.id) ?? [];
    const held = meetings.filter((m) => m.status === "held");
    const count = (status: "postponed" | "cancelled" | "planned") =>
      meetings.filter((m) => m.status === status).length;
    return {
      id: g.id,
      number: i + 1,
      label: label(g.label.trim()),
      status: program.status === "closed" && g.status === "active" ? "completed" : g.status,
      composition,
      regions: regions.size,
      meetings: {
        held: held.length,
        collective: held.filter((m) => m.kind === "collective").length,
        individual: held.filter((m) => m.kind === "individual").length,
        postponed: count("postponed"),
        cancelled: count("cancelled"),
        planned: count("planned"),
      },
      hours: hoursOf(
        hoursByGroup.get(g.id) ?? [],
        program.hourBankHours,
        period,
        today,
        bankRoles({
          composition: program.composition,
          group: g,
          roleOf,
          meetings,
          sessions: sessionsByGroup.get(g.id) ?? [],
        }),
      ),
      tools: toolsByGroup.get(g.id)?.length ?? 0,
    };
  });
}

/** The roles present in the groups, in order; the program's composition's when there is none. */
export function reportRoles(
  groups: readonly ReportGroup[],
  composition: ReportInput["program"]["composition"],
): Role[] {
  const roles = ROLES.filter((role) => groups.some((g) => g.composition[role] > 0));
  if (roles.length) return roles;
  return composition === "co-development" ? ["peer"] : ["mentor", "mentee"];
}

// ─── The program ────────────────────────────────────────────────────────────────────────────────

function sumHours(all: readonly GroupHours[]): GroupHours {
  const sum = (pick: (h: GroupHours) => number) => round2(all.reduce((s, h) => s + pick(h), 0));
  const used = sum((h) => h.used);
  const meeting = sum((h) => h.meeting);
  const preparation = sum((h) => h.preparation);
  return {
    bank: sum((h) => h.bank),
    used,
    remaining: sum((h) => h.remaining),
    meeting,
    preparation,
    communication: sum((h) => h.communication),
    followUp: sum((h) => h.followUp),
    ownTime: sum((h) => h.ownTime),
    preparationShare: share(preparation, used),
    outsideMeetingsShare: share(used - meeting, used),
  };
}

function sumMeetings(all: readonly GroupMeetings[]): GroupMeetings {
  const sum = (k: keyof GroupMeetings) => all.reduce((s, m) => s + m[k], 0);
  return {
    held: sum("held"),
    collective: sum("collective"),
    individual: sum("individual"),
    postponed: sum("postponed"),
    cancelled: sum("cancelled"),
    planned: sum("planned"),
  };
}

/** The program's totals over all its groups (`groups`: every group, from `reportGroups`). */
export function programTotals(
  input: ReportInput,
  groups: readonly ReportGroup[],
): Report["totals"] {
  const members = new Set(input.groups.flatMap((g) => g.memberIds));
  const regionByOrg = new Map(input.organizations.map((o) => [o.id, o.region]));
  const regions = new Set(
    input.participants
      .filter((p) => members.has(p.id))
      .map((p) => regionByOrg.get(p.organizationId))
      .filter((region) => region !== undefined),
  );
  return {
    groups: groups.length,
    members: members.size,
    regions: regions.size,
    meetings: sumMeetings(groups.map((g) => g.meetings)),
    hours: sumHours(groups.map((g) => g.hours)),
    tools: input.tools.length,
  };
}

/**
 * The program's compensation and coordination time next to its hours: every mentor of the program
 * counts with their own figure, else the program's; the coordinators' logged time by task.
 */
export function budgetFigures(input: ReportInput, totals: Report["totals"]): ReportBudget {
  const perMentor = input.program.budget.mentorCompensation;
  const mentors = input.participants.filter((p) => p.role === "mentor");
  const byTask = Object.fromEntries(COORDINATION_TASKS.map((t) => [t, 0])) as Record<
    CoordinationTask,
    number
  >;
  for (const e of input.coordinationEntries) byTask[e.task] += e.hours;
  for (const t of COORDINATION_TASKS) byTask[t] = round2(byTask[t]);
  return {
    mentors: mentors.length,
    mentorCompensation: round2(mentors.reduce((s, p) => s + (p.compensation ?? perMentor), 0)),
    compensationPerMentor: perMentor,
    coordinationBudget: input.program.budget.coordination,
    coordinationHours: round2(input.coordinationEntries.reduce((s, e) => s + e.hours, 0)),
    coordinationByTask: byTask,
    hoursOffered: totals.hours.bank,
    hoursUsed: totals.hours.used,
    ownTime: totals.hours.ownTime,
  };
}

// ─── Questionnaires ─────────────────────────────────────────────────────────────────────────────

/** The kind of questionnaire an answer belongs to (undefined: not one of the program's). */
export function answerKind(
  input: ReportInput,
): (response: Response) => "monthly" | "final" | undefined {
  const evaluationById = new Map(input.evaluations.map((e) => [e.id, e]));
  return (r) => evaluationById.get(r.evaluationId)?.kind;
}

function answerStats(responses: readonly Answer[]): AnswerStats {
  const respondents = new Set(responses.map((r) => r.participantId)).size;
  const shown = respondents >= MIN_RESPONDENTS;
  const average =
    responses.length > 0
      ? round1(responses.reduce((s, r) => s + r.appreciation, 0) / responses.length)
      : null;
  return {
    responses: responses.length,
    respondents,
    shown,
    averageAppreciation: shown ? average : null,
  };
}

function finalStats(responses: readonly Answer[]): FinalStats {
  const base = answerStats(responses);
  if (!base.shown) return { ...base, objectivesReached: null, continueMeeting: null };
  const reached: Record<Answer3, number> = { yes: 0, partly: 0, no: 0 };
  const keep: Record<Keep3, number> = { yes: 0, maybe: 0, no: 0 };
  for (const r of responses) {
    if (r.objectivesReached) reached[r.objectivesReached] += 1;
    if (r.continueMeeting) keep[r.continueMeeting] += 1;
  }
  return { ...base, objectivesReached: reached, continueMeeting: keep };
}

/** Per group, only when enough of its members answered. */
function byGroup<T extends AnswerStats>(
  groups: readonly { id: string }[],
  responses: readonly Response[],
  stats: (rs: readonly Response[]) => T,
): Array<GroupBreakdown<T>> {
  const byGroupId = groupBy(responses, (r) => r.groupId);
  return groups.map((g) => {
    const s = stats(byGroupId.get(g.id) ?? []);
    return { groupId: g.id, stats: s.shown ? s : null };
  });
}

/**
 * The monthly and final questionnaires' answers, for the program, per questionnaire (monthly) and
 * per group (`groups` in the report's order). `title` names a questionnaire (the caller redacts).
 */
export function evaluationFigures(
  input: ReportInput,
  groups: readonly ReportGroup[],
  title: (text: string) => string,
): Report["evaluations"] {
  const kindOf = answerKind(input);
  const monthly = input.responses.filter((r) => kindOf(r) === "monthly");
  const finals = input.responses.filter((r) => kindOf(r) === "final");
  const monthlyByEvaluation = groupBy(monthly, (r) => r.evaluationId);
  const monthlyEvaluations = input.evaluations
    .filter((e) => e.kind === "monthly")
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.id.localeCompare(b.id));
  return {
    monthly: {
      questionnaires: monthlyEvaluations.length,
      total: answerStats(monthly),
      byQuestionnaire: monthlyEvaluations.map((e) => ({
        title: title(e.title),
        opensOn: e.opensOn,
        stats: answerStats(monthlyByEvaluation.get(e.id) ?? []),
      })),
      byGroup: byGroup(groups, monthly, answerStats),
    },
    final: {
      questionnaires: input.evaluations.filter((e) => e.kind === "final").length,
      total: finalStats(finals),
      byGroup: byGroup(groups, finals, finalStats),
    },
  };
}

// ─── Final interviews ───────────────────────────────────────────────────────────────────────────

/**
 * The final interviews: how many were held and validated, and the figures and texts of the
 * validated summaries only — a summary the participant has not validated (awaiting, or sent back
 * for a correction) is counted, never read. The texts go through the caller's redactor.
 */
export function interviewFigures(
  input: ReportInput,
  redact: (text: string) => string,
): Report["interviews"] {
  const all = input.interviews ?? [];
  const validated = all.flatMap((i) =>
    i.status === "validated" && i.notes ? [{ participantId: i.participantId, ...i.notes }] : [],
  );
  const texts = (pick: (n: (typeof validated)[number]) => string) =>
    validated
      .map((n) => pick(n).trim())
      .filter(Boolean)
      .map(redact)
      .sort(byText);
  return {
    scheduled: all.length,
    validated: validated.length,
    stats: finalStats(validated),
    learning: texts((n) => n.learning),
    recommendations: texts((n) => n.recommendations),
  };
}
