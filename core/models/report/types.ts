/**
 * What the report is built from (one program's data, read by `report.server.ts`) and what it
 * gives: figures per group and for the program, and redacted texts.
 */
import type { HourLine } from "../hour-bank";
import type { CoordinationTask } from "../../data/vocabulary";
import type { RedactionNames } from "./anonymize";
import { ROLES, type Role } from "../../../matching/roles";

// ─── Input ──────────────────────────────────────────────────────────────────────────────────────

export { ROLES, type Role };

export interface ReportInput {
  program: {
    id: string;
    title: string;
    composition: "mentorship" | "co-development";
    /** A closed program's groups read "completed", not "active". */
    status?: "draft" | "open" | "active" | "closed";
    hourBankHours: number;
    mentoringStart: string;
    mentoringEnd: string;
    /** CAD, for information: the default per mentor, and the coordination budget. */
    budget: { mentorCompensation: number; coordination: number };
    taxonomy: ReadonlyArray<{ id: string; label: string; labelEn?: string }>;
  };
  groups: ReadonlyArray<{
    id: string;
    label: string;
    status: "active" | "dissolved";
    memberIds: readonly string[];
    mentorId?: string;
    createdAt: string;
  }>;
  /** `compensation`: a mentor's own figure (CAD), else the program's. */
  participants: ReadonlyArray<{
    id: string;
    role: Role;
    organizationId: string;
    compensation?: number;
  }>;
  organizations: ReadonlyArray<{ id: string; region: string }>;
  meetings: ReadonlyArray<{
    id: string;
    groupId: string;
    status: "planned" | "held" | "postponed" | "cancelled";
    kind: "collective" | "individual";
    facilitatorId?: string;
  }>;
  /** Who facilitated the sessions, for the hour bank's rule (co-development). */
  codevSessions: ReadonlyArray<{
    id: string;
    groupId: string;
    meetingId?: string;
    facilitatorId: string;
  }>;
  hourEntries: ReadonlyArray<HourLine & { groupId: string }>;
  /** The coordinators' time on the program. */
  coordinationEntries: ReadonlyArray<{ hours: number; task: CoordinationTask }>;
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
  /** The final interviews; only validated summaries are read (`interviewFigures`). */
  interviews?: ReadonlyArray<{
    participantId: string;
    status: "scheduled" | "awaiting-validation" | "correction-requested" | "validated";
    notes?: {
      appreciation: number;
      learning: string;
      objectivesReached: Answer3;
      recommendations: string;
      continueMeeting: Keep3;
    };
  }>;
  /** Everything the redactor must hide. */
  names: RedactionNames;
  /** For the hour bank's arithmetic only (its warnings are not part of the report). */
  today?: string;
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
  /** The members' own time (mentees, peers not facilitating), outside the bank. */
  ownTime: number;
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
  /** "completed": an active group of a closed program. */
  status: "active" | "completed" | "dissolved";
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

/** The program's money and coordination time, next to the hours (CAD; hours). */
export interface ReportBudget {
  /** Mentors of the program, and their compensation added up (each one's own or the default). */
  mentors: number;
  mentorCompensation: number;
  /** The program's default compensation per mentor. */
  compensationPerMentor: number;
  coordinationBudget: number;
  coordinationHours: number;
  coordinationByTask: Record<CoordinationTask, number>;
  /** The groups' banks added up (hours offered), used, and the members' own time. */
  hoursOffered: number;
  hoursUsed: number;
  ownTime: number;
}

export interface Report {
  program: { id: string; title: string; hourBankHours: number; start: string; end: string };
  budget: ReportBudget;
  minRespondents: number;
  groups: ReportGroup[];
  totals: {
    groups: number;
    members: number;
    /** How many distinct regions the groups' members come from (never which). */
    regions: number;
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
  /**
   * The final interviews: how many there are, and from the validated summaries only, the
   * figures (under `MIN_RESPONDENTS` people: counted only) and the texts, redacted, in
   * alphabetical order (not by person).
   */
  interviews: {
    scheduled: number;
    validated: number;
    stats: FinalStats;
    learning: string[];
    recommendations: string[];
  };
  /** From consenting answers only, redacted, in alphabetical order (not by person). */
  recommendations: string[];
  quotes: Array<{ source: "learning" | "successFactors"; text: string }>;
}
