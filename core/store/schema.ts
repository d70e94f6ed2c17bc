/**
 * The zod schema of the whole store document, and the list of its collections with the schema of
 * their records. The records' schemas live by area in core/store/records/ and are re-exported here.
 * The document is validated as a whole on load and each record on every write.
 */
import { z } from "zod";
import {
  applicationSchema,
  coordinatorInvitationSchema,
  invitationSchema,
  organizationSchema,
  participantSchema,
  programSchema,
  userSchema,
} from "./records/people";
import { eventSchema, ratingSchema, roomNoteSchema } from "./records/live";
import {
  groupProposalSchema,
  groupSchema,
  membershipSchema,
  solverRunSchema,
} from "./records/groups";
import {
  actionItemSchema,
  agreementSchema,
  checkInSchema,
  codevSessionSchema,
  hourEntrySchema,
  meetingSchema,
  toolSchema,
} from "./records/group-space";
import {
  coordinationEntrySchema,
  evaluationResponseSchema,
  evaluationSchema,
  interviewSchema,
  observerNoteSchema,
} from "./records/outcomes";
import { notificationSchema, sessionSchema, submissionSchema } from "./records/system";
import { outboxMessageSchema } from "./records/outbox";

export { availabilitySlots, OPERATIONS, SELECTION_CRITERIA } from "../data/vocabulary";
export type { SelectionCriterion } from "../data/vocabulary";
export { localeSchema, mrcCode, regionCode, type Locale } from "./records/common";
export * from "./records/people";
export * from "./records/live";
export * from "./records/groups";
export * from "./records/group-space";
export * from "./records/outcomes";
export * from "./records/system";
export * from "./records/outbox";

export const SCHEMA_VERSION = 5 as const;

/** Every collection of the store and the schema of its records. */
export const collectionSchemas = {
  users: userSchema,
  organizations: organizationSchema,
  programs: programSchema,
  participants: participantSchema,
  invitations: invitationSchema,
  coordinatorInvitations: coordinatorInvitationSchema,
  applications: applicationSchema,
  events: eventSchema,
  ratings: ratingSchema,
  roomNotes: roomNoteSchema,
  groups: groupSchema,
  memberships: membershipSchema,
  groupProposals: groupProposalSchema,
  solverRuns: solverRunSchema,
  notifications: notificationSchema,
  agreements: agreementSchema,
  hourEntries: hourEntrySchema,
  meetings: meetingSchema,
  actionItems: actionItemSchema,
  codevSessions: codevSessionSchema,
  checkIns: checkInSchema,
  tools: toolSchema,
  evaluations: evaluationSchema,
  evaluationResponses: evaluationResponseSchema,
  observerNotes: observerNoteSchema,
  coordinationEntries: coordinationEntrySchema,
  interviews: interviewSchema,
  sessions: sessionSchema,
  submissions: submissionSchema,
  outbox: outboxMessageSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export type EntityOf<C extends CollectionName> = z.infer<(typeof collectionSchemas)[C]>;
export const collectionNames = Object.keys(collectionSchemas) as CollectionName[];

export const documentSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  users: z.array(userSchema),
  organizations: z.array(organizationSchema),
  programs: z.array(programSchema),
  participants: z.array(participantSchema),
  invitations: z.array(invitationSchema),
  coordinatorInvitations: z.array(coordinatorInvitationSchema).default([]),
  applications: z.array(applicationSchema).default([]),
  events: z.array(eventSchema).default([]),
  ratings: z.array(ratingSchema).default([]),
  roomNotes: z.array(roomNoteSchema).default([]),
  groups: z.array(groupSchema).default([]),
  memberships: z.array(membershipSchema).default([]),
  groupProposals: z.array(groupProposalSchema).default([]),
  solverRuns: z.array(solverRunSchema).default([]),
  notifications: z.array(notificationSchema).default([]),
  agreements: z.array(agreementSchema).default([]),
  hourEntries: z.array(hourEntrySchema).default([]),
  meetings: z.array(meetingSchema).default([]),
  actionItems: z.array(actionItemSchema).default([]),
  codevSessions: z.array(codevSessionSchema).default([]),
  checkIns: z.array(checkInSchema).default([]),
  tools: z.array(toolSchema).default([]),
  evaluations: z.array(evaluationSchema).default([]),
  evaluationResponses: z.array(evaluationResponseSchema).default([]),
  observerNotes: z.array(observerNoteSchema).default([]),
  coordinationEntries: z.array(coordinationEntrySchema).default([]),
  interviews: z.array(interviewSchema).default([]),
  sessions: z.array(sessionSchema).default([]),
  submissions: z.array(submissionSchema).default([]),
  outbox: z.array(outboxMessageSchema).default([]),
});
export type StoreDocument = z.infer<typeof documentSchema>;

export function emptyDocument(): StoreDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    users: [],
    organizations: [],
    programs: [],
    participants: [],
    invitations: [],
    coordinatorInvitations: [],
    applications: [],
    events: [],
    ratings: [],
    roomNotes: [],
    groups: [],
    memberships: [],
    groupProposals: [],
    solverRuns: [],
    notifications: [],
    agreements: [],
    hourEntries: [],
    meetings: [],
    actionItems: [],
    codevSessions: [],
    checkIns: [],
    tools: [],
    evaluations: [],
    evaluationResponses: [],
    observerNotes: [],
    coordinationEntries: [],
    interviews: [],
    sessions: [],
    submissions: [],
    outbox: [],
  };
}

/** "users[3].email" style path of the first zod issue, for error messages. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}
