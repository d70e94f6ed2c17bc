/**
 * Hostile input against every form schema (core/schemas/*.ts) and every Socket.IO payload schema:
 * random and oversized values, wrong types, unicode edge cases, markup and prototype-pollution
 * keys. Each input is either refused with field errors that name a real field and translate to a
 * complete message in French and English, or accepted with bounded, plain strings and no key the
 * schema does not declare. A schema added to core/schemas without an entry here fails the test.
 */
import fc from "fast-check";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeSocket } from "../helpers/live";
import { z } from "zod";
import { isMessageKey, translate, type MessageKey, type MessageParams } from "../../core/i18n";
import * as actionPlan from "../../core/schemas/action-plan";
import * as agreement from "../../core/schemas/agreement";
import * as application from "../../core/schemas/application";
import * as auth from "../../core/schemas/auth";
import * as checkin from "../../core/schemas/checkin";
import * as codev from "../../core/schemas/codev";
import * as coordination from "../../core/schemas/coordination";
import * as evaluation from "../../core/schemas/evaluation";
import * as event from "../../core/schemas/event";
import * as groups from "../../core/schemas/groups";
import * as hours from "../../core/schemas/hours";
import * as interview from "../../core/schemas/interview";
import * as invitation from "../../core/schemas/invitation";
import * as meetings from "../../core/schemas/meetings";
import * as personalData from "../../core/schemas/personal-data";
import * as profile from "../../core/schemas/profile";
import * as program from "../../core/schemas/program";
import * as report from "../../core/schemas/report";
import * as tool from "../../core/schemas/tool";
import { plainText } from "../../core/schemas/fields";
import { messageFor, type FieldError } from "../../core/schemas/forms";
import { parseFormData, refuse } from "../../app/utils/forms.server";
import { handle, type Reply } from "../../server/live/handle";
import type { ClientEvent } from "../../core/live/protocol";
import { MENTOR_CRITERIA, SELECTION_CRITERIA } from "../../core/data/vocabulary";
import { NOTE_MESSAGE_MAX_BYTES, NOTE_TEXT_NAME } from "../../core/data/room-note";

const TAGS = ["food-access", "transport"];
const ORGS = ["org-1", "org-2"];
const TOKEN = "A".repeat(32);

// ---------------------------------------------------------------------------------------------
// The forms: each schema with a valid example (the base that hostile values replace field by field)

interface FormCase {
  schema: z.ZodType;
  valid: Record<string, string | string[]>;
  /** Names that are lists (checkboxes, repeated rows): `lists` of parseSubmission. */
  arrayFields?: readonly string[];
}

type FieldErrors = Record<string, FieldError>;
type Parsed = { ok: true; data: unknown } | { ok: false; fieldErrors: FieldErrors };

/**
 * A form as the actions read it (app/utils/forms.server.ts): Conform over the posted body, names
 * with a dot or brackets as paths (`score.goals`, `need.<tag>`). A form-wide error is "form".
 */
function parsePosted(schema: z.ZodType, body: FormData, lists: readonly string[] = []): Parsed {
  const submission = parseFormData(body, schema, { lists });
  if (submission.status === "success") return { ok: true, data: submission.value };
  const fieldErrors: FieldErrors = {};
  for (const [name, errors] of Object.entries(submission.error ?? {})) {
    if (errors?.[0]) fieldErrors[name || "form"] = errors[0];
  }
  return { ok: false, fieldErrors };
}

/** A value no browser posts (wrong types, polluted objects): the schema alone reads it. */
function parseObject(schema: z.ZodType, input: unknown): Parsed {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    fieldErrors[issue.path.map(String).join(".") || "form"] ??= messageFor(issue);
  }
  return { ok: false, fieldErrors };
}

const longText = (n: number) => "Texte assez long pour passer. ".repeat(n);
const scoreFields = Object.fromEntries(
  SELECTION_CRITERIA.flatMap((c) => [
    [`score.${c}`, "2"],
    [`comment.${c}`, "Bien"],
  ]),
);
const mentorScoreFields = Object.fromEntries(
  MENTOR_CRITERIA.flatMap((c) => [
    [`score.${c}`, "3"],
    [`comment.${c}`, "Bien"],
  ]),
);
const applicationValid = {
  email: "a@exemple.org",
  organizationName: "Le Grenier",
  contactName: "Anne Roy",
  contactEmail: "anne@exemple.org",
  concept: longText(2),
  operations: ["logistics"],
  operationsText: "Deux camions, un entrepôt.",
  recentSupport: "yes",
  recentSupportText: "Coaching en gestion, printemps 2026",
  barriers: "Des obstacles réels",
  mentoringHelp: "Un peu d'aide svp",
  revisionOpenness: "Ouverte",
  comments: "",
  role: "mentee",
  region: "01",
  mrc: "07",
  sector: "Alimentation",
  field: "",
  "need.food-access": "2",
  needsText: "",
  expertise: [],
  expertiseText: "",
  workingStyle: "between",
  availability: ["mon-am"],
  competitorsText: "",
  competitorOrgIds: [],
  consent: "on",
};
const programValid = {
  title: "Programme",
  theme: "Sécurité alimentaire",
  subThemes: "Un\nDeux",
  description: "",
  status: "open",
  composition: "mentorship",
  regionRule: "distinct-regions",
  format: "online",
  applicationOpens: "",
  applicationCloses: "",
  mentoringStart: "2026-01-01",
  mentoringEnd: "2026-06-30",
  hourBankHours: "20",
  cadenceWeeksMin: "2",
  cadenceWeeksMax: "4",
  meetingMinutes: "60",
  mentorCompensation: "0",
  coordination: "0",
  retentionMonths: "24",
};
const org = { organization: "Le Grenier", sector: "", region: "01", mrc: "07" };
const minutes = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((i) => [`minutes${i}`, "10"]));

const FORMS: Record<string, FormCase> = {
  "action-plan.actionPlanSchema": {
    schema: actionPlan.actionPlanSchema,
    valid: { intent: "update", itemId: "item-1", status: "todo", notes: "Notes" },
  },
  "agreement.agreementFormSchema": {
    schema: agreement.agreementFormSchema,
    valid: {
      intent: "save",
      responsibilities: "Chacun son rôle",
      objectives: "Des objectifs",
      referencePersons: "Anne",
      period: "Un an",
      meetings: "Aux deux semaines",
      communication: "Courriel",
    },
  },
  "agreement.acceptSchema": {
    schema: agreement.acceptSchema,
    valid: { intent: "accept", version: "1" },
  },
  "agreement.observerSchema": {
    schema: agreement.observerSchema,
    valid: { intent: "observer", invite: "on" },
  },
  ...branches(
    "application.applicationFormSchema",
    application.applicationFormSchema(TAGS, ORGS),
    [
      { intent: "submit", ...applicationValid },
      { intent: "draft", ...applicationValid },
    ],
    application.APPLICATION_ARRAY_FIELDS,
  ),
  "application.scoreSchema": {
    schema: application.scoreSchema("project"),
    valid: { intent: "score", ...scoreFields },
  },
  "application.scoreSchema (mentor)": {
    schema: application.scoreSchema("mentor"),
    valid: { intent: "score", ...mentorScoreFields },
  },
  "application.decisionSchema": {
    schema: application.decisionSchema,
    valid: { intent: "decide", status: "accepted", reason: "Bon projet" },
  },
  "application.applicationReviewSchema (score)": {
    schema: application.applicationReviewSchema("project", ORGS),
    valid: { intent: "score", ...scoreFields },
  },
  "application.applicationReviewSchema (mentor score)": {
    schema: application.applicationReviewSchema("mentor", ORGS),
    valid: { intent: "score", ...mentorScoreFields },
  },
  "application.applicationReviewSchema (decide)": {
    schema: application.applicationReviewSchema("project", ORGS),
    valid: { intent: "decide", status: "accepted", reason: "Bon projet" },
  },
  "application.applicationReviewSchema (competitors)": {
    schema: application.applicationReviewSchema("project", ORGS),
    valid: { intent: "competitors", competitorOrgIds: ["org-1"] },
    arrayFields: ["competitorOrgIds"],
  },
  "application.competitorMappingSchema": {
    schema: application.competitorMappingSchema(ORGS),
    valid: { intent: "competitors", competitorOrgIds: ["org-1"] },
    arrayFields: ["competitorOrgIds"],
  },
  "application.applicationFiltersSchema": {
    schema: application.applicationFiltersSchema,
    valid: { role: "mentor", region: "01", status: "submitted", sort: "date" },
  },
  "auth.loginSchema": {
    schema: auth.loginSchema,
    valid: { email: "a@exemple.org", password: "secret", redirectTo: "/dashboard" },
  },
  "auth.signupSchema": {
    schema: auth.signupSchema,
    valid: {
      name: "Anne",
      email: "a@exemple.org",
      password: "un-long-secret",
      redirectTo: "/",
      consent: "on",
    },
  },
  "auth.organizationFields": { schema: auth.organizationFields, valid: org },
  "auth.languageSchema": { schema: auth.languageSchema, valid: { lang: "en", redirectTo: "/" } },
  "auth.signUpConfirmSchema": { schema: auth.signUpConfirmSchema, valid: { intent: "confirm" } },
  "personal-data.accountDeleteSchema": {
    schema: personalData.accountDeleteSchema,
    valid: { password: "mot de passe", confirm: "on" },
  },
  "checkin.checkInFormSchema": {
    schema: checkin.checkInFormSchema,
    valid: { needsStatus: "on-track", update: "Tout va bien", changes: "", questions: "" },
  },
  "codev.codevSessionFormSchema": {
    schema: codev.codevSessionFormSchema,
    valid: { intent: "create", clientId: "p1", facilitatorId: "p2", scribeId: "", ...minutes },
  },
  "codev.codevDeleteSchema": {
    schema: codev.codevDeleteSchema,
    valid: { intent: "delete", sessionId: "cdv-1" },
  },
  "interview.scheduleInterviewSchema": {
    schema: interview.scheduleInterviewSchema,
    valid: {
      intent: "schedule",
      participantId: "p-1",
      date: "2027-06-14",
      time: "10:00",
      durationMinutes: "60",
      place: "Visioconférence",
    },
  },
  "interview.interviewsPageSchema": {
    schema: interview.interviewsPageSchema,
    valid: {
      intent: "schedule",
      participantId: "p-1",
      date: "2027-06-14",
      time: "10:00",
      place: "12, rue Principale",
    },
  },
  "interview.recordInterviewSchema": {
    schema: interview.recordInterviewSchema,
    valid: {
      intent: "record",
      appreciation: "4",
      learning: "Mieux planifier les collectes.",
      objectivesReached: "partly",
      recommendations: "",
      continueMeeting: "maybe",
    },
  },
  "interview.validateInterviewSchema": {
    schema: interview.validateInterviewSchema,
    valid: { intent: "validate", revision: "1" },
  },
  "interview.correctInterviewSchema": {
    schema: interview.correctInterviewSchema,
    valid: { intent: "correct", revision: "2", comment: "Le deuxième objectif est atteint." },
  },
  ...branches("interview.interviewPageSchema", interview.interviewPageSchema, [
    { intent: "schedule", date: "2027-06-14", time: "10:00", place: "Visioconférence" },
    {
      intent: "record",
      appreciation: "5",
      learning: "Mutualiser les tournées.",
      objectivesReached: "yes",
      continueMeeting: "yes",
    },
    { intent: "validate", revision: "1" },
    { intent: "correct", revision: "1", comment: "Une précision sur les dates." },
  ]),
  "evaluation.scheduleSchema": {
    schema: evaluation.scheduleSchema,
    valid: {
      intent: "schedule",
      kind: "monthly",
      title: "Bilan",
      opensOn: "2026-01-01",
      closesOn: "2026-01-15",
    },
  },
  "evaluation.remindSchema": {
    schema: evaluation.remindSchema,
    valid: { intent: "remind", evaluationId: "ev-1" },
  },
  "evaluation.observerNoteSchema": {
    schema: evaluation.observerNoteSchema,
    valid: { intent: "observe", meetingId: "m-1", note: "Vu ici" },
  },
  "evaluation.evaluationsPageSchema (schedule)": {
    schema: evaluation.evaluationsPageSchema,
    valid: {
      intent: "schedule",
      kind: "monthly",
      title: "Bilan de janvier",
      opensOn: "2026-01-01",
      closesOn: "2026-01-15",
    },
  },
  "evaluation.evaluationsPageSchema (remind)": {
    schema: evaluation.evaluationsPageSchema,
    valid: { intent: "remind", evaluationId: "ev-1" },
  },
  "evaluation.evaluationsPageSchema (observe)": {
    schema: evaluation.evaluationsPageSchema,
    valid: { intent: "observe", meetingId: "m-1", note: "Vu ici" },
  },
  "evaluation.answerFormSchema(monthly)": {
    schema: evaluation.answerFormSchema("monthly", ["ai-1", "ai-2"]),
    valid: {
      appreciation: "4",
      successFactors: "",
      difficulties: "",
      comment: "Bien",
      "progress-ai-1": "started",
      "progress-ai-2": "none",
    },
  },
  "evaluation.monthlyAnswerSchema": {
    schema: evaluation.monthlyAnswerSchema,
    valid: { appreciation: "4", successFactors: "", difficulties: "", comment: "Bien" },
  },
  "evaluation.finalAnswerSchema": {
    schema: evaluation.finalAnswerSchema,
    valid: {
      appreciation: "5",
      learning: "Beaucoup",
      objectivesReached: "yes",
      recommendations: "",
      continueMeeting: "maybe",
      comment: "",
    },
  },
  "event.eventFormSchema": {
    schema: event.eventFormSchema,
    valid: {
      title: "Séance",
      startsAt: "2026-02-01T18:00",
      rounds: "3",
      roundMinutes: "5",
      breakMinutes: "1",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "",
      invited: ["p1", "p2"],
    },
    arrayFields: event.EVENT_ARRAY_FIELDS,
  },
  "groups.proposeSchema": {
    schema: groups.proposeSchema,
    valid: { intent: "propose", first: "p1", second: "p2", message: "Salut" },
  },
  "groups.respondSchema": {
    schema: groups.respondSchema,
    valid: { intent: "accept", proposalId: "prop-1" },
  },
  "groups.formationSchema": {
    schema: groups.formationSchema,
    valid: { intent: "change", runId: "run-1", groupId: "g1", outId: "p1", inId: "p2" },
  },
  "hours.hourEntrySchema": {
    schema: hours.hourEntrySchema,
    valid: { intent: "add", kind: "meeting", hours: "1.5", date: "2026-01-01", note: "" },
  },
  "hours.removeEntrySchema": {
    schema: hours.removeEntrySchema,
    valid: { intent: "remove", entryId: "hrs-1" },
  },
  "coordination.coordinationTimeSchema": {
    schema: coordination.coordinationTimeSchema,
    valid: { intent: "time", date: "2026-01-01", hours: "1,25", task: "pairing", note: "" },
  },
  "coordination.removeCoordinationTimeSchema": {
    schema: coordination.removeCoordinationTimeSchema,
    valid: { intent: "remove", entryId: "crd-1" },
  },
  "coordination.compensationSchema": {
    schema: coordination.compensationSchema,
    valid: { intent: "compensation", participantId: "p-1", amount: "2500" },
  },
  "invitation.joinSchema": { schema: invitation.joinSchema, valid: org },
  "invitation.accountSchema": {
    schema: invitation.accountSchema,
    valid: { name: "Anne", email: "a@exemple.org", password: "un-long-secret" },
  },
  "invitation.signUpAndJoinSchema": {
    schema: invitation.signUpAndJoinSchema,
    valid: { name: "Anne", email: "a@exemple.org", password: "un-long-secret", ...org },
  },
  "meetings.seriesSchema": {
    schema: meetings.seriesSchema,
    valid: {
      intent: "plan",
      firstDate: "2026-01-01",
      time: "13:30",
      everyWeeks: "2",
      durationMinutes: "60",
      until: "2026-03-01",
    },
  },
  "meetings.meetingStatusSchema": {
    schema: meetings.meetingStatusSchema,
    valid: { intent: "status", meetingId: "m-1", status: "held", reason: "", presentIds: ["p1"] },
    arrayFields: ["presentIds"],
  },
  "meetings.meetingDetailsSchema": {
    schema: meetings.meetingDetailsSchema,
    valid: {
      intent: "details",
      sequence: "1",
      date: "2026-01-01",
      time: "13:30",
      durationMinutes: "60",
      kind: "collective",
      participantIds: [],
      facilitatorId: "",
      theme: "",
      agenda: "Ordre du jour",
      notes: "Notes",
      tools: "",
      format: "site-visit",
      place: "https://exemple.org/rencontre",
      notesShared: "on",
    },
    arrayFields: ["participantIds", "presentIds"],
  },
  "meetings.followUpSchema": {
    schema: meetings.followUpSchema,
    valid: {
      intent: "follow-up",
      date: "2027-09-01",
      time: "13:30",
      durationMinutes: "90",
      format: "in-person",
      place: "1000 rue de l'Exemple, Saguenay",
    },
  },
  "meetings.swapSchema": {
    schema: meetings.swapSchema,
    valid: { intent: "swap", swapWith: "m-2" },
  },
  "meetings.rotationSchema": {
    schema: meetings.rotationSchema,
    valid: { intent: "rotate", mentorWeight: "1" },
  },
  "profile.profileFormSchema": {
    schema: profile.profileFormSchema(TAGS, ORGS),
    valid: {
      intent: "save",
      sector: "Alimentation",
      field: "",
      needTag: ["food-access"],
      needPriority: ["2"],
      newNeedTag: "",
      needsText: "",
      expertise: [],
      expertiseText: "",
      workingStyle: "between",
      availability: ["mon-am"],
      competitorOrgIds: [],
      published: "on",
    },
    arrayFields: profile.PROFILE_ARRAY_FIELDS,
  },
  "profile.directoryFiltersSchema": {
    schema: profile.directoryFiltersSchema,
    valid: { tag: "food-access", role: "mentor", region: "01", style: "between" },
  },
  "program.inviteSchema": {
    schema: program.inviteSchema,
    valid: { intent: "invite", role: "mentor", email: "" },
  },
  "program.programFormSchema": { schema: program.programFormSchema, valid: programValid },
  "program.tagFormSchema": {
    schema: program.tagFormSchema,
    valid: { label: "Transport", labelEn: "" },
  },
  "program.tagRenameSchema": {
    schema: program.tagRenameSchema,
    valid: { label: "Transport", labelEn: "", tagId: "transport" },
  },
  "program.tagRemoveSchema": { schema: program.tagRemoveSchema, valid: { tagId: "transport" } },
  "program.programDeleteSchema": { schema: program.programDeleteSchema, valid: { confirm: "on" } },
  "program.programSettingsSchema (program)": {
    schema: program.programSettingsSchema,
    valid: { ...programValid, intent: "program" },
  },
  "program.programSettingsSchema (tag-add)": {
    schema: program.programSettingsSchema,
    valid: { intent: "tag-add", label: "Transport", labelEn: "" },
  },
  "program.programSettingsSchema (tag-rename)": {
    schema: program.programSettingsSchema,
    valid: { intent: "tag-rename", label: "Transport", labelEn: "", tagId: "transport" },
  },
  "program.programSettingsSchema (tag-remove)": {
    schema: program.programSettingsSchema,
    valid: { intent: "tag-remove", tagId: "transport" },
  },
  "program.programSettingsSchema (delete)": {
    schema: program.programSettingsSchema,
    valid: { intent: "delete", confirm: "on" },
  },
  "report.groupLabelSchema": {
    schema: report.groupLabelSchema,
    valid: { intent: "label", groupId: "g-1", label: "Transport" },
  },
  "report.reportCsvQuerySchema": { schema: report.reportCsvQuerySchema, valid: { table: "hours" } },
  "report.reportViewQuerySchema": {
    schema: report.reportViewQuerySchema,
    valid: { groups: "all" },
  },
  "tool.toolFormSchema": {
    schema: tool.toolFormSchema,
    valid: { intent: "create", title: "Gabarit", description: "", url: "https://exemple.org" },
  },
  "tool.toolActionSchema": {
    schema: tool.toolActionSchema,
    valid: { intent: "share", toolId: "tool-1" },
  },
  "tool.libraryFilterSchema": { schema: tool.libraryFilterSchema, valid: { theme: "", q: "x" } },
  // A page's schema (a union of its forms on `intent`): one case per branch, so that the hostile
  // values reach every form of the page, not only the first.
  ...branches("groups.proposalsSchema", groups.proposalsSchema, [
    { intent: "check", first: "p1", second: "p2", message: "" },
    { intent: "propose", first: "p1", second: "p2", message: "Salut" },
    { intent: "decline", proposalId: "prop-1" },
  ]),
  ...branches("groups.formationSchema", groups.formationSchema, [
    { intent: "solve" },
    { intent: "cancel" },
    { intent: "approve", runId: "run-1", groupId: "g1" },
    { intent: "pair-add", kind: "pin", a: "p1", b: "p2" },
    { intent: "self-reject", proposalId: "prop-1" },
  ]),
  ...branches("agreement.agreementSchema", agreement.agreementSchema, [
    {
      intent: "save",
      responsibilities: "Chacun son rôle",
      objectives: "Des objectifs",
      referencePersons: "Anne",
      period: "Un an",
      meetings: "Aux deux semaines",
      communication: "Courriel",
    },
    { intent: "accept", version: "2" },
    { intent: "observer", invite: "off" },
  ]),
  ...branches("codev.codevSessionsSchema", codev.codevSessionsSchema, [
    { intent: "create", clientId: "p1", facilitatorId: "p2", scribeId: "p3", ...minutes },
    { intent: "delete", sessionId: "cdv-1" },
  ]),
  ...branches("hours.hourBankSchema", hours.hourBankSchema, [
    {
      intent: "add",
      kind: "preparation",
      hours: "0,75",
      date: "2026-01-01",
      forId: "session:cdv-1",
      note: "Lu",
    },
    { intent: "remove", entryId: "hrs-1" },
  ]),
  ...branches("coordination.coordinationSchema", coordination.coordinationSchema, [
    { intent: "time", date: "2026-01-01", hours: "2", task: "selection", note: "Notation" },
    { intent: "remove", entryId: "crd-1" },
    { intent: "compensation", participantId: "p-1", amount: "" },
  ]),
  ...branches(
    "meetings.meetingsSchema",
    meetings.meetingsSchema,
    [
      {
        intent: "plan",
        firstDate: "2026-01-01",
        time: "13:30",
        everyWeeks: "2",
        durationMinutes: "60",
        until: "2026-03-01",
      },
      { intent: "status", meetingId: "m-1", status: "postponed", reason: "Tempête" },
      { intent: "rotate", mentorWeight: "2" },
      {
        intent: "follow-up",
        date: "2027-09-01",
        time: "13:30",
        durationMinutes: "90",
        format: "",
        place: "",
      },
      { intent: "subscribe" },
    ],
    ["presentIds"],
  ),
  ...branches(
    "meetings.meetingSchema",
    meetings.meetingSchema,
    [
      {
        intent: "details",
        sequence: "3",
        date: "2026-01-01",
        time: "13:30",
        durationMinutes: "90",
        kind: "individual",
        participantIds: ["p1", "p2"],
        facilitatorId: "p1",
        theme: "transport",
        agenda: "Ordre du jour",
        notes: "",
        tools: "",
      },
      { intent: "status", status: "held", reason: "", presentIds: ["p1", "p2"] },
      { intent: "swap", swapWith: "m-2" },
      { intent: "confirm-preparation" },
    ],
    ["participantIds", "presentIds"],
  ),
  ...branches("action-plan.actionPlanSchema", actionPlan.actionPlanSchema, [
    { intent: "import" },
    { intent: "add", title: "Trouver un local" },
    { intent: "down", itemId: "item-1" },
  ]),
  ...branches("tool.groupToolsSchema", tool.groupToolsSchema, [
    {
      intent: "create",
      title: "Gabarit",
      description: "Un modèle",
      theme: "",
      url: "https://x.org",
    },
    { intent: "consent", toolId: "tool-1" },
  ]),
};

/** One case per branch of a union on `intent`, named by the branch. */
function branches(
  name: string,
  schema: z.ZodType,
  examples: Array<Record<string, string | string[]> & { intent: string }>,
  arrayFields?: readonly string[],
): Record<string, FormCase> {
  return Object.fromEntries(
    examples.map((valid) => [`${name}[${valid.intent}]`, { schema, valid, arrayFields }]),
  );
}

/** Schemas of a single value (a route parameter or one field), not of a form. */
const VALUES: Record<string, { schema: z.ZodType; valid: string }> = {
  "application.roleField": { schema: application.roleField, valid: "mentor" },
  "evaluation.progressSchema": { schema: evaluation.progressSchema, valid: "started" },
  "event.eventIdSchema": { schema: event.eventIdSchema, valid: "evt-1" },
  "invitation.invitationTokenSchema": { schema: invitation.invitationTokenSchema, valid: TOKEN },
  // A sealed sign-up link carries the account's details: up to 2 000 URL-safe characters.
  "auth.signUpTokenSchema": { schema: auth.signUpTokenSchema, valid: "A".repeat(2000 - 64) },
  "hours.workForField": { schema: hours.workForField, valid: "meeting:mtg-1" },
};

/** A room note with a few words in it (the Yjs messages of the examples). */
function aNote() {
  const doc = new Y.Doc();
  doc.getText(NOTE_TEXT_NAME).insert(0, "Notes");
  return doc;
}

/** Socket.IO payloads, with a valid example each. */
const SOCKETS: Record<string, { schema: z.ZodType; valid: Record<string, unknown> }> = {
  "event.liveSchemas.join": { schema: event.liveSchemas.join, valid: { eventId: "evt-1" } },
  "event.liveSchemas.chat": {
    schema: event.liveSchemas.chat,
    valid: { eventId: "evt-1", roomId: "r1-1", text: "Bonjour" },
  },
  "event.liveSchemas.noteSync": {
    schema: event.liveSchemas.noteSync,
    valid: { eventId: "evt-1", roomId: "r1-1", stateVector: Y.encodeStateVector(aNote()) },
  },
  "event.liveSchemas.noteUpdate": {
    schema: event.liveSchemas.noteUpdate,
    valid: { eventId: "evt-1", roomId: "r1-1", update: Y.encodeStateAsUpdate(aNote()) },
  },
  "event.liveSchemas.rating": {
    schema: event.liveSchemas.rating,
    valid: { eventId: "evt-1", round: 1, toParticipantId: "p2", answer: "yes", note: "" },
  },
  "event.liveSchemas.command": {
    schema: event.liveSchemas.command,
    valid: { eventId: "evt-1", command: "start" },
  },
  "codev.codevLiveSchemas.join": { schema: codev.codevLiveSchemas.join, valid: { sessionId: "s" } },
  "codev.codevLiveSchemas.command": {
    schema: codev.codevLiveSchemas.command,
    valid: { sessionId: "s", command: "next", step: 1 },
  },
  "codev.codevLiveSchemas.extend": {
    schema: codev.codevLiveSchemas.extend,
    valid: { sessionId: "s", minutes: 5 },
  },
  "codev.codevLiveSchemas.subject": {
    schema: codev.codevLiveSchemas.subject,
    valid: { sessionId: "s", text: "Sujet" },
  },
  "codev.codevLiveSchemas.note": {
    schema: codev.codevLiveSchemas.note,
    valid: { sessionId: "s", step: 2, text: "Note" },
  },
  "codev.codevLiveSchemas.actionAdd": {
    schema: codev.codevLiveSchemas.actionAdd,
    valid: { sessionId: "s", title: "Appeler" },
  },
  "codev.codevLiveSchemas.actionRemove": {
    schema: codev.codevLiveSchemas.actionRemove,
    valid: { sessionId: "s", itemId: "cda-1" },
  },
};

const MODULES: Record<string, Record<string, unknown>> = {
  "action-plan": actionPlan,
  agreement,
  application,
  auth,
  checkin,
  codev,
  coordination,
  evaluation,
  event,
  groups,
  hours,
  interview,
  invitation,
  meetings,
  "personal-data": personalData,
  profile,
  program,
  report,
  tool,
};

// ---------------------------------------------------------------------------------------------
// Looking inside zod schemas

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
interface CheckDef {
  check: string;
  maximum?: number;
  length?: number;
  pattern?: RegExp;
}
/** The maximum length and the patterns a string schema checks. */
function stringChecks(s: z.ZodType) {
  const def = defOf(s) as Def & { checks?: Array<{ _zod: { def: CheckDef } }>; pattern?: RegExp };
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const maxima = checks.flatMap((c) =>
    c.check === "max_length" ? [c.maximum!] : c.check === "length_equals" ? [c.length!] : [],
  );
  const patterns = [
    ...(def.pattern ? [def.pattern] : []),
    ...checks.flatMap((c) => (c.pattern ? [c.pattern] : [])),
  ];
  return { maximum: maxima.length ? Math.min(...maxima) : undefined, patterns };
}

/** The fields of an object schema (through refinements, unions and intersections). */
function fieldsOf(schema: z.ZodType): Map<string, z.ZodType> {
  const def = defOf(schema);
  const out = new Map<string, z.ZodType>();
  if (def.type === "object")
    for (const [k, v] of Object.entries(def.shape!)) {
      out.set(k, v);
      // A nested object's fields are named by their path, as the form names them (`score.goals`).
      for (const [sub, field] of nestedFields(v)) out.set(`${k}.${sub}`, field);
    }
  // A union's branches (a route's intents) may share a name: it holds what any branch allows.
  if (def.type === "union")
    for (const o of def.options!)
      for (const [k, v] of fieldsOf(o)) {
        const other = out.get(k);
        out.set(k, other && other !== v ? z.union([other, v]) : v);
      }
  if (def.type === "intersection")
    for (const side of [def.left!, def.right!]) for (const e of fieldsOf(side)) out.set(...e);
  // A preprocessed schema (`z.preprocess`) names its fields after the step.
  if (def.type === "pipe")
    return fieldsOf(defOf(def.in!).type === "transform" ? def.out! : def.in!);
  return out;
}

/** The fields of an object field (read through a preprocessing step); none for other fields. */
function nestedFields(schema: z.ZodType): Map<string, z.ZodType> {
  const def = defOf(schema);
  if (def.type === "object") return fieldsOf(schema);
  if (def.type === "pipe" && defOf(def.in!).type === "transform") return nestedFields(def.out!);
  return new Map();
}

/** An anchored pattern without an unbounded repetition accepts strings of bounded length. */
function boundedPattern(re: RegExp) {
  const source = re.source.replace(/\\./g, "x");
  return (
    source.startsWith("^") && source.endsWith("$") && !/[+*]|\{\d+,\}/.test(source.slice(1, -1))
  );
}

/**
 * The longest string a field schema may output: its maximum length, the longest of its choices,
 * or Infinity when nothing bounds it; undefined for a field that never holds a string.
 */
function stringBound(schema: z.ZodType): number | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case "string": {
      const { maximum, patterns } = stringChecks(schema);
      if (maximum !== undefined) return maximum;
      return patterns.length && patterns.every(boundedPattern) ? 200 : Infinity;
    }
    case "enum":
      return Math.max(...Object.values(def.entries!).map((v) => String(v).length));
    case "literal":
      return Math.max(...def.values!.map((v) => (typeof v === "string" ? v.length : 0)));
    case "union": {
      const bounds = def.options!.map(stringBound).filter((b) => b !== undefined);
      return bounds.length ? Math.max(...bounds) : undefined;
    }
    case "pipe":
      return defOf(def.in!).type === "transform" ? stringBound(def.out!) : stringBound(def.in!);
    case "default":
    case "optional":
    case "nullable":
    case "catch":
    case "prefault":
    case "readonly":
      return stringBound(def.innerType!);
    case "array":
      return stringBound(def.element!);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const EDGE = [
  "\uD800", // a high surrogate alone
  "\uDFFF", // a low surrogate alone
  "a\uDC00\uD800b", // halves in the wrong order
  "\u202Eevil\u202C", // right-to-left override
  "\u200F\u200E", // direction marks
  "\u200B\u200D\u2060", // zero-width characters
  "\uFEFF", // byte-order mark
  "\u0000", // NUL
  "\u0007\u001B[31m\u007F", // bell, escape sequence, DEL
  "e\u0301\u0302\u0303\u0304\u0305", // stacked combining marks
  "🏳️‍🌈👩🏽‍💻🇶🇨", // emoji sequences
  "\r\n\t",
  "\u2028\u2029", // line and paragraph separators
  "\u00A0 \u3000",
  "ﷺ𒐫",
  "Ǆǅ İı ß",
];
const INJECTION = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "</textarea><script>alert(1)</script>",
  "<svg/onload=alert(1)>",
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "${7*7}",
  "'; DROP TABLE records; --",
  "../../../etc/passwd",
  "%00%0d%0aSet-Cookie: x=1",
  "\\u003cscript\\u003e",
];
const POLLUTION = ["__proto__", "constructor", "prototype", "__proto__[polluted]", "toString"];

const char = fc.oneof(
  fc.constantFrom(...EDGE, ...INJECTION, ...POLLUTION),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom("a", " ", "é", "1", "-", "@", "."),
);
const hostileString = fc.oneof(
  { arbitrary: fc.array(char, { maxLength: 12 }).map((a) => a.join("")), weight: 4 },
  { arbitrary: fc.constantFrom(...EDGE, ...INJECTION, ...POLLUTION), weight: 2 },
  {
    // Oversized: one piece repeated to a length around and far beyond every limit.
    arbitrary: fc
      .tuple(char, fc.constantFrom(121, 255, 301, 1001, 2001, 4001, 8001, 20_001, 100_000))
      .map(([piece, n]) => (piece || "x").repeat(Math.ceil(n / (piece || "x").length))),
    weight: 2,
  },
);
const polluted = () =>
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  {
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2),
    ),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(true, false, null, undefined), weight: 1 },
  { arbitrary: fc.array(hostileString, { maxLength: 40 }), weight: 1 },
  { arbitrary: fc.constant(null).map(polluted), weight: 1 },
  { arbitrary: fc.dictionary(fc.constantFrom(...POLLUTION, "x"), hostileString), weight: 1 },
);

/** What a socket can carry besides JSON: binary of every size, up to far beyond the limits. */
const hostileBinary: fc.Arbitrary<unknown> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .constantFrom(0, 1, 63_999, 64_000, 64_001, 100_000, 1_000_000)
    .map((n) => new Uint8Array(n).fill(0xff)),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => bytes.buffer),
  fc.uint16Array({ maxLength: 32 }),
);
const socketValue = fc.oneof(
  { arbitrary: hostileValue, weight: 4 },
  { arbitrary: hostileBinary, weight: 1 },
);

/** Defines own properties (as JSON.parse does), so `__proto__` is a key, not the prototype. */
function objectWith(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A valid example with some fields replaced by hostile values and hostile keys added. */
function hostileInput(valid: Record<string, unknown>, fieldNames: string[], value = hostileValue) {
  const names = [...new Set([...Object.keys(valid), ...fieldNames])];
  return fc
    .tuple(
      fc.tuple(
        ...names.map((name) =>
          fc.oneof(
            { arbitrary: fc.constant(valid[name]), weight: 2 },
            { arbitrary: value, weight: 1 },
          ),
        ),
      ),
      fc.array(fc.tuple(fc.constantFrom(...POLLUTION, "extra", "hasOwnProperty"), value), {
        maxLength: 3,
      }),
    )
    .map(([values, extra]) =>
      objectWith([
        ...names.flatMap((n, i): Array<[string, unknown]> =>
          values[i] === undefined ? [] : [[n, values[i]]],
        ),
        ...extra,
      ]),
    );
}

/** What a browser can send: strings only, repeated names for lists. */
const formString = fc.oneof(hostileString, fc.array(hostileString, { maxLength: 40 }));

function toFormData(input: Record<string, unknown>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(input)) {
    for (const item of Array.isArray(v) ? v : [v]) fd.append(k, String(item));
  }
  return fd;
}

// ---------------------------------------------------------------------------------------------
// What must hold

const PLACEHOLDER = /\{\w+\}/;

function expectTranslated(where: string, key: MessageKey, params?: MessageParams) {
  expect(isMessageKey(key), `${where}: "${key}" is not a catalog key`).toBe(true);
  for (const locale of ["fr", "en"] as const) {
    const text = translate(locale, key, params);
    expect(text, `${where}: ${key} untranslated`).not.toBe(key);
    expect(PLACEHOLDER.test(text), `${where}: "${text}" has an unfilled placeholder`).toBe(false);
  }
}

function expectFieldErrors(name: string, schema: z.ZodType, errors: FieldErrors) {
  const fields = fieldsOf(schema);
  expect(Object.keys(errors).length, `${name}: refused without any error`).toBeGreaterThan(0);
  for (const [path, error] of Object.entries(errors)) {
    const head = path.split(/[.[]/)[0]!;
    // "form" is the form-wide summary; every other path starts with a declared field.
    expect(
      head === "form" || fields.has(path) || fields.has(head),
      `${name}: error on unknown field "${path}"`,
    ).toBe(true);
    expectTranslated(`${name}.${path}`, error.key, error.params);
  }
}

/** Plain text: no control characters but tab and line breaks, no lone surrogate half. */
const NOT_PLAIN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Secrets are hashed, never stored nor shown: kept exactly as typed. */
const SECRET_FIELDS = new Set(["password"]);

function expectPlainValue(where: string, value: unknown, bound: number, secret: boolean) {
  if (value instanceof Uint8Array) {
    // Binary (the room note's Yjs messages): bounded, whatever it holds.
    expect(value.byteLength, `${where}: ${value.byteLength} bytes`).toBeLessThanOrEqual(
      NOTE_MESSAGE_MAX_BYTES,
    );
    return;
  }
  if (typeof value === "string") {
    // Lengths count characters (code points, as zod does), so an emoji counts once.
    const length = [...value].length;
    expect(length, `${where}: ${length} characters`).toBeLessThanOrEqual(bound);
    if (!secret) expect(NOT_PLAIN.test(value), `${where}: not plain text`).toBe(false);
    return;
  }
  if (Array.isArray(value)) {
    expect(value.length, `${where}: list of ${value.length}`).toBeLessThanOrEqual(100);
    value.forEach((v, i) => expectPlainValue(`${where}.${i}`, v, bound, secret));
    return;
  }
  if (value !== null && typeof value === "object") {
    expect(Object.getPrototypeOf(value), `${where}: not a plain object`).toBe(Object.prototype);
    for (const [k, v] of Object.entries(value)) {
      expect(POLLUTION.slice(0, 3).includes(k), `${where}: key ${k}`).toBe(false);
      expectPlainValue(`${where}.${k}`, v, bound, secret);
    }
    return;
  }
  expect(["number", "boolean", "undefined"], `${where}: ${typeof value}`).toContain(typeof value);
  if (typeof value === "number") expect(Number.isFinite(value), `${where}: ${value}`).toBe(true);
}

function expectAccepted(name: string, schema: z.ZodType, data: unknown) {
  const fields = fieldsOf(schema);
  expect(Object.getPrototypeOf(data), `${name}: output prototype`).toBe(Object.prototype);
  for (const [key, value] of Object.entries(data as object)) {
    const field = fields.get(key);
    expect(field, `${name}: output has undeclared key "${key}"`).toBeDefined();
    // Strings nested in lists of objects (needs) are checked against the overall cap.
    const bound = Math.min(stringBound(field!) ?? 20_000, 20_000);
    expectPlainValue(`${name}.${key}`, value, bound, SECRET_FIELDS.has(key));
  }
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
let before: string[];
beforeAll(() => {
  before = prototypeKeys();
});
afterAll(() => {
  // Nothing any input did reached the shared prototype.
  expect(prototypeKeys()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const RUNS = { numRuns: 150 };

// ---------------------------------------------------------------------------------------------

describe("every schema is covered", () => {
  it("lists every exported schema of core/schemas (a new one needs a hostile-input entry)", () => {
    const covered = new Set<unknown>([
      ...Object.values(FORMS).map((f) => f.schema),
      ...Object.values(VALUES).map((v) => v.schema),
      ...Object.values(SOCKETS).map((s) => s.schema),
    ]);
    const factories = new Set(["applicationFormSchema"]);
    factories.add("profileFormSchema");
    factories.add("answerFormSchema");
    // Built for the application's rubric: both rubrics have entries above.
    factories.add("scoreSchema");
    factories.add("applicationReviewSchema");
    factories.add("competitorMappingSchema");
    const missing: string[] = [];
    for (const [module, exports] of Object.entries(MODULES)) {
      for (const [name, value] of Object.entries(exports)) {
        if (value instanceof z.ZodType) {
          if (!covered.has(value)) missing.push(`${module}.${name}`);
        } else if (typeof value === "function" && /Schema$/.test(name)) {
          if (!factories.has(name)) missing.push(`${module}.${name}()`);
        } else if (
          value &&
          typeof value === "object" &&
          Object.values(value).every((v) => v instanceof z.ZodType)
        ) {
          for (const [event, schema] of Object.entries(value as Record<string, z.ZodType>)) {
            if (!covered.has(schema)) missing.push(`${module}.${name}.${event}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("gives every free-text field a maximum length", () => {
    const unbounded: string[] = [];
    const all = { ...FORMS, ...SOCKETS };
    for (const [name, { schema }] of Object.entries(all)) {
      for (const [field, fieldSchema] of fieldsOf(schema)) {
        if (stringBound(fieldSchema) === Infinity) unbounded.push(`${name}.${field}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it("accepts each valid example (the base the hostile values replace)", () => {
    for (const [name, form] of Object.entries(FORMS)) {
      const parsed = parsePosted(form.schema, toFormData(form.valid), form.arrayFields);
      expect(parsed.ok ? "ok" : parsed.fieldErrors, name).toBe("ok");
    }
    for (const [name, socket] of Object.entries(SOCKETS)) {
      expect(socket.schema.safeParse(socket.valid).success, name).toBe(true);
    }
    for (const [name, value] of Object.entries(VALUES)) {
      expect(value.schema.safeParse(value.valid).success, name).toBe(true);
    }
  });
});

describe("forms refuse hostile input with a translated field error, or keep plain bounded text", () => {
  for (const [name, form] of Object.entries(FORMS)) {
    it(`${name}, as posted by a browser (strings only)`, () => {
      const fieldNames = [...fieldsOf(form.schema).keys()];
      fc.assert(
        fc.property(hostileInput(form.valid, fieldNames, formString), (input) => {
          const parsed = parsePosted(form.schema, toFormData(input), form.arrayFields);
          if (parsed.ok) expectAccepted(name, form.schema, parsed.data);
          else expectFieldErrors(name, form.schema, parsed.fieldErrors);
        }),
        RUNS,
      );
    });

    it(`${name}, with wrong types and polluted objects`, () => {
      const fieldNames = [...fieldsOf(form.schema).keys()];
      fc.assert(
        fc.property(hostileInput(form.valid, fieldNames), (input) => {
          const parsed = parseObject(form.schema, input);
          if (parsed.ok) expectAccepted(name, form.schema, parsed.data);
          else expectFieldErrors(name, form.schema, parsed.fieldErrors);
        }),
        RUNS,
      );
    });
  }

  it("keeps the values to refill a refused form, without secrets", () => {
    const submission = parseFormData(
      toFormData({ name: "<script>alert(1)</script>", email: "x", password: "short" }),
      auth.signupSchema,
    );
    const reply = (refuse(submission) as unknown as { data: { initialValue?: unknown } }).data;
    expect(reply.initialValue).toEqual({ name: "<script>alert(1)</script>", email: "x" });
    expect(submission.status === "error" && submission.error?.password).toEqual([
      { key: "errors.tooShort", params: { min: 10 } },
    ]);
  });

  it("names the limit in a too-long message, even when the schema chose the key", () => {
    const parsed = parsePosted(
      auth.loginSchema,
      toFormData({ email: `${"a".repeat(300)}@x.org`, password: "p" }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors.email).toEqual({ key: "errors.tooLong", params: { max: 254 } });
    expect(translate("fr", "errors.tooLong", parsed.fieldErrors.email!.params)).toBe(
      "Au plus 254 caractères.",
    );
  });

  it("stores what people type, minus control characters and broken surrogates", () => {
    expect(plainText("a\u0000b\u0007c\u001B\u007F\td\ne\r")).toBe("abc\td\ne\r");
    expect(plainText("x\uD800y\uDC00z")).toBe("x\uFFFDy\uFFFDz");
    const kept = "é\u0301 👩🏽‍💻 \u202Eabc\u202C \u200B 中文 עברית <b>&amp;</b>";
    expect(plainText(kept)).toBe(kept);
    const parsed = parseObject(checkin.checkInFormSchema, {
      needsStatus: "on-track",
      update: " \u0000<script>alert('x')</script>\uD800 ",
    });
    expect(parsed.ok && (parsed.data as { update: string }).update).toBe(
      "<script>alert('x')</script>\uFFFD",
    );
  });
});

describe("single values refuse anything but what they name", () => {
  for (const [name, { schema, valid }] of Object.entries(VALUES)) {
    it(name, () => {
      fc.assert(
        fc.property(hostileValue, (value) => {
          const parsed = schema.safeParse(value);
          if (parsed.success) {
            expect(typeof parsed.data).toBe("string");
            expect([...(parsed.data as string)].length).toBeLessThanOrEqual(valid.length + 64);
            expect(NOT_PLAIN.test(parsed.data as string)).toBe(false);
          }
        }),
        RUNS,
      );
    });
  }
});

describe("socket payloads: a translated refusal naming the field, or bounded plain data", () => {
  for (const [name, { schema, valid }] of Object.entries(SOCKETS)) {
    it(name, async () => {
      const fieldNames = [...fieldsOf(schema).keys()];
      for (const locale of ["fr", "en"] as const) {
        const { socket, listeners } = fakeSocket(locale);
        let received: unknown;
        // Any event name and answer: only the parsing is under test here.
        handle(socket, name as ClientEvent, schema, async (data) => {
          received = data;
          return { ok: 1 } as never;
        });
        const listener = listeners.get(name)!;
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              { arbitrary: hostileInput(valid, fieldNames, socketValue), weight: 5 },
              { arbitrary: socketValue, weight: 1 },
            ),
            async (payload) => {
              received = undefined;
              let reply: Reply<unknown> | undefined;
              await listener(payload, (r: Reply<unknown>) => (reply = r));
              expect(reply, "every event is answered").toBeDefined();
              if (reply!.ok) {
                expectAccepted(name, schema, received);
                return;
              }
              expect(received, "refused payloads never reach the handler").toBeUndefined();
              expect(reply!.error.code).toBe("invalid_payload");
              const field = /[«“]\s*(.*?)\s*[»”]/u.exec(reply!.error.message);
              const named = field?.[1] ?? "";
              expect(
                named === "payload" || fieldNames.includes(named.split(".")[0]!),
                `${name}: refusal names "${named}"`,
              ).toBe(true);
              expect(PLACEHOLDER.test(reply!.error.message)).toBe(false);
            },
          ),
          { numRuns: 100 },
        );
      }
    });
  }
});
