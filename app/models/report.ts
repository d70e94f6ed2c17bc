/**
 * The program report (pure): what the groups did, in figures anyone may read. No organization or
 * person is identifiable:
 *
 * - groups are named by their label (a theme) or "Group 1, Group 2…" in creation order; their
 *   composition is counted by role and their regions are counted, never named;
 * - every free text shown (tool titles and descriptions, quotes, recommendations, labels) goes
 *   through `redactor()`, which replaces the program's organization names, people's names (full,
 *   first, last, any part) and emails with "[…]";
 * - quotes and recommendations come only from answers whose author consented (`quoteConsent`);
 * - an answer breakdown (per group or per answer) built from fewer than `MIN_RESPONDENTS` people is
 *   not given, and neither is an average of fewer than `MIN_RESPONDENTS` people: only the count of
 *   answers. Meeting and hour figures describe a group, not a person, and are always given.
 *
 * The loader (`report.server.ts`) reads the store; this module only computes, so it is tested on
 * the pilot cohort without a server.
 */
import { translate, type Locale, type MessageKey } from "~/i18n";
import { summarize, type HourLine } from "./hour-bank";

export const MIN_RESPONDENTS = 3;
export const REDACTED = "[…]";

// ─── Input ──────────────────────────────────────────────────────────────────────────────────────

export type Role = "mentor" | "mentee" | "peer";
export const ROLES: readonly Role[] = ["mentor", "mentee", "peer"];

export interface ReportInput {
  program: {
    id: string;
    title: string;
    composition: "mentorship" | "co-development";
    hourBankHours: number;
    mentoringStart: string;
    mentoringEnd: string;
    taxonomy: ReadonlyArray<{ id: string; label: string; labelEn?: string }>;
  };
  groups: ReadonlyArray<{
    id: string;
    label: string;
    status: "active" | "dissolved";
    memberIds: readonly string[];
    createdAt: string;
  }>;
  participants: ReadonlyArray<{ id: string; role: Role; organizationId: string }>;
  organizations: ReadonlyArray<{ id: string; region: string }>;
  meetings: ReadonlyArray<{
    groupId: string;
    status: "planned" | "held" | "postponed" | "cancelled";
    kind: "collective" | "individual";
  }>;
  hourEntries: ReadonlyArray<HourLine & { groupId: string }>;
  tools: ReadonlyArray<{
    groupId?: string;
    title: string;
    description: string;
    theme: string;
    programWide: boolean;
  }>;
  evaluations: ReadonlyArray<{
    id: string;
    kind: "monthly" | "final";
    title: string;
    opensOn: string;
  }>;
  responses: ReadonlyArray<{
    evaluationId: string;
    participantId: string;
    groupId?: string;
    appreciation: number;
    quoteConsent: boolean;
    successFactors: string;
    learning: string;
    recommendations: string;
    objectivesReached?: "yes" | "partly" | "no";
    continueMeeting?: "yes" | "maybe" | "no";
  }>;
  /** Everything the redactor must hide. */
  names: RedactionNames;
  /** For the hour bank's arithmetic only (its warnings are not part of the report). */
  today?: string;
}

export interface RedactionNames {
  organizations: readonly string[];
  /** Full names ("Louise Bérubé"): the full name, each part and the last name are hidden. */
  people: readonly string[];
  emails: readonly string[];
}

// ─── Output ─────────────────────────────────────────────────────────────────────────────────────

export interface GroupHours {
  bank: number;
  used: number;
  remaining: number;
  meeting: number;
  preparation: number;
  communication: number;
  followUp: number;
  /** Shares of the hours used (0–1). */
  preparationShare: number;
  outsideMeetingsShare: number;
}

export interface GroupMeetings {
  held: number;
  /** Of the held meetings. */
  collective: number;
  individual: number;
  postponed: number;
  cancelled: number;
  planned: number;
}

export interface ReportGroup {
  id: string;
  /** 1, 2… in creation order: "Group 1" when the group has no label. */
  number: number;
  /** The coordinators' label, redacted; empty when none. */
  label: string;
  status: "active" | "dissolved";
  composition: Record<Role, number>;
  /** How many distinct regions the members' organizations come from (never which). */
  regions: number;
  meetings: GroupMeetings;
  hours: GroupHours;
  tools: number;
}

export interface ToolTheme {
  /** The taxonomy subject's id, empty for tools without a theme. */
  theme: string;
  label: string;
  labelEn: string;
  tools: Array<{ title: string; description: string; programWide: boolean }>;
  count: number;
  programWide: number;
}

export type Answer3 = "yes" | "partly" | "no";
export type Keep3 = "yes" | "maybe" | "no";

/** Answers of some people: figures only when at least `MIN_RESPONDENTS` people answered. */
export interface AnswerStats {
  responses: number;
  respondents: number;
  /** False when fewer than `MIN_RESPONDENTS` people answered: only `responses` is given. */
  shown: boolean;
  averageAppreciation: number | null;
}
export interface FinalStats extends AnswerStats {
  objectivesReached: Record<Answer3, number> | null;
  continueMeeting: Record<Keep3, number> | null;
}
export interface GroupBreakdown<T> {
  groupId: string;
  /** Null when fewer than `MIN_RESPONDENTS` members answered: "not broken down". */
  stats: T | null;
}

export interface Report {
  program: { id: string; title: string; hourBankHours: number; start: string; end: string };
  minRespondents: number;
  groups: ReportGroup[];
  totals: {
    groups: number;
    members: number;
    meetings: GroupMeetings;
    hours: GroupHours;
    tools: number;
  };
  /** The roles present in the program's groups, in order (mentorship: mentor, mentee). */
  roles: Role[];
  tools: { themes: ToolTheme[]; total: number; programWide: number };
  evaluations: {
    monthly: {
      questionnaires: number;
      total: AnswerStats;
      byQuestionnaire: Array<{ title: string; opensOn: string; stats: AnswerStats }>;
      byGroup: Array<GroupBreakdown<AnswerStats>>;
    };
    final: {
      questionnaires: number;
      total: FinalStats;
      byGroup: Array<GroupBreakdown<FinalStats>>;
    };
  };
  /** From consenting answers only, redacted, in alphabetical order (not by person). */
  recommendations: string[];
  quotes: Array<{ source: "learning" | "successFactors"; text: string }>;
}

// ─── Redaction ──────────────────────────────────────────────────────────────────────────────────

/** Name particles that are never hidden on their own ("de", "la"…): they are ordinary words. */
const PARTICLES = new Set([
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "d",
  "l",
  "van",
  "von",
  "der",
  "den",
  "da",
  "di",
  "del",
  "della",
  "dos",
  "y",
  "e",
  "et",
  "st",
  "ste",
  "mc",
  "mac",
  "bin",
  "ben",
  "al",
  "el",
]);

/** Lower case, no accents, one kind of apostrophe and space: per character, so offsets map back. */
const foldedChars = new Map<string, string>();
function foldChar(ch: string): string {
  // Texts use few distinct characters: each is folded once (a page folds thousands of names).
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = foldCharUncached(ch);
    if (foldedChars.size > 10_000) foldedChars.clear();
    foldedChars.set(ch, folded);
  }
  return folded;
}
function foldCharUncached(ch: string): string {
  const base = ch
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[\u00a0\u202f\u2007]/g, " ")
    .replace(/[‐‑‒–]/g, "-");
  return base.replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
}
function fold(text: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let index = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let i = 0; i < f.length; i++) origin.push(index);
    folded += f;
    index += ch.length;
  }
  return { folded, origin };
}
const foldText = (text: string) => fold(text).folded;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The words of a person's name that are hidden: the full name, first and last names, each part. */
export function nameParts(fullName: string): string[] {
  const name = fullName.trim().replace(/\s+/g, " ");
  if (!name) return [];
  const tokens = name.split(" ");
  const out = new Set<string>([name]);
  if (tokens.length > 1) out.add(tokens.slice(1).join(" "));
  for (const token of tokens) {
    out.add(token);
    for (const part of token.split(/[-‐‑]/)) {
      out.add(part);
      // D'Amours → Amours
      const elided = /^(?:d|l)['’](.+)$/i.exec(part);
      if (elided?.[1]) out.add(elided[1]);
    }
  }
  return [...out].filter((part) => {
    const f = foldText(part).replace(/[^\p{L}\p{N}]/gu, "");
    return f.length >= 2 && !PARTICLES.has(f);
  });
}

/**
 * Everyone a program's report must not name: its participants (accounts and organizations, and the
 * organizations they declared as competitors), its coordinators, and its applicants.
 */
export function programNames(
  program: { coordinatorIds: readonly string[] },
  data: {
    participants: ReadonlyArray<{ userId: string; organizationId: string }>;
    users: ReadonlyArray<{ id: string; name: string; email: string }>;
    organizations: ReadonlyArray<{ id: string; name: string; competitorIds: readonly string[] }>;
    applications: ReadonlyArray<{
      organizationName: string;
      contactName: string;
      email: string;
      contactEmail: string;
    }>;
  },
): RedactionNames {
  const userIds = new Set([...data.participants.map((p) => p.userId), ...program.coordinatorIds]);
  const people = data.users.filter((u) => userIds.has(u.id));
  const orgIds = new Set(data.participants.map((p) => p.organizationId));
  for (const org of data.organizations) {
    if (orgIds.has(org.id)) for (const c of org.competitorIds) orgIds.add(c);
  }
  const orgs = data.organizations.filter((o) => orgIds.has(o.id));
  return {
    organizations: [
      ...orgs.map((o) => o.name),
      ...data.applications.map((a) => a.organizationName),
    ],
    people: [...people.map((u) => u.name), ...data.applications.map((a) => a.contactName)],
    emails: [
      ...people.map((u) => u.email),
      ...data.applications.flatMap((a) => [a.email, a.contactEmail]),
    ].filter(Boolean),
  };
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * A function that hides the given organizations, people and emails in a text: whole words only,
 * whatever the case or accents ("chloe" hides "Chloé"), longest names first, and any email address.
 */
export function redactor(names: RedactionNames): (text: string) => string {
  const terms = new Set<string>();
  for (const org of names.organizations) {
    const name = org.trim();
    if (!name) continue;
    terms.add(name);
    // "Le Grenier partagé" is also "au Grenier partagé", "du Grenier partagé".
    const bare = /^(?:(?:le|la|les|the)\s+|l['’])(.+)$/i.exec(name)?.[1];
    if (bare && bare.replace(/[^\p{L}\p{N}]/gu, "").length >= 4) terms.add(bare);
  }
  for (const person of names.people) for (const part of nameParts(person)) terms.add(part);
  for (const email of names.emails) if (email.trim()) terms.add(email.trim());
  const foldedTerms = [...new Set([...terms].map(foldText))]
    .filter((t) => t.replace(/[^\p{L}\p{N}]/gu, "").length >= 2)
    .sort((a, b) => b.length - a.length);
  const patterns = foldedTerms.map((t) =>
    t
      .split(/[\s-]+/)
      .filter(Boolean)
      .map(escapeRegExp)
      .join("[\\s-]+"),
  );
  // One regular expression of thousands of names is slow to run on every text: only the names
  // whose first word is a word of the text can match there (a match starts and ends on a word
  // boundary, so the name's first run of letters and digits is a whole word of the text). The
  // expression is built from those, in the same order, so the same name wins.
  const byFirstWord = new Map<string, number[]>();
  foldedTerms.forEach((term, index) => {
    const word = /[\p{L}\p{N}]+/u.exec(term)?.[0];
    if (!word) return;
    const list = byFirstWord.get(word);
    if (list) list.push(index);
    else byFirstWord.set(word, [index]);
  });
  const expressions = new Map<string, RegExp>();
  const expressionFor = (indices: number[]) => {
    const key = indices.join(",");
    let expression = expressions.get(key);
    if (!expression) {
      const alternatives = indices.map((i) => patterns[i]!).join("|");
      expression = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "gu");
      if (expressions.size > 1000) expressions.clear();
      expressions.set(key, expression);
    }
    return expression;
  };
  return (text: string) => {
    if (!text) return text;
    const withoutEmails = text.replace(EMAIL, REDACTED);
    if (!patterns.length) return withoutEmails;
    const { folded, origin } = fold(withoutEmails);
    const candidates = new Set<number>();
    for (const word of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
      for (const index of byFirstWord.get(word[0]) ?? []) candidates.add(index);
    }
    if (!candidates.size) return withoutEmails;
    const names$ = expressionFor([...candidates].sort((a, b) => a - b));
    let out = "";
    let last = 0;
    for (const match of folded.matchAll(names$)) {
      const start = origin[match.index] ?? withoutEmails.length;
      const endFolded = match.index + match[0].length;
      const end = endFolded < origin.length ? origin[endFolded]! : withoutEmails.length;
      if (start < last) continue;
      out += withoutEmails.slice(last, start) + REDACTED;
      last = end;
    }
    return out + withoutEmails.slice(last);
  };
}

// ─── The report ─────────────────────────────────────────────────────────────────────────────────

const round2 = (x: number) => Math.round(x * 100) / 100;
const round1 = (x: number) => Math.round(x * 10) / 10;
/** Shares keep three decimals: a percentage with one decimal, without rounding twice. */
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const share = (part: number, whole: number) => (whole > 0 ? round3(part / whole) : 0);

function hoursOf(
  lines: readonly HourLine[],
  bank: number,
  period: { start: string; end: string },
  today: string,
): GroupHours {
  const s = summarize(lines, bank, period, today);
  return {
    bank: s.bank,
    used: s.used,
    remaining: s.remaining,
    meeting: s.byKind.meeting,
    preparation: s.byKind.preparation,
    communication: s.byKind.communication,
    followUp: s.byKind["follow-up"],
    preparationShare: share(s.byKind.preparation, s.used),
    outsideMeetingsShare: share(s.used - s.byKind.meeting, s.used),
  };
}

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

type Response = ReportInput["responses"][number];

function answerStats(responses: readonly Response[]): AnswerStats {
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

function finalStats(responses: readonly Response[]): FinalStats {
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

/** French order (one collator: `localeCompare` with a locale builds one per call). */
const byText = new Intl.Collator("fr").compare;

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

export function buildReport(input: ReportInput): Report {
  const redact = redactor(input.names);
  const program = input.program;
  const period = { start: program.mentoringStart, end: program.mentoringEnd };
  const today = input.today ?? program.mentoringEnd;
  const participantById = new Map(input.participants.map((p) => [p.id, p]));
  const regionByOrg = new Map(input.organizations.map((o) => [o.id, o.region]));
  const meetingsByGroup = groupBy(input.meetings, (m) => m.groupId);
  const hoursByGroup = groupBy(input.hourEntries, (e) => e.groupId);
  const toolsByGroup = groupBy(input.tools, (t) => t.groupId);

  const ordered = [...input.groups].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const groups: ReportGroup[] = ordered.map((g, i) => {
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
      label: redact(g.label.trim()),
      status: g.status,
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
      hours: hoursOf(hoursByGroup.get(g.id) ?? [], program.hourBankHours, period, today),
      tools: toolsByGroup.get(g.id)?.length ?? 0,
    };
  });

  const roles = ROLES.filter((role) => groups.some((g) => g.composition[role] > 0));

  // Tools by theme, in the taxonomy's order; tools without a (known) theme last.
  const tagIndex = new Map(program.taxonomy.map((t, i) => [t.id, i]));
  const themes = new Map<string, ToolTheme>();
  for (const tool of input.tools) {
    const tag = program.taxonomy.find((t) => t.id === tool.theme);
    const entry = themes.get(tool.theme) ?? {
      theme: tool.theme,
      label: tag ? tag.label : redact(tool.theme),
      labelEn: tag ? tag.labelEn || tag.label : redact(tool.theme),
      tools: [],
      count: 0,
      programWide: 0,
    };
    entry.tools.push({
      title: redact(tool.title),
      description: redact(tool.description),
      programWide: tool.programWide,
    });
    entry.count += 1;
    if (tool.programWide) entry.programWide += 1;
    themes.set(tool.theme, entry);
  }
  const rank = (theme: string) =>
    theme === "" ? Number.MAX_SAFE_INTEGER : (tagIndex.get(theme) ?? Number.MAX_SAFE_INTEGER - 1);
  const toolThemes = [...themes.values()]
    .map((t) => ({ ...t, tools: t.tools.sort((a, b) => byText(a.title, b.title)) }))
    .sort((a, b) => rank(a.theme) - rank(b.theme) || byText(a.label, b.label));

  // Questionnaires.
  const evaluationById = new Map(input.evaluations.map((e) => [e.id, e]));
  const kindOf = (r: Response) => evaluationById.get(r.evaluationId)?.kind;
  const monthly = input.responses.filter((r) => kindOf(r) === "monthly");
  const finals = input.responses.filter((r) => kindOf(r) === "final");
  const monthlyByEvaluation = groupBy(monthly, (r) => r.evaluationId);
  const monthlyEvaluations = input.evaluations
    .filter((e) => e.kind === "monthly")
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.id.localeCompare(b.id));

  const consenting = input.responses.filter((r) => r.quoteConsent);
  const recommendations = consenting
    .map((r) => r.recommendations.trim())
    .filter(Boolean)
    .map(redact)
    .sort(byText);
  const quotes = [
    ...consenting
      .filter((r) => kindOf(r) === "final" && r.learning.trim())
      .map((r) => ({ source: "learning" as const, text: redact(r.learning.trim()) })),
    ...consenting
      .filter((r) => kindOf(r) === "monthly" && r.successFactors.trim())
      .map((r) => ({ source: "successFactors" as const, text: redact(r.successFactors.trim()) })),
  ].sort((a, b) => a.source.localeCompare(b.source) || byText(a.text, b.text));

  const members = new Set(groups.flatMap((_, i) => ordered[i]!.memberIds));
  return {
    program: {
      id: program.id,
      title: redact(program.title),
      hourBankHours: program.hourBankHours,
      start: program.mentoringStart,
      end: program.mentoringEnd,
    },
    minRespondents: MIN_RESPONDENTS,
    groups,
    totals: {
      groups: groups.length,
      members: members.size,
      meetings: sumMeetings(groups.map((g) => g.meetings)),
      hours: sumHours(groups.map((g) => g.hours)),
      tools: input.tools.length,
    },
    roles: roles.length
      ? roles
      : program.composition === "co-development"
        ? ["peer"]
        : ["mentor", "mentee"],
    tools: {
      themes: toolThemes,
      total: input.tools.length,
      programWide: input.tools.filter((t) => t.programWide).length,
    },
    evaluations: {
      monthly: {
        questionnaires: monthlyEvaluations.length,
        total: answerStats(monthly),
        byQuestionnaire: monthlyEvaluations.map((e) => ({
          title: redact(e.title),
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
    },
    recommendations,
    quotes,
  };
}

// ─── Names and tables (for the page and the CSV files) ──────────────────────────────────────────

/** How the report names a group: its label, or "Group 2". */
export function groupName(group: Pick<ReportGroup, "label" | "number">, locale: Locale): string {
  return group.label || translate(locale, "report.groupFallback", { n: group.number });
}

export function themeName(theme: Pick<ToolTheme, "theme" | "label" | "labelEn">, locale: Locale) {
  if (!theme.theme) return translate(locale, "report.tools.noTheme");
  return locale === "en" ? theme.labelEn : theme.label;
}

export const REPORT_TABLES = ["groups", "meetings", "hours", "tools", "evaluations"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export interface CsvTable {
  header: string[];
  rows: Array<Array<string | number>>;
}

/** Percent with one decimal, for the CSV files (0.263 → 26.3). */
const percent = (x: number) => Math.round(x * 1000) / 10;

/** The rows of one of the report's CSV files: anonymized figures, in the reader's language. */
export function csvTable(report: Report, table: ReportTable, locale: Locale): CsvTable {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const name = (g: ReportGroup) => groupName(g, locale);
  const total = t("report.total");
  switch (table) {
    case "groups":
      return {
        header: [
          t("report.columns.group"),
          t("report.columns.status"),
          ...report.roles.map((r) => t(`report.roles.${r}`)),
          t("report.columns.regions"),
          t("report.columns.toolsShared"),
        ],
        rows: report.groups.map((g) => [
          name(g),
          t(`report.status.${g.status}`),
          ...report.roles.map((r) => g.composition[r]),
          g.regions,
          g.tools,
        ]),
      };
    case "meetings": {
      const row = (label: string, m: GroupMeetings) => [
        label,
        m.held,
        m.collective,
        m.individual,
        m.postponed,
        m.cancelled,
        m.planned,
      ];
      return {
        header: [
          t("report.columns.group"),
          t("report.meetings.held"),
          t("report.meetings.collective"),
          t("report.meetings.individual"),
          t("report.meetings.postponed"),
          t("report.meetings.cancelled"),
          t("report.meetings.planned"),
        ],
        rows: [
          ...report.groups.map((g) => row(name(g), g.meetings)),
          row(total, report.totals.meetings),
        ],
      };
    }
    case "hours": {
      const row = (label: string, h: GroupHours) => [
        label,
        h.bank,
        h.used,
        h.remaining,
        h.meeting,
        h.preparation,
        h.communication,
        h.followUp,
        percent(h.preparationShare),
        percent(h.outsideMeetingsShare),
      ];
      return {
        header: [
          t("report.columns.group"),
          t("report.hours.bank"),
          t("report.hours.used"),
          t("report.hours.remaining"),
          t("report.hours.meeting"),
          t("report.hours.preparation"),
          t("report.hours.communication"),
          t("report.hours.followUp"),
          t("report.hours.preparationSharePercent"),
          t("report.hours.outsideSharePercent"),
        ],
        rows: [...report.groups.map((g) => row(name(g), g.hours)), row(total, report.totals.hours)],
      };
    }
    case "tools":
      return {
        header: [
          t("report.tools.theme"),
          t("report.tools.title"),
          t("report.tools.description"),
          t("report.tools.inLibrary"),
        ],
        rows: report.tools.themes.flatMap((theme) =>
          theme.tools.map((tool) => [
            themeName(theme, locale),
            tool.title,
            tool.description,
            t(tool.programWide ? "common.yes" : "common.no"),
          ]),
        ),
      };
    case "evaluations": {
      const rows: Array<Array<string | number>> = [];
      const suppressed = t("report.suppressed", { min: report.minRespondents });
      const monthly = t("report.evaluations.monthlyShort");
      const final = t("report.evaluations.finalShort");
      const program = t("report.evaluations.program");
      const stats = (q: string, scope: string, s: AnswerStats | null) => {
        if (!s) {
          rows.push([q, scope, t("report.evaluations.breakdown"), suppressed]);
          return;
        }
        rows.push([q, scope, t("report.evaluations.responses"), s.responses]);
        rows.push([q, scope, t("report.evaluations.average"), s.averageAppreciation ?? suppressed]);
      };
      const finalStatsRows = (scope: string, s: FinalStats | null) => {
        stats(final, scope, s);
        if (!s) return;
        for (const a of ["yes", "partly", "no"] as const)
          rows.push([
            final,
            scope,
            t("report.evaluations.answerMeasure", {
              question: t("report.evaluations.objectivesReached"),
              answer: t(`report.answers.${a}`),
            }),
            s.objectivesReached?.[a] ?? suppressed,
          ]);
        for (const a of ["yes", "maybe", "no"] as const)
          rows.push([
            final,
            scope,
            t("report.evaluations.answerMeasure", {
              question: t("report.evaluations.continueMeeting"),
              answer: t(`report.answers.${a}`),
            }),
            s.continueMeeting?.[a] ?? suppressed,
          ]);
      };
      const ev = report.evaluations;
      stats(monthly, program, ev.monthly.total);
      for (const q of ev.monthly.byQuestionnaire) stats(monthly, q.title, q.stats);
      for (const g of ev.monthly.byGroup) {
        const group = report.groups.find((x) => x.id === g.groupId)!;
        stats(monthly, name(group), g.stats);
      }
      finalStatsRows(program, ev.final.total);
      for (const g of ev.final.byGroup) {
        const group = report.groups.find((x) => x.id === g.groupId)!;
        finalStatsRows(name(group), g.stats);
      }
      for (const text of report.recommendations)
        rows.push([final, program, t("report.evaluations.recommendation"), text]);
      for (const q of report.quotes)
        rows.push([
          q.source === "learning" ? final : monthly,
          program,
          t(`report.quotes.${q.source}`),
          q.text,
        ]);
      return {
        header: [
          t("report.columns.questionnaire"),
          t("report.columns.scope"),
          t("report.columns.measure"),
          t("report.columns.value"),
        ],
        rows,
      };
    }
  }
}
