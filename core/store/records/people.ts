/**
 * Records of people and programs: accounts, organizations, programs and their taxonomy,
 * participants and their profiles, invitations and applications.
 */
import { z } from "zod";
import {
  availabilitySlots,
  MEETING_LEAD_SETTINGS,
  MENTOR_CRITERIA,
  OPERATIONS,
  SELECTION_CRITERIA,
} from "../../data/vocabulary";
import { noticePreferencesSchema } from "../../data/notice-kinds";
import { id, isoDate, localeSchema, mrcCode, regionCode } from "./common";
import { REGION_RULES } from "../../../matching/compatibility";
import { ROLES } from "../../../matching/roles";

/** A consent to the privacy page (app/routes/privacy.tsx): when, and the version read. */
export const privacyConsentSchema = z.strictObject({
  acceptedAt: isoDate,
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type PrivacyConsent = z.infer<typeof privacyConsentSchema>;

export const userSchema = z.strictObject({
  id,
  email: z.email().max(254),
  name: z.string().min(1).max(120),
  /** "coordinator": may create programs (each program lists its own coordinators). */
  role: z.enum(["coordinator", "participant"]),
  /**
   * Grants and revokes the coordinator role (core/models/roles.server.ts): the first account of
   * an empty store, or one an administrator's address in MAILLAGE_ADMIN_EMAILS (read at each request).
   */
  admin: z.boolean().optional(),
  /** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` */
  passwordHash: z.string().startsWith("scrypt$"),
  locale: localeSchema,
  createdAt: isoDate,
  /**
   * The person deleted their account (core/models/personal-data.server.ts): the record stays, with a
   * placeholder name, an unusable address and password, so that groups and figures keep their shape.
   */
  erasedAt: isoDate.optional(),
  /**
   * Changes whenever the password or the address changes (or a new address is asked for): the
   * password-reset and address-change links carry the value they were made with, so a used or
   * superseded link no longer matches (core/models/account.server.ts, ADR 0036). Absent: "".
   */
  securityStamp: z.string().max(64).optional(),
  /** The privacy page the person accepted at sign-up: when, and which version of it. */
  privacyConsent: privacyConsentSchema.optional(),
  /**
   * The kinds of e-mail the person turned off on /account (core/data/notice-kinds.ts, ADR 0039).
   * Absent: every notice is on. Essential messages are sent whatever this says.
   */
  noticePreferences: noticePreferencesSchema.optional(),
  /**
   * The addresses the account had before its current one, each with the time it stopped being the
   * account's (a confirmed change, core/models/account.server.ts): deleting the account removes them
   * wherever the person left them, and only what was sent from them while they were theirs
   * (ADR 0038). Emptied by an erasure.
   */
  formerEmails: z
    .array(z.strictObject({ email: z.email().max(254), until: isoDate }))
    .max(100)
    .optional(),
});
export type User = z.infer<typeof userSchema>;

export const organizationSchema = z.strictObject({
  id,
  name: z.string().min(1).max(160),
  region: regionCode,
  mrc: mrcCode,
  sector: z.string().max(120).default(""),
  /** Organizations this one competes with or has a conflict of interest with. */
  competitorIds: z.array(id).default([]),
  createdAt: isoDate,
});
export type Organization = z.infer<typeof organizationSchema>;

export const participantRoleSchema = z.enum(ROLES);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

/** A subject of the program's taxonomy of needs and expertise. */
export const tagSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,48}$/),
  label: z.string().min(1).max(80),
  labelEn: z.string().max(80).default(""),
});
export type Tag = z.infer<typeof tagSchema>;

export const availabilitySlotSchema = z.enum(availabilitySlots as [string, ...string[]]);

export const workingStyleSchema = z.enum(["structured", "intuitive", "between"]);
export const needSchema = z.strictObject({
  tag: z.string().min(1).max(48),
  priority: z.number().int().min(1).max(3),
});

/** What a person publishes about their organization's needs and expertise (also used by the matching engine). */
export const profileSchema = z.strictObject({
  sector: z.string().max(120).default(""),
  field: z.string().max(200).default(""),
  /** Sorted by priority, highest first (ADR 0033: the priority is needs' one notion of importance). */
  needs: z.array(needSchema).max(30).default([]),
  needsText: z.string().max(3000).default(""),
  expertise: z.array(z.string().min(1).max(48)).max(30).default([]),
  expertiseText: z.string().max(3000).default(""),
  workingStyle: workingStyleSchema.default("between"),
  availability: z.array(availabilitySlotSchema).max(21).default([]),
});
export type Profile = z.infer<typeof profileSchema>;
export function emptyProfile(): Profile {
  return profileSchema.parse({});
}

export const programSchema = z.strictObject({
  id,
  title: z.string().min(1).max(200),
  theme: z.string().min(1).max(300),
  subThemes: z.array(z.string().min(1).max(120)).max(20),
  description: z.string().max(4000).default(""),
  coordinatorIds: z.array(id).min(1),
  status: z.enum(["draft", "open", "active", "closed"]),
  composition: z.enum(["mentorship", "co-development"]),
  /** Who may share a group by area (matching/compatibility.ts); the proximity rule is the last. */
  regionRule: z.enum(REGION_RULES),
  mentoringStart: z.iso.date(),
  mentoringEnd: z.iso.date(),
  hourBankHours: z.number().int().min(1).max(200),
  applicationOpens: z.iso.date().optional(),
  applicationCloses: z.iso.date().optional(),
  cadenceWeeksMin: z.number().int().min(1).max(12).default(2),
  cadenceWeeksMax: z.number().int().min(1).max(12).default(4),
  meetingMinutes: z.number().int().min(30).max(480).default(120),
  /** Mentees send a short check-in this often (weeks). */
  checkInWeeks: z.number().int().min(1).max(8).default(2),
  format: z.enum(["online", "in-person", "hybrid"]).default("online"),
  /** Tracked for information only (CAD). */
  budget: z
    .strictObject({
      mentorCompensation: z.number().min(0).max(1_000_000).default(0),
      coordination: z.number().min(0).max(10_000_000).default(0),
    })
    .default({ mentorCompensation: 0, coordination: 0 }),
  taxonomy: z.array(tagSchema).max(100).default([]),
  /** Self-formed groups: only notify the coordinators, or wait for their approval. */
  selfFormedApproval: z.enum(["notify", "required"]).default("notify"),
  /** A group proposal between participants expires after this many hours. */
  proposalHours: z.number().int().min(1).max(720).default(72),
  /** Who leads the groups' meetings (core/models/meeting-lead.ts): "by-mode" follows `composition`. */
  meetingLead: z.enum(MEETING_LEAD_SETTINGS).default("by-mode"),
  /** Coordinator rules for the solver and every group: pairs kept together, pairs kept apart. */
  pins: z
    .array(z.tuple([id, id]))
    .max(500)
    .default([]),
  forbids: z
    .array(z.tuple([id, id]))
    .max(500)
    .default([]),
  /**
   * How many months the participants' personal information is kept after the program closes; then
   * the daily retention job purges it, keeping the report's anonymized figures (ADR 0038).
   */
  retentionMonths: z.number().int().min(1).max(120).default(24),
  /** When the program was set to "closed" (absent: closed before this was recorded; its end date counts). */
  closedAt: isoDate.optional(),
  /** When the retention job purged its personal information. */
  personalDataPurgedAt: isoDate.optional(),
  createdAt: isoDate,
});
export type Program = z.infer<typeof programSchema>;

export const participantSchema = z.strictObject({
  id,
  programId: id,
  userId: id,
  organizationId: id,
  role: participantRoleSchema,
  profile: profileSchema.default(emptyProfile),
  /**
   * Mentors: their compensation (CAD, for information), set by the coordinators; absent, the
   * program's `budget.mentorCompensation`.
   */
  compensation: z.number().min(0).max(1_000_000).optional(),
  /** Mentors: how many groups they can lead. */
  capacity: z.number().int().min(0).max(10).default(1),
  /** Shown in the program's directory once the person publishes it. */
  published: z.boolean().default(false),
  /**
   * Under the proximity rule: organizations of the person's region, in the program, with which
   * they declared a conflict of interest. They act as competitors (never in one group).
   */
  conflictOrgIds: z.array(id).max(50).optional(),
  /**
   * Mentors: the mentor of the same organization this one shares a mentor seat with (both records
   * name each other; core/models/co-mentors.server.ts, ADR 0026).
   */
  coMentorId: id.optional(),
  applicationId: id.optional(),
  /** The last check-in reminder sent to this person. */
  checkInRemindedAt: isoDate.optional(),
  joinedAt: isoDate,
});
export type Participant = z.infer<typeof participantSchema>;

export const invitationSchema = z.strictObject({
  id,
  programId: id,
  /** sha256 of the token: the token itself only exists in the link. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  role: participantRoleSchema,
  email: z.email().max(254).optional(),
  /** Set when the invitation comes from an accepted application: joining uses its data. */
  applicationId: id.optional(),
  createdBy: id,
  createdAt: isoDate,
  expiresAt: isoDate,
  usedAt: isoDate.optional(),
  usedBy: id.optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/**
 * An invitation to coordinate a program with its coordinators (core/models/co-coordinators.server.ts):
 * single-use, for one address, expiring. Only a hash of the token is stored.
 */
export const coordinatorInvitationSchema = z.strictObject({
  id,
  programId: id,
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  email: z.email().max(254),
  createdBy: id,
  createdAt: isoDate,
  expiresAt: isoDate,
  usedAt: isoDate.optional(),
  usedBy: id.optional(),
  /** Withdrawn by a coordinator before anyone used it. */
  withdrawnAt: isoDate.optional(),
});
export type CoordinatorInvitation = z.infer<typeof coordinatorInvitationSchema>;

const criterionScore = z.strictObject({
  score: z.number().int().min(0).max(3),
  comment: z.string().max(1000).default(""),
});

/**
 * An application through the interest form. Drafts may be incomplete: the submission form
 * (core/schemas/application.ts) is the strict check; this schema only keeps stored data sane.
 */
export const applicationSchema = z.strictObject({
  id,
  programId: id,
  status: z.enum(["draft", "submitted", "accepted", "rejected", "waitlisted"]),
  /** sha256 of the applicant's private link token (draft and status page). */
  accessTokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  locale: localeSchema,
  email: z.string().max(254),
  organizationName: z.string().max(160),
  contactName: z.string().max(120),
  contactEmail: z.string().max(254),
  concept: z.string().max(6000),
  operations: z.array(z.enum(OPERATIONS)).max(4),
  /** The applicant's own description of their operations (logistics, transport, storage, marketing). */
  operationsText: z.string().max(3000).default(""),
  /** Coaching or mentoring received recently: its objectives must stay distinct from this one's. */
  recentSupport: z.enum(["yes", "no"]).optional(),
  /** What it was and when. */
  recentSupportText: z.string().max(1000).default(""),
  barriers: z.string().max(3000),
  mentoringHelp: z.string().max(3000),
  revisionOpenness: z.string().max(3000),
  comments: z.string().max(3000),
  role: participantRoleSchema.optional(),
  region: z.union([regionCode, z.literal("")]),
  mrc: z.union([mrcCode, z.literal("")]),
  profile: profileSchema,
  competitorsText: z.string().max(1000),
  competitorOrgIds: z.array(id).max(50),
  /**
   * When a coordinator mapped the competitors named in words to the program's organizations: from
   * then on `competitorOrgIds` is the whole list (names are no longer matched at acceptance).
   */
  competitorsMappedAt: isoDate.optional(),
  designatedThroughout: z.boolean(),
  canImplement: z.boolean(),
  consent: z.boolean(),
  /** The privacy page's version accepted with the submission, and when. */
  privacyConsent: privacyConsentSchema.optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  submittedAt: isoDate.optional(),
  evaluation: z
    .strictObject({
      /** Absent: the project rubric (records scored before mentors had their own). */
      rubric: z.enum(["project", "mentor"]).optional(),
      criteria: z.partialRecord(
        z.enum([...SELECTION_CRITERIA, ...MENTOR_CRITERIA]),
        criterionScore,
      ),
      total: z.number().int().min(0).max(21),
      scoredBy: id,
      scoredAt: isoDate,
    })
    .optional(),
  decision: z
    .strictObject({
      status: z.enum(["accepted", "rejected", "waitlisted"]),
      reason: z.string().max(2000),
      decidedBy: id,
      decidedAt: isoDate,
    })
    .optional(),
  invitationId: id.optional(),
  participantId: id.optional(),
});
export type Application = z.infer<typeof applicationSchema>;
