/**
 * The people and data of the authorization matrix: the French demo store plus what the demo lacks
 * (a second program with its own coordinator and participant, a second group in the demo program,
 * a file tool, a planned co-development session, known tokens for the links that carry one).
 */
import { membershipsOfGroups } from "../../../core/store/seats";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hashToken } from "../../../core/security/tokens";
import { demoDocument, DEMO_CO_COORDINATOR_EMAIL } from "../../../server/seeds/demo";
import { documentSchema } from "../../../core/store/schema";

export const ROLES = [
  "anonymous",
  "otherProgramParticipant",
  "participant",
  "otherGroupMember",
  "member",
  "otherCoordinator",
  "coordinator",
  "observer",
  "administrator",
  "coCoordinator",
] as const;
export type Role = (typeof ROLES)[number];

/** The sign-in of each role (all demo passwords are `maillage-demo`). */
export const EMAILS: Record<Exclude<Role, "anonymous">, string> = {
  otherProgramParticipant: "autre.participant@exemple.org",
  participant: "amelie@exemple.org",
  otherGroupMember: "nathalie@exemple.org",
  member: "benoit@exemple.org",
  otherCoordinator: "autre.coordination@exemple.org",
  coordinator: "coordination@exemple.org",
  // The same coordinator, tried on a group that invites the coordination (ROLE_PARAMS).
  observer: "coordination@exemple.org",
  // An administrator who runs no program and takes part in none (ADR 0035).
  administrator: "administration@exemple.org",
  // The demo program's second coordinator, invited by the first; no administrator, no right to
  // create programs.
  coCoordinator: DEMO_CO_COORDINATOR_EMAIL,
};

export const PROGRAM = "prog-reemploi-2026";
export const GROUP = "grp-demo-chaine-froid";
export const OTHER_PROGRAM = "prog-matrice-autre";
export const OTHER_GROUP = "grp-matrice-voisin";
export const TOKENS = {
  calendar: "matrixCalendarToken0123456789abc",
  application: "matrixApplicationToken0123456789",
  invitation: "matrixInvitationToken0123456789a",
  coCoordination: "matrixCoCoordinationToken0123456",
};

/** The value of each route parameter: real records the member's group can see. */
export const PARAMS: Record<string, string> = {
  programId: PROGRAM,
  groupId: GROUP,
  meetingId: "mtg-demo-demarrage",
  sessionId: "cdv-matrice",
  evaluationId: "eval-demo-fevrier",
  /** The member's final interview (its summary awaits their validation). */
  interviewId: "itw-demo-benoit",
  toolId: "tool-matrice-fichier",
  applicationId: "app-matrice",
  eventId: "evt-demo-novembre",
  token: "", // per route: see tokenFor()
};

/**
 * The observer is the program's coordinator on the group that invites the coordination
 * (OTHER_GROUP, with its own meeting, session and tool); as "coordinator" the same person meets
 * GROUP, which does not invite them (ADR 0027).
 */
export const ROLE_PARAMS: Partial<Record<Role, Record<string, string>>> = {
  observer: {
    groupId: "grp-matrice-voisin",
    meetingId: "mtg-matrice-voisin",
    sessionId: "cdv-matrice-voisin",
    toolId: "tool-matrice-voisin",
  },
};

/** A parameter's value for a role. */
export function paramFor(role: Role, name: string): string | undefined {
  return ROLE_PARAMS[role]?.[name] ?? PARAMS[name];
}

export function tokenFor(routeId: string): string {
  if (routeId.includes("feeds.calendar")) return TOKENS.calendar;
  if (routeId.includes("application.")) return TOKENS.application;
  if (routeId.includes("invitation.")) return TOKENS.invitation;
  if (routeId.includes("co-coordination.")) return TOKENS.coCoordination;
  throw new Error(`no token known for ${routeId}`);
}

type Doc = Awaited<ReturnType<typeof demoDocument>>;
type Row<K extends keyof Doc> = NonNullable<Doc[K]> extends Array<infer R> ? R : never;

function byEmail(doc: Doc, email: string) {
  const user = doc.users!.find((u) => u.email === email);
  if (!user) throw new Error(`demo account missing: ${email}`);
  return user;
}
function participantOf(doc: Doc, email: string, programId = PROGRAM) {
  const user = byEmail(doc, email);
  const participant = doc.participants!.find(
    (p) => p.userId === user.id && p.programId === programId,
  );
  if (!participant) throw new Error(`${email} is not in ${programId}`);
  return participant;
}

/** Writes the matrix's store into `dataDir` (the server then loads it instead of seeding). */
export async function writeMatrixStore(dataDir: string) {
  const doc = await demoDocument();
  const now = new Date().toISOString();
  const coordinator = byEmail(doc, EMAILS.coordinator);
  const program = doc.programs!.find((p) => p.id === PROGRAM)!;

  // The demo coordinator administers the demo; the other coordinator does not.
  const otherCoordinator: Row<"users"> = {
    ...coordinator,
    id: "u-matrice-coord",
    email: EMAILS.otherCoordinator,
    name: "Coordination Autre Table",
    admin: undefined,
  };
  const administrator: Row<"users"> = {
    ...byEmail(doc, EMAILS.participant),
    id: "u-matrice-admin",
    email: EMAILS.administrator,
    name: "Administration Maillage",
    admin: true,
  };
  const otherUser: Row<"users"> = {
    ...byEmail(doc, EMAILS.participant),
    id: "u-matrice-part",
    email: EMAILS.otherProgramParticipant,
    name: "Personne D'ailleurs",
  };
  doc.users!.push(otherCoordinator, otherUser, administrator);
  doc.programs!.push({
    ...program,
    id: OTHER_PROGRAM,
    title: "Programme d'une autre table régionale",
    coordinatorIds: [otherCoordinator.id],
  });
  const amelie = participantOf(doc, EMAILS.participant);
  doc.participants!.push({
    ...amelie,
    id: "p-matrice-ailleurs",
    userId: otherUser.id,
    programId: OTHER_PROGRAM,
    applicationId: undefined,
  });

  // A second group in the demo program, for "member of another group".
  const members = [EMAILS.otherGroupMember, "isabelle@exemple.org", "julien@exemple.org"].map(
    (email) => participantOf(doc, email).id,
  );
  const group = doc.groups!.find((g) => g.id === GROUP)!;
  group.calendarTokenHash = hashToken(TOKENS.calendar);
  // GROUP keeps its space closed to the coordination; OTHER_GROUP invites it as observer.
  group.observerInvitation = undefined;
  doc.groups!.push({
    ...group,
    id: OTHER_GROUP,
    memberIds: members,
    mentorId: members[0],
    label: "Voisinage",
    calendarTokenHash: undefined,
    observerInvitation: { by: members[1]!, at: now },
  });
  const observed = ROLE_PARAMS.observer!;
  const meeting = doc.meetings!.find((m) => m.id === PARAMS.meetingId)!;
  doc.meetings!.push({
    ...meeting,
    id: observed.meetingId!,
    groupId: OTHER_GROUP,
    presentIds: members,
    facilitatorId: members[0],
  });
  const session = doc.codevSessions!.find((c) => c.groupId === GROUP && c.status === "planned")!;
  doc.codevSessions!.push({
    ...session,
    id: observed.sessionId!,
    groupId: OTHER_GROUP,
    meetingId: undefined,
    clientId: members[1]!,
    facilitatorId: members[0]!,
    scribeId: undefined,
    number: 1,
  });

  // A file tool in the group, with its file on disk.
  await mkdir(join(dataDir, "uploads"), { recursive: true });
  const pdf = Buffer.from("%PDF-1.4\n% matrice\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  await writeFile(join(dataDir, "uploads", "matrice-outil.pdf"), pdf);
  doc.tools!.push({
    id: PARAMS.toolId!,
    programId: PROGRAM,
    groupId: GROUP,
    authorId: participantOf(doc, EMAILS.member).id,
    title: "Grille de tri des invendus",
    description: "",
    theme: "",
    file: {
      name: "grille.pdf",
      storedAs: "matrice-outil.pdf",
      size: pdf.length,
      type: "application/pdf",
    },
    programWide: false,
    createdAt: now,
  });
  doc.tools!.push({
    ...doc.tools!.at(-1)!,
    id: ROLE_PARAMS.observer!.toolId!,
    groupId: OTHER_GROUP,
    authorId: members[1],
  });

  // A planned co-development session, so that members' commands change nothing that matters.
  const planned = doc.codevSessions!.find((s) => s.groupId === GROUP && s.status === "planned")!;
  doc.codevSessions!.push({ ...planned, id: PARAMS.sessionId!, meetingId: undefined, number: 9 });

  // An application with a known private link, and an invitation with a known link.
  const application = doc.applications!.find((a) => a.programId === PROGRAM)!;
  doc.applications!.push({
    ...application,
    id: PARAMS.applicationId!,
    accessTokenHash: hashToken(TOKENS.application),
  });
  doc.invitations!.push({
    id: "inv-matrice",
    programId: PROGRAM,
    tokenHash: hashToken(TOKENS.invitation),
    role: "mentee",
    createdBy: coordinator.id,
    createdAt: now,
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });

  // An invitation to coordinate the demo program, for someone who has no account yet.
  doc.coordinatorInvitations = [
    {
      id: "cinv-matrice",
      programId: PROGRAM,
      tokenHash: hashToken(TOKENS.coCoordination),
      email: "invitee.coordination@exemple.org",
      createdBy: coordinator.id,
      createdAt: now,
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    },
  ];

  doc.memberships = membershipsOfGroups(doc.groups!, now);
  await writeFile(join(dataDir, "maillage.json"), JSON.stringify(documentSchema.parse(doc)));
}
