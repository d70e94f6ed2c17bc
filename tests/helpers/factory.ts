/**
 * A data factory for tests that need their own people: programs, coordinators and participants
 * (each in an organization of a different region and MRC, so that any three of a program make a
 * valid group), groups with their seats, proposals, solver runs, meetings, co-development sessions,
 * agreements, questionnaires, live events, tools, invitations and applications with known tokens.
 * Everyone signs in with FACTORY_PASSWORD. Nothing comes from the demo: the document is written to a
 * lowdb data dir, or imported into an empty PostgreSQL database, before the server starts.
 */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { regions } from "../../core/data/geography";
import { membershipsOfGroups } from "../../core/store/seats";
import { addDays, quebecToday } from "../../core/utils/quebec-time";
import { hashPassword } from "../../core/security/password";
import { hashToken, newToken } from "../../core/security/tokens";
import { applyMigrations, importDocument } from "../../core/store/pg-store";
import { documentSchema, emptyDocument, type StoreDocument } from "../../core/store/schema";
import type { NewRecord } from "../../core/store/types";

export const FACTORY_PASSWORD = "courses-simultanees-2026";

type Role = "mentor" | "mentee" | "peer";
type Program = NewRecord<"programs">;
type Collection = Exclude<keyof StoreDocument, "schemaVersion">;

export interface Person {
  userId: string;
  /** Empty for an account that takes part in no program. */
  participantId: string;
  email: string;
  name: string;
}

export interface ProgramRef {
  id: string;
  title: string;
  coordinators: Person[];
}

export interface GroupRef {
  id: string;
  programId: string;
  memberIds: string[];
  members: Person[];
}

/** (region, MRC) pairs in an order where the first 17 are in distinct regions and all MRCs differ. */
const PLACES = (() => {
  const places: Array<{ region: string; mrc: string }> = [];
  const longest = Math.max(...regions.map((r) => r.mrcs.length));
  for (let m = 0; m < longest; m++)
    for (const region of regions) {
      const mrc = region.mrcs[m];
      if (mrc) places.push({ region: region.code, mrc: mrc.code });
    }
  return places;
})();

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

export class Factory {
  private readonly doc = emptyDocument() as unknown as Record<Collection, unknown[]>;
  private counter = 0;
  private readonly placesUsed = new Map<string, number>();
  /** One moment for every record, so that the data reads the same on each engine. */
  readonly now = Date.now();

  constructor(
    /** A prefix for ids and e-mails, so that two factories' data never collide. */
    readonly prefix = "f",
  ) {}

  private next(kind: string) {
    this.counter += 1;
    return `${kind}-${this.prefix}${this.counter}`;
  }

  private add<C extends Collection>(collection: C, record: NewRecord<C>) {
    this.doc[collection].push(record);
    return record;
  }

  private account(role: "coordinator" | "participant"): Person {
    const userId = this.next("u");
    const n = this.counter;
    const person = {
      userId,
      participantId: "",
      email: `${userId}@courses.exemple.org`,
      name: `${role === "coordinator" ? "Coordination" : "Personne"} ${this.prefix.toUpperCase()}${n}`,
    };
    this.add("users", {
      id: userId,
      email: person.email,
      name: person.name,
      role,
      // Replaced by the one real hash when the document is written.
      passwordHash: "scrypt$pending",
      locale: "fr",
      createdAt: iso(this.now),
    });
    return person;
  }

  /** A program of its own, with `coordinators` coordinators (self-formed groups form at once). */
  program(options: Partial<Program> & { coordinators?: number } = {}): ProgramRef {
    const { coordinators: count = 1, ...fields } = options;
    const coordinators = Array.from({ length: count }, () => this.account("coordinator"));
    const id = this.next("prog");
    const title = `Programme ${id}`;
    const today = quebecToday(this.now);
    this.add("programs", {
      id,
      title,
      theme: "Réemploi alimentaire",
      subThemes: [],
      coordinatorIds: coordinators.map((c) => c.userId),
      status: "active",
      composition: "mentorship",
      regionRule: "distinct-mrcs",
      mentoringStart: addDays(today, -30),
      mentoringEnd: addDays(today, 150),
      hourBankHours: 20,
      selfFormedApproval: "notify",
      proposalHours: 72,
      createdAt: iso(this.now),
      ...fields,
    });
    return { id, title, coordinators };
  }

  /** A participant of `program`, published, in an organization of a place new to that program. */
  person(program: ProgramRef, role: Role, options: { capacity?: number } = {}): Person {
    const person = this.account("participant");
    const used = this.placesUsed.get(program.id) ?? 0;
    this.placesUsed.set(program.id, used + 1);
    const place = PLACES[used % PLACES.length]!;
    const organizationId = this.next("org");
    this.add("organizations", {
      id: organizationId,
      name: `Organisme ${organizationId}`,
      region: place.region,
      mrc: place.mrc,
      sector: "Banque alimentaire",
      competitorIds: [],
      createdAt: iso(this.now),
    });
    person.participantId = this.next("p");
    this.add("participants", {
      id: person.participantId,
      programId: program.id,
      userId: person.userId,
      organizationId,
      role,
      capacity: options.capacity ?? 1,
      published: true,
      joinedAt: iso(this.now),
    });
    return person;
  }

  people(program: ProgramRef, role: Role, count: number) {
    return Array.from({ length: count }, () => this.person(program, role));
  }

  /** An account in no program (someone an invitation is for). */
  outsider(): Person {
    return this.account("participant");
  }

  /** An active group; its seats are written with the document. */
  group(program: ProgramRef, members: Person[], options: { sourceKey?: string } = {}): GroupRef {
    const id = this.next("grp");
    const memberIds = members.map((m) => m.participantId).sort();
    const roles = this.doc.participants as Array<{ id: string; role: Role }>;
    this.add("groups", {
      id,
      programId: program.id,
      memberIds,
      mentorId: roles.find((p) => memberIds.includes(p.id) && p.role === "mentor")?.id,
      status: "active",
      origin: "self",
      suggestedFirstMeeting: quebecToday(this.now),
      sourceKey: options.sourceKey,
      createdAt: iso(this.now),
    });
    return { id, programId: program.id, memberIds, members };
  }

  /** A proposal by `proposer` to `others`; `accepted` have said yes (the proposer always has). */
  proposal(
    program: ProgramRef,
    proposer: Person,
    others: [Person, Person],
    options: { accepted?: Person[]; status?: "pending" | "awaiting-approval" } = {},
  ) {
    const id = this.next("gp");
    const accepted = new Set([proposer, ...(options.accepted ?? [])].map((p) => p.participantId));
    const memberIds = [proposer, ...others].map((p) => p.participantId);
    this.add("groupProposals", {
      id,
      programId: program.id,
      proposerId: proposer.participantId,
      memberIds,
      responses: Object.fromEntries(
        memberIds.map((m) => [m, accepted.has(m) ? "accepted" : "pending"]),
      ),
      status: options.status ?? "pending",
      message: "",
      expiresAt: iso(this.now + 72 * HOUR),
      createdAt: iso(this.now),
    });
    return id;
  }

  /** A finished solver run proposing `groups` (each a mentor first, then two mentees). */
  solverRun(program: ProgramRef, groups: Person[][]) {
    const id = this.next("run");
    const groupIds = groups.map((_, i) => `g${i + 1}`);
    this.add("solverRuns", {
      id,
      programId: program.id,
      status: "done",
      startedBy: program.coordinators[0]!.userId,
      startedAt: iso(this.now - HOUR),
      finishedAt: iso(this.now - HOUR + 1_000),
      progress: { phase: "done", fraction: 1 },
      groups: groups.map((members, i) => ({
        id: groupIds[i]!,
        memberIds: members.map((m) => m.participantId),
        mentorId: members[0]!.participantId,
        score: 1,
        explanation: [
          {
            code: "legacy-text" as const,
            params: { fr: "Proposé par le test.", en: "Proposed by the test." },
          },
        ],
        decision: "proposed" as const,
      })),
      unplaced: [],
    });
    return { id, groupIds };
  }

  /** A collective meeting of `group`, `startsInMs` from now (negative: it has started). */
  meeting(group: GroupRef, startsInMs: number, minutes = 60) {
    const id = this.next("mtg");
    const startsAt = this.now + startsInMs;
    this.add("meetings", {
      id,
      groupId: group.id,
      startsAt: iso(startsAt),
      endsAt: iso(startsAt + minutes * 60_000),
      status: "planned",
      createdAt: iso(this.now),
      updatedAt: iso(this.now),
    });
    return id;
  }

  /**
   * A co-development session of `group`, running at `step` with all three present (client, then
   * facilitator, then scribe: the members in order), or planned.
   */
  codevSession(
    group: GroupRef,
    options: { step?: number; meetingId?: string; number?: number; status?: "running" | "planned" },
  ) {
    const id = this.next("cdv");
    const [client, facilitator, scribe] = group.memberIds;
    const running = (options.status ?? "running") === "running";
    this.add("codevSessions", {
      id,
      groupId: group.id,
      meetingId: options.meetingId,
      number: options.number ?? 1,
      clientId: client!,
      facilitatorId: facilitator!,
      scribeId: scribe,
      minutes: [10, 10, 10, 10, 10, 10, 10],
      status: running ? "running" : "planned",
      currentStep: running ? (options.step ?? 0) : 0,
      stepStartedAt: running ? iso(this.now - 5 * 60_000) : undefined,
      elapsedMs: running ? 40 * 60_000 : 0,
      notes: ["", "", "", "", "", "", ""],
      presentIds: running ? [...group.memberIds] : [],
      startedAt: running ? iso(this.now - 45 * 60_000) : undefined,
      version: 0,
      createdBy: facilitator!,
      createdAt: iso(this.now),
      updatedAt: iso(this.now),
    });
    return { id, facilitator: group.members.find((m) => m.participantId === facilitator)! };
  }

  /** Version 1 of the group's agreement, accepted by its author only. */
  agreement(group: GroupRef, author: Person) {
    const id = this.next("agr");
    this.add("agreements", {
      id,
      groupId: group.id,
      version: 1,
      responsibilities: "Chacun prépare ses questions.",
      objectives: "Une grille de tarification sociale.",
      referencePersons: "Les trois membres.",
      period: "Six mois.",
      meetings: "Deux heures toutes les trois semaines.",
      communication: "Un courriel après chaque rencontre.",
      updatedBy: author.participantId,
      updatedAt: iso(this.now),
      acceptances: { [author.participantId]: iso(this.now) },
    });
    return id;
  }

  /** A monthly questionnaire open today (Quebec dates). */
  evaluation(program: ProgramRef) {
    const id = this.next("eval");
    const today = quebecToday(this.now);
    this.add("evaluations", {
      id,
      programId: program.id,
      kind: "monthly",
      title: `Questionnaire ${id}`,
      opensOn: addDays(today, -1),
      closesOn: addDays(today, 14),
      createdBy: program.coordinators[0]!.userId,
      announcedAt: iso(this.now),
      createdAt: iso(this.now),
    });
    return id;
  }

  /**
   * A live event running its first round (the clock an hour away): `pairs` of participants met in
   * rooms of two.
   */
  event(program: ProgramRef, pairs: Array<[Person, Person]>, rounds = 3) {
    const id = this.next("evt");
    const invited = pairs.flat().map((p) => p.participantId);
    this.add("events", {
      id,
      programId: program.id,
      title: `Séance ${id}`,
      startsAt: iso(this.now - HOUR),
      invitedParticipantIds: invited,
      rounds,
      roundMinutes: 60,
      breakMinutes: 0,
      roomSize: 2,
      format: "online",
      status: "running",
      currentRound: 1,
      phase: "round",
      deadline: iso(this.now + HOUR),
      schedule: [
        {
          round: 1,
          rooms: pairs.map(([a, b], i) => ({
            id: `${id}-r1-${i + 1}`,
            number: i + 1,
            members: [a.participantId, b.participantId],
          })),
          waiting: [],
        },
      ],
      waitCounts: {},
      revision: 3,
      createdBy: program.coordinators[0]!.userId,
      createdAt: iso(this.now - 2 * HOUR),
      startedAt: iso(this.now - 5 * 60_000),
    });
    return id;
  }

  /** A link tool shared in `group` by `author`. */
  tool(group: GroupRef, author: Person) {
    const id = this.next("tool");
    this.add("tools", {
      id,
      programId: group.programId,
      groupId: group.id,
      authorId: author.participantId,
      title: `Outil ${id}`,
      url: "https://exemple.org/outil",
      createdAt: iso(this.now),
    });
    return id;
  }

  /** A single-use invitation link to `program` (for anyone: no e-mail attached). */
  invitation(program: ProgramRef, role: Role = "mentee") {
    const token = newToken();
    this.add("invitations", {
      id: this.next("inv"),
      programId: program.id,
      tokenHash: hashToken(token),
      role,
      createdBy: program.coordinators[0]!.userId,
      createdAt: iso(this.now),
      expiresAt: iso(this.now + 7 * 24 * HOUR),
    });
    return token;
  }

  /** A submitted application to `program`, waiting for the coordinators' decision. */
  application(program: ProgramRef) {
    const id = this.next("app");
    const place = PLACES[0]!;
    this.add("applications", {
      id,
      programId: program.id,
      status: "submitted",
      accessTokenHash: hashToken(newToken()),
      locale: "fr",
      email: `${id}@courses.exemple.org`,
      organizationName: `Organisme ${id}`,
      contactName: `Contact ${id}`,
      contactEmail: `${id}@courses.exemple.org`,
      concept: "Un frigo communautaire de quartier.",
      operations: [],
      barriers: "",
      mentoringHelp: "",
      revisionOpenness: "",
      comments: "",
      role: "mentee",
      region: place.region,
      mrc: place.mrc,
      profile: {},
      competitorsText: "",
      competitorOrgIds: [],
      designatedThroughout: true,
      canImplement: true,
      consent: true,
      createdAt: iso(this.now),
      updatedAt: iso(this.now),
      submittedAt: iso(this.now),
    });
    return id;
  }

  /** The whole document, validated, every account with the one password. */
  async document(): Promise<StoreDocument> {
    const hash = await passwordHash();
    for (const user of this.doc.users as Array<{ passwordHash: string }>) user.passwordHash = hash;
    const groups = this.doc.groups as Parameters<typeof membershipsOfGroups>[0];
    this.doc.memberships = membershipsOfGroups(groups, iso(this.now));
    return documentSchema.parse(this.doc);
  }
}

let hashed: Promise<string> | undefined;
/** FACTORY_PASSWORD hashed once per test process (scrypt is slow on purpose). */
function passwordHash() {
  hashed ??= hashPassword(FACTORY_PASSWORD);
  return hashed;
}

/** A form's one-time submission key, as AppForm renders it (a new one per call: a new tab). */
export function submissionKey() {
  return `${randomUUID()}.races.:r0:`;
}

/** Writes the document where a server about to start reads it: a lowdb data dir. */
export async function writeLowdbStore(dataDir: string, doc: StoreDocument) {
  await writeFile(join(dataDir, "maillage.json"), JSON.stringify(doc));
}

/** Imports the document into an empty PostgreSQL database, as `npm run db:copy-to-postgres` does. */
export async function importIntoPostgres(url: string, doc: StoreDocument) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await applyMigrations(client as unknown as pg.PoolClient);
    await client.query("BEGIN");
    await importDocument(client as unknown as pg.PoolClient, doc);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
