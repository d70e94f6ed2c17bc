/**
 * Who leads a meeting (pure): the one rule every path that names a lead calls — a planned series,
 * the "assign the leads" button, the co-development session's suggested facilitator, the seeds.
 *
 * The program setting `meetingLead` chooses the rule; "by-mode" (the default) follows the
 * composition: in mentorship the mentor leads every meeting (the two co-mentors of a shared seat
 * alternate), in co-development the peers take turns fairly (fewest turns so far first, the
 * meeting theme's expert preferred when turns are equal). The engine is matching/rotation.ts.
 */
import { rotateFacilitators } from "../../matching/rotation";
import type { Role } from "../../matching/roles";
import type { MEETING_LEAD_SETTINGS } from "../data/vocabulary";

export type LeadSetting = (typeof MEETING_LEAD_SETTINGS)[number];
export type LeadRule = "mentor" | "rotation";

/** The rule a program applies: its setting, or the one its composition implies. */
export function leadRuleOf(program: {
  composition: "mentorship" | "co-development";
  meetingLead?: LeadSetting;
}): LeadRule {
  const setting = program.meetingLead ?? "by-mode";
  if (setting !== "by-mode") return setting;
  return program.composition === "mentorship" ? "mentor" : "rotation";
}

export interface LeadMember {
  id: string;
  role: Role;
  /** Taxonomy subject ids from the member's profile. */
  expertise: readonly string[];
}

export interface LeadMeeting {
  id: string;
  /** A taxonomy subject id. */
  theme?: string;
  /** Who may lead it: the members attending (and not otherwise busy, e.g. a session's client). */
  participantIds: readonly string[];
  /** A lead the members chose (a swap, an edit): kept, and counted as a turn. */
  fixedLeadId?: string;
}

/**
 * One lead per meeting, in the meetings' (chronological) order. `history`: the leads of earlier
 * meetings, oldest first, so that turns continue where they stopped. With the mentor rule, a
 * meeting without a mentor present falls back to the fair rotation among those present.
 */
export function assignLeads(input: {
  rule: LeadRule;
  members: readonly LeadMember[];
  meetings: readonly LeadMeeting[];
  history: readonly string[];
}): string[] {
  if (input.meetings.length === 0) return [];
  return rotateFacilitators({
    mode: input.rule === "mentor" ? "mentor-leads" : "fair",
    members: input.members,
    meetings: input.meetings.map((m) => ({
      id: m.id,
      theme: m.theme || undefined,
      participantIds: m.participantIds,
      fixedFacilitatorId: m.fixedLeadId,
    })),
    history: input.history,
  });
}
