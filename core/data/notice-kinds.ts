/**
 * Every kind of e-mail the application sends, and the notice category it belongs to (ADR 0039).
 * A person turns categories off on /account ("Avis par courriel"); the "essential" ones cannot be
 * turned off: account security (sign-up, password, address) and the invitations, decisions and
 * appointments a person must receive to take part. The mailer (core/mail/index.ts) applies the
 * rule; `MailMessage.kind` is typed `MailKind`, so a new kind that is not mapped here is refused
 * by TypeScript.
 */
import { z } from "zod";

/** The categories a person may turn off, in the order the account page shows them. */
export const OPTIONAL_NOTICE_CATEGORIES = [
  "reminders",
  "announcements",
  "groups",
  "requests",
  "coordination",
] as const;
export type OptionalNoticeCategory = (typeof OPTIONAL_NOTICE_CATEGORIES)[number];
export type NoticeCategory = OptionalNoticeCategory | "essential";

type ApplicationDecision = "accepted" | "rejected" | "waitlisted";

export const MAIL_KINDS = {
  // Reminders: meetings, check-ins, events, questionnaires not answered yet.
  meetingReminder: "reminders",
  checkInReminder: "reminders",
  eventReminder: "reminders",
  evaluationReminder: "reminders",
  // Announcements: an event announced or changed, a questionnaire opening.
  eventAnnouncement: "announcements",
  eventUpdate: "announcements",
  eventUninvited: "announcements",
  evaluationOpen: "announcements",
  // Group proposals and formation.
  proposalReceived: "groups",
  groupFormed: "groups",
  selfGroupFormed: "groups",
  // Requests addressed to a person (a tool to share, a self-formed group awaiting approval).
  toolShareRequest: "requests",
  selfGroupAwaiting: "requests",
  // Coordination: who coordinates a program with you (someone joined, someone stepped down).
  coCoordinatorJoined: "coordination",
  coordinatorSteppedDown: "coordination",
  coordinatorRemoved: "coordination",
  // Essential: account security, and what the account may do (the coordinator role).
  signUpConfirm: "essential",
  signUpExisting: "essential",
  passwordReset: "essential",
  passwordResetUnknown: "essential",
  passwordChanged: "essential",
  emailChangeConfirm: "essential",
  emailChangeTaken: "essential",
  emailChanged: "essential",
  coordinatorRoleGranted: "essential",
  coordinatorRoleRevoked: "essential",
  // Essential: invitations, applications and decisions, interviews.
  coCoordinatorInvitation: "essential",
  applicationDraft: "essential",
  applicationReceived: "essential",
  "application-accepted": "essential",
  "application-rejected": "essential",
  "application-waitlisted": "essential",
  interviewScheduled: "essential",
  interviewToValidate: "essential",
  interviewCorrection: "essential",
} as const satisfies Record<string, NoticeCategory>;

export type MailKind = keyof typeof MAIL_KINDS;

/** Typed so that every application decision has its e-mail kind mapped above. */
export type ApplicationDecisionKind = `application-${ApplicationDecision}`;
const _decisionsMapped: Record<ApplicationDecisionKind, NoticeCategory> = MAIL_KINDS;
void _decisionsMapped;

export function noticeCategoryOf(kind: MailKind): NoticeCategory {
  return MAIL_KINDS[kind];
}

/**
 * What a person turned off, on their account (absent: everything is on). Only optional
 * categories can be stored: "essential" is not a key here.
 */
export const noticePreferencesSchema = z.strictObject({
  off: z.array(z.enum(OPTIONAL_NOTICE_CATEGORIES)).max(OPTIONAL_NOTICE_CATEGORIES.length),
});
export type NoticePreferences = z.infer<typeof noticePreferencesSchema>;

/** Whether a message of `kind` reaches a person with these preferences. */
export function wantsNotice(preferences: NoticePreferences | undefined, kind: MailKind): boolean {
  const category = noticeCategoryOf(kind);
  if (category === "essential") return true;
  return !preferences?.off.includes(category);
}

/** Where every e-mail links for the notice choices: /account#notices, through the sign-in. */
export const NOTICE_PREFERENCES_PATH = "/account/notices";
