/**
 * The data factory: new tests build the people and records they need here, and do not borrow the
 * demo's (its accounts, e-mails and ids stay for the tests whose subject is the demo itself: the
 * demo crawl, the pilot's report, the accessibility tour of the demo pages).
 *
 * Programs, coordinators and participants (each in an organization of a different region and MRC,
 * so that any three of a program make a valid group), groups with their seats, proposals, solver
 * runs, meetings, hour banks, co-development sessions, agreements, questionnaires, live events,
 * tools, invitations and applications with known tokens. People get generated names ("Alix
 * Beaulieu", none of the demo's, none a part of another's for the first 575 people of a factory)
 * and e-mails (`u-<prefix><n>@courses.exemple.org`); everyone signs in with FACTORY_PASSWORD.
 * Records are built synchronously; `document()` validates the whole, which is written to a lowdb
 * data dir (`writeLowdbStore`, or `useE2E({ data: factory })` for browser tests) or imported into
 * an empty PostgreSQL database (`importIntoPostgres`) before the server starts.
 *
 * The usual shapes, in a few lines:
 *
 *   const f = new Factory("x");
 *   // A program with a coordinator and participants in distinct regions:
 *   const { program, coordinator, mentors, mentees } = f.cohort({ mentors: 1, mentees: 2 });
 *   // A group of three with its space (agreement, a held meeting and its hours, the next one):
 *   const space = f.groupSpace(program, [...mentors, ...mentees]);
 *   // An open questionnaire:
 *   const evaluationId = f.evaluation(program);
 *   // A live speed-dating event with invited people, ready for the coordinator to start:
 *   const event = f.liveEvent(program, mentees);
 *   // then: useE2E({ data: f }), or writeLowdbStore(dataDir, await f.document())
 */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { regions } from "../../core/data/geography";
import { PILOT_TAXONOMY } from "../../core/data/pilot-taxonomy";
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
  composition: Program["composition"];
  coordinators: Person[];
  /** The program's pages: `/programs/<id>`. */
  path: string;
}

export interface GroupRef {
  id: string;
  programId: string;
  memberIds: string[];
  members: Person[];
  /** The group's space: `/programs/<program>/groups/<id>`. */
  path: string;
}

/** `count` people: a tuple when the count is a literal (`const [a, b] = f.people(p, "peer", 2)`). */
export type People<N extends number, Built extends Person[] = []> = number extends N
  ? Person[]
  : Built["length"] extends N
    ? Built
    : People<N, [...Built, Person]>;

/** A program of its own with its people (see `Factory.cohort`). */
export interface Cohort<Mentors extends number, Mentees extends number, Peers extends number> {
  program: ProgramRef;
  /** The first of `program.coordinators`. */
  coordinator: Person;
  mentors: People<Mentors>;
  mentees: People<Mentees>;
  peers: People<Peers>;
}

/** A group with the space of a group under way (see `Factory.groupSpace`). */
export interface GroupSpace {
  group: GroupRef;
  /** The members as given, or the mentor first, then the mentees. */
  members: [Person, Person, Person];
  agreementId: string;
  /** Held two days ago, everyone present, its time in the hour bank. */
  heldMeetingId: string;
  /** Planned in a week. */
  nextMeetingId: string;
}

/** First and last names for generated people: none of the demo's; none ends another. */
const FIRST_NAMES = [
  "Alix",
  "Béatrice",
  "Charles",
  "Denise",
  "Édouard",
  "Florence",
  "Gaston",
  "Hélène",
  "Ismaël",
  "Jeanne",
  "Karim",
  "Lucie",
  "Maxime",
  "Odile",
  "Pascal",
  "Rosalie",
  "Samuel",
  "Thérèse",
  "Ulric",
  "Valérie",
  "William",
  "Yasmine",
  "Zacharie",
  "Gisèle",
  "Raphaël",
];
/** 23 (a prime): with 25 first names, the first 575 people have distinct full names. */
const LAST_NAMES = [
  "Beaulieu",
  "Bergeron",
  "Boisvert",
  "Cloutier",
  "Desjardins",
  "Fournier",
  "Hébert",
  "Jolicoeur",
  "Lapointe",
  "Lévesque",
  "Marchand",
  "Nadeau",
  "Paquette",
  "Poirier",
  "Rioux",
  "Savard",
  "Thibault",
  "Vachon",
  "Villeneuve",
  "Allard",
  "Brassard",
  "Cyr",
  "Dufour",
];

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
  private accounts = 0;
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

  /** A generated full name, new to this factory (a number follows after the 575th). */
  private newName() {
    const k = this.accounts++;
    const first = FIRST_NAMES[k % FIRST_NAMES.length]!;
    const round = Math.floor(k / FIRST_NAMES.length);
    const last = LAST_NAMES[(k + round) % LAST_NAMES.length]!;
    const cycle = Math.floor(k / (FIRST_NAMES.length * LAST_NAMES.length));
    return cycle === 0 ? `${first} ${last}` : `${first} ${last} ${cycle + 1}`;
  }

  private account(role: "coordinator" | "participant"): Person {
    const userId = this.next("u");
    const person = {
      userId,
      participantId: "",
      email: `${userId}@courses.exemple.org`,
      name: this.newName(),
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

  /**
   * A program of its own, with `coordinators` coordinators: active, mentorship, the pilot's
   * taxonomy, self-formed groups forming at once, unless `options` say otherwise.
   */
  program(options: Partial<Program> & { coordinators?: number } = {}): ProgramRef {
    const { coordinators: count = 1, ...fields } = options;
    const coordinators = Array.from({ length: count }, () => this.account("coordinator"));
    const id = this.next("prog");
    const title = `Programme ${id}`;
    const today = quebecToday(this.now);
    const program = this.add("programs", {
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
      // What a program created in the app starts with (core/models/program.server.ts).
      taxonomy: PILOT_TAXONOMY.map((tag) => ({ ...tag })),
      createdAt: iso(this.now),
      ...fields,
    });
    return {
      id,
      title: program.title,
      composition: program.composition,
      coordinators,
      path: `/programs/${id}`,
    };
  }

  /**
   * A program of its own (`program` options) with its first coordinator and participants, each in
   * an organization of a region of its own (the first 17 of a program).
   */
  cohort<Mentors extends number = 0, Mentees extends number = 0, Peers extends number = 0>(
    options: Partial<Program> & {
      coordinators?: number;
      mentors?: Mentors;
      mentees?: Mentees;
      peers?: Peers;
    } = {},
  ): Cohort<Mentors, Mentees, Peers> {
    const { mentors, mentees, peers, ...fields } = options;
    const program = this.program(fields);
    return {
      program,
      coordinator: program.coordinators[0]!,
      mentors: this.people(program, "mentor", mentors ?? (0 as Mentors)),
      mentees: this.people(program, "mentee", mentees ?? (0 as Mentees)),
      peers: this.people(program, "peer", peers ?? (0 as Peers)),
    };
  }

  /** A participant of `program`, published, in an organization of a place new to that program. */
  person(
    program: ProgramRef,
    role: Role,
    options: {
      capacity?: number;
      /** Needs (taxonomy ids, priority 1–3) and expertise, for scores that differ. */
      profile?: { needs?: Array<{ tag: string; priority: number }>; expertise?: string[] };
    } = {},
  ): Person {
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
      ...(options.profile ? { profile: options.profile } : {}),
      published: true,
      joinedAt: iso(this.now),
    });
    return person;
  }

  people<N extends number>(program: ProgramRef, role: Role, count: N): People<N> {
    return Array.from({ length: count }, () => this.person(program, role)) as People<N>;
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
    return {
      id,
      programId: program.id,
      memberIds,
      members,
      path: `${program.path}/groups/${id}`,
    };
  }

  /**
   * A group of three and the space of a group under way: its agreement accepted by everyone, a
   * meeting held two days ago with everyone present and its time in the hour bank, and the next
   * meeting in a week. The members are new ones (a mentor and two mentees, or three peers in a
   * co-development program) unless given.
   */
  groupSpace(program: ProgramRef, members?: [Person, Person, Person]): GroupSpace {
    const people: [Person, Person, Person] =
      members ??
      (program.composition === "co-development"
        ? this.people(program, "peer", 3)
        : [this.person(program, "mentor"), ...this.people(program, "mentee", 2)]);
    const group = this.group(program, people);
    const agreementId = this.agreement(group, people[0], { acceptedBy: people });
    const heldMeetingId = this.meeting(group, -48 * HOUR, 90, {
      status: "held",
      presentIds: group.memberIds,
    });
    for (const member of people)
      this.hours(group, member, 1.5, { kind: "meeting", meetingId: heldMeetingId, daysAgo: 2 });
    const nextMeetingId = this.meeting(group, 7 * 24 * HOUR, 120);
    return { group, members: people, agreementId, heldMeetingId, nextMeetingId };
  }

  /** A line of the group's hour bank by `member` (quarter hours), `daysAgo` days ago (Quebec dates). */
  hours(
    group: GroupRef,
    member: Person,
    hours: number,
    options: {
      kind?: "meeting" | "preparation" | "communication" | "follow-up";
      meetingId?: string;
      daysAgo?: number;
    } = {},
  ) {
    const id = this.next("hrs");
    const daysAgo = options.daysAgo ?? 0;
    this.add("hourEntries", {
      id,
      groupId: group.id,
      participantId: member.participantId,
      kind: options.kind ?? "preparation",
      hours,
      date: addDays(quebecToday(this.now), -daysAgo),
      note: "",
      meetingId: options.meetingId,
      createdAt: iso(this.now - daysAgo * 24 * HOUR),
    });
    return id;
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
      // A proven optimum where each group scores 1.
      result: {
        status: "optimal" as const,
        objective: { groups: groups.length, score: groups.length },
        bound: { groups: groups.length, score: groups.length },
        timeMs: 1_000,
      },
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

  /**
   * A collective meeting of `group`, `startsInMs` from now (negative: it has started), planned
   * unless told (a held meeting names who was present).
   */
  meeting(
    group: GroupRef,
    startsInMs: number,
    minutes = 60,
    options: { status?: "planned" | "held"; presentIds?: string[] } = {},
  ) {
    const id = this.next("mtg");
    const startsAt = this.now + startsInMs;
    this.add("meetings", {
      id,
      groupId: group.id,
      startsAt: iso(startsAt),
      endsAt: iso(startsAt + minutes * 60_000),
      presentIds: options.presentIds ?? [],
      status: options.status ?? "planned",
      createdAt: iso(this.now),
      updatedAt: iso(this.now),
    });
    return id;
  }

  /**
   * A co-development session of `group`, running at `step` with all three present, or planned
   * (seven steps of ten minutes). The client, the facilitator and the scribe are the members in
   * the order of `memberIds` unless given.
   */
  codevSession(
    group: GroupRef,
    options: {
      step?: number;
      meetingId?: string;
      number?: number;
      status?: "running" | "planned";
      roles?: { client: Person; facilitator: Person; scribe?: Person };
    },
  ) {
    const id = this.next("cdv");
    const [client, facilitator, scribe] = options.roles
      ? [options.roles.client, options.roles.facilitator, options.roles.scribe].map(
          (p) => p?.participantId,
        )
      : group.memberIds;
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
    return {
      id,
      facilitator: group.members.find((m) => m.participantId === facilitator)!,
      path: `${group.path}/codev/${id}`,
    };
  }

  /** Version 1 of the group's agreement, accepted by its author only unless told. */
  agreement(group: GroupRef, author: Person, options: { acceptedBy?: Person[] } = {}) {
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
      acceptances: Object.fromEntries(
        (options.acceptedBy ?? [author]).map((p) => [p.participantId, iso(this.now)]),
      ),
    });
    return id;
  }

  /** An open questionnaire: a monthly one, open since yesterday for two weeks (Quebec dates). */
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

  /**
   * A live speed-dating event inviting `invited`, scheduled for tomorrow and not started: the
   * coordinator's console starts it (rooms of two, two rounds of five minutes unless told).
   */
  liveEvent(
    program: ProgramRef,
    invited: Person[],
    options: {
      title?: string;
      rounds?: number;
      roundMinutes?: number;
      breakMinutes?: number;
      roomSize?: 2 | 3;
    } = {},
  ) {
    const id = this.next("evt");
    this.add("events", {
      id,
      programId: program.id,
      title: options.title ?? `Séance ${id}`,
      startsAt: iso(this.now + 24 * HOUR),
      invitedParticipantIds: invited.map((p) => p.participantId),
      rounds: options.rounds ?? 2,
      roundMinutes: options.roundMinutes ?? 5,
      breakMinutes: options.breakMinutes ?? 2,
      roomSize: options.roomSize ?? 2,
      format: "online",
      status: "scheduled",
      currentRound: 0,
      createdBy: program.coordinators[0]!.userId,
      createdAt: iso(this.now),
    });
    return { id, path: `${program.path}/events/${id}` };
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

  /** An invitation to coordinate `program` with its coordinators, for `person`'s address. */
  coordinatorInvitation(program: ProgramRef, person: Person) {
    const token = newToken();
    const id = this.next("cinv");
    this.add("coordinatorInvitations", {
      id,
      programId: program.id,
      tokenHash: hashToken(token),
      email: person.email,
      createdBy: program.coordinators[0]!.userId,
      createdAt: iso(this.now),
      expiresAt: iso(this.now + 14 * 24 * HOUR),
    });
    return { id, token };
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
