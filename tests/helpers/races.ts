/**
 * The concurrency suite's scenarios (issue #16), written once and run against a target: one server
 * (lowdb or PostgreSQL) or two processes sharing one PostgreSQL, requests alternating between them.
 * Each scenario builds its own people with the data factory (its own program: scenarios never see
 * each other's data), then sends at least 8 conflicting requests at once (HTTP, or Socket.IO where
 * the write is a socket event) and checks that
 * - every request got a clear answer: a success (the same result for a repeat), or a refusal with
 *   its French message (a 4xx page, or a socket acknowledgement naming it): never a 5xx, a server
 *   error or a dropped connection;
 * - the domain's invariants hold on the server's stored data (checkInvariants);
 * - exactly one effect is visible: one group, one seat each, one notice and one e-mail each, one
 *   audit line, one rating, one hour line per person…
 */
import { expect } from "vitest";
import { checkInvariants, type InvariantName } from "../../core/models/invariants";
import { formatList, translate, type MessageKey, type MessageParams } from "../../core/i18n";
import type { StoreDocument } from "../../core/store/schema";
import {
  FACTORY_PASSWORD,
  submissionKey,
  type Factory,
  type GroupRef,
  type Person,
  type ProgramRef,
} from "./factory";
import { HttpClient, pageText } from "./http";
import { LiveClient, type Reply } from "./live";
import { auditTrail, outboxMessages, storeSnapshot, type StoreLocation } from "./store-snapshot";

/** How many conflicting requests each scenario sends at once. */
export const AT_ONCE = 8;

/** Where the scenarios run: the processes' base URLs, their store and their data dirs. */
export interface RaceTarget {
  /** One per server process: requests alternate between them. */
  urls: string[];
  store: StoreLocation;
  /** Each process's data dir. */
  dataDirs: string[];
  /** The servers' output, shown with a server error. */
  logs: () => string;
}

/** What a request got back: a status, where a redirect goes, and the page as rendered. */
export interface Answer {
  status: number;
  location: string;
  /** The page's HTML, entities decoded, without its scripts (the data they carry is not shown). */
  text: string;
}

/** An allowed answer: its status, and a text it shows (a French message). */
export interface Expected {
  status: number;
  text?: string;
  location?: string;
}

export const fr = (key: MessageKey, params?: MessageParams) => translate("fr", key, params);

/** The French message up to its first parameter (for messages naming people in varying order). */
export const frStart = (key: MessageKey) => fr(key).split("{")[0]!;

/**
 * Names as the group rules list them: ordered by participant id, as the engine sorts them, joined
 * as French does ("A et B").
 */
export const names = (...people: Person[]) =>
  formatList(
    "fr",
    [...people].sort((a, b) => a.participantId.localeCompare(b.participantId)).map((p) => p.name),
  );

/** A running scenario's access to the target: signed-in people, sockets, the stored data. */
export class Race {
  private readonly cookies = new Map<string, HttpClient["cookies"]>();
  private readonly sockets: LiveClient[] = [];

  constructor(readonly target: RaceTarget) {}

  /** The process request number `i` goes to (they alternate). */
  url(i: number) {
    return this.target.urls[i % this.target.urls.length]!;
  }

  /** `person`'s browser on the process of request `i` (signed in once, on the first process). */
  async as(person: Person, i = 0): Promise<HttpClient> {
    let cookies = this.cookies.get(person.email);
    if (!cookies) {
      const first = new HttpClient(this.url(0));
      await first.signIn(person.email, FACTORY_PASSWORD);
      cookies = first.cookies;
      this.cookies.set(person.email, cookies);
    }
    const client = new HttpClient(this.url(i));
    for (const [k, v] of cookies) client.cookies.set(k, v);
    return client;
  }

  /** Signs everyone in before a race (so that the race is only the conflicting requests). */
  async signIn(...people: Person[]) {
    await Promise.all(people.map((p) => this.as(p)));
  }

  /** `person`'s sockets, one per process, connected with their session. */
  async live(person: Person): Promise<LiveClient[]> {
    const http = await this.as(person);
    return Promise.all(
      this.target.urls.map((url) => {
        const client = new LiveClient(url, person.email);
        for (const [k, v] of http.cookies) client.http.cookies.set(k, v);
        this.sockets.push(client);
        return client.connect();
      }),
    );
  }

  /**
   * Sends the requests at once (request `i` to process `i`, alternating) and reads every answer.
   * A dropped connection fails the scenario; so does a 5xx.
   */
  async http(requests: Array<(i: number) => Promise<Response>>): Promise<Answer[]> {
    const answers = await Promise.all(
      requests.map(async (send, i) => {
        const response = await send(i).catch((error: unknown) => {
          throw new Error(`request ${i} got no answer (${String(error)})`, { cause: error });
        });
        return {
          status: response.status,
          location: response.headers.get("location") ?? "",
          text: (await pageText(response)).replace(/<script[\s\S]*?<\/script>/g, ""),
        };
      }),
    );
    for (const answer of answers)
      expect(answer.status, `a server error:\n${this.target.logs().slice(-4000)}`).toBeLessThan(
        500,
      );
    return answers;
  }

  /** `count` times the same form by `person` (`key`: one submission key for all, else one each). */
  post(
    person: Person,
    path: string,
    form: Record<string, string | string[]>,
    options: { count?: number; key?: "same" | "each" } = {},
  ) {
    const same = submissionKey();
    const requests = Array.from({ length: options.count ?? AT_ONCE }, () => {
      const key = options.key === "same" ? same : submissionKey();
      return async (i: number) =>
        (await this.as(person, i)).post(path, { ...form, _submission: key });
    });
    return requests;
  }

  /** Sends the socket events at once; a server error (or no acknowledgement) fails the scenario. */
  async emit<T>(events: Array<() => Promise<Reply<T>>>): Promise<Array<Reply<T>>> {
    const replies = await Promise.all(events.map((send) => send()));
    for (const reply of replies) {
      if (!reply.ok)
        expect(reply.error.code, `a server error:\n${this.target.logs().slice(-4000)}`).not.toBe(
          "server_error",
        );
    }
    return replies;
  }

  /** The stored data, after checking every invariant on it. */
  async check(): Promise<StoreDocument> {
    const data = await storeSnapshot(this.target.store);
    expect(checkInvariants(data)).toEqual([]);
    return data;
  }

  outbox() {
    return outboxMessages(this.target.store);
  }

  audit(programId: string) {
    return auditTrail(this.target.store, programId);
  }

  close() {
    for (const socket of this.sockets) socket.close();
  }
}

/** The text a person reads in a page's main content (for failure messages). */
function readable(html: string) {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 1500);
}

/**
 * Each answer is one of `allowed`; returns how many answers matched each (in order, an answer
 * counting for the first it matches).
 */
export function tally(answers: Answer[], ...allowed: Expected[]): number[] {
  const counts = allowed.map(() => 0);
  for (const answer of answers) {
    const index = allowed.findIndex(
      (e) =>
        e.status === answer.status &&
        (e.text === undefined || answer.text.includes(e.text)) &&
        (e.location === undefined || answer.location === e.location),
    );
    expect(
      index,
      `unexpected answer ${answer.status} ${answer.location}: ${readable(answer.text)}`,
    ).toBeGreaterThanOrEqual(0);
    counts[index]! += 1;
  }
  return counts;
}

/** Socket acknowledgements: how many succeeded, and that every refusal says `message`. */
export function tallyReplies(replies: Array<Reply<unknown>>, message?: string) {
  let ok = 0;
  for (const reply of replies) {
    if (reply.ok) ok += 1;
    else expect(reply.error.message, "an unexpected refusal").toBe(message);
  }
  return { ok, refused: replies.length - ok };
}

/** Same status, same redirect: the answers a repeat of one submission gets. */
export function expectSameAnswer(answers: Answer[]) {
  const first = answers[0]!;
  for (const a of answers) expect([a.status, a.location]).toEqual([first.status, first.location]);
}

const ofProgram = <T extends { programId?: string }>(rows: T[], program: ProgramRef) =>
  rows.filter((r) => r.programId === program.id);

/** In-app notices of `kind` per person (by e-mail), and the e-mails of that kind to them. */
async function notices(race: Race, data: StoreDocument, program: ProgramRef, kind: string) {
  const emailOf = new Map(data.users.map((u) => [u.id, u.email]));
  const count = (emails: string[]) => {
    const out: Record<string, number> = {};
    for (const e of emails) out[e] = (out[e] ?? 0) + 1;
    return out;
  };
  const inApp = ofProgram(data.notifications, program)
    .filter((n) => n.kind === kind)
    .map((n) => emailOf.get(n.userId) ?? n.userId);
  const mails = ofProgram(await race.outbox(), program)
    .filter((m) => m.kind === kind)
    .map((m) => m.to);
  return { inApp: count(inApp), mails: count(mails) };
}

/** Exactly one notice and one e-mail of `kind` for each of `people`, and none for anybody else. */
async function expectOneNoticeEach(
  race: Race,
  data: StoreDocument,
  program: ProgramRef,
  kind: string,
  people: Array<{ email: string }>,
) {
  const once = Object.fromEntries(people.map((p) => [p.email, 1]));
  expect(await notices(race, data, program, kind)).toEqual({ inApp: once, mails: once });
}

export interface Scenario {
  name: string;
  /** The invariants the scenario races (every invariant a person can race is in some scenario). */
  invariants: InvariantName[];
  /** Adds the scenario's people and data to the document; returns the race itself. */
  build(f: Factory): (race: Race) => Promise<void>;
}

const groupsPath = (program: ProgramRef) => `/programs/${program.id}/groups`;
const groupPath = (group: GroupRef) => `/programs/${group.programId}/groups/${group.id}`;
const formationPath = (program: ProgramRef) => `/programs/${program.id}/formation`;

/** A program, one mentor and two mentees. */
function triad(f: Factory) {
  const program = f.program();
  const mentor = f.person(program, "mentor");
  const [a, b] = [f.person(program, "mentee"), f.person(program, "mentee")];
  return { program, mentor, a, b };
}

/** The last member of a proposal accepts AT_ONCE times: one group, one notice and e-mail each. */
function lastAcceptance(key: "same" | "each"): Scenario {
  return {
    name: `the last member accepts a proposal ${AT_ONCE} times at once (${key === "same" ? "one submission resent" : "from several tabs"})`,
    invariants: ["one-group-per-source", "one-active-group", "seats-match-groups"],
    build(f) {
      const { program, mentor, a, b } = triad(f);
      const proposalId = f.proposal(program, mentor, [a, b], { accepted: [a] });
      return async (race) => {
        await race.signIn(b);
        const answers = await race.http(
          race.post(b, groupsPath(program), { intent: "accept", proposalId }, { key }),
        );
        tally(answers, { status: 200 });
        if (key === "same") expectSameAnswer(answers);
        const data = await race.check();
        const groups = ofProgram(data.groups, program);
        expect(groups.map((g) => [g.sourceKey, g.memberIds])).toEqual([
          [`proposal:${proposalId}`, [mentor, a, b].map((p) => p.participantId).sort()],
        ]);
        expect(ofProgram(data.memberships, program)).toHaveLength(3);
        const proposal = data.groupProposals.find((p) => p.id === proposalId)!;
        expect([proposal.status, proposal.groupId]).toEqual(["formed", groups[0]!.id]);
        await expectOneNoticeEach(race, data, program, "groupFormed", [mentor, a, b]);
        await expectOneNoticeEach(race, data, program, "selfGroupFormed", program.coordinators);
      };
    },
  };
}

export const SCENARIOS: Scenario[] = [
  lastAcceptance("same"),
  lastAcceptance("each"),

  {
    name: `${AT_ONCE} mentors propose a group to the same two people at once`,
    invariants: ["one-pending-proposal"],
    build(f) {
      const program = f.program();
      const [a, b] = f.people(program, "mentee", 2);
      const mentors = f.people(program, "mentor", AT_ONCE);
      return async (race) => {
        await race.signIn(...mentors);
        const answers = await race.http(
          mentors.map(
            (mentor) => async (i) =>
              (await race.as(mentor, i)).post(groupsPath(program), {
                intent: "propose",
                first: a!.participantId,
                second: b!.participantId,
                _submission: submissionKey(),
              }),
          ),
        );
        const [proposed, refused] = tally(
          answers,
          { status: 200, text: fr("groups.proposedOk") },
          {
            status: 409,
            text: fr("groups.violations.pending-proposal", { names: names(a!, b!) }),
          },
        );
        expect([proposed, refused]).toEqual([1, AT_ONCE - 1]);
        const data = await race.check();
        const pending = ofProgram(data.groupProposals, program);
        expect(pending.map((p) => p.status)).toEqual(["pending"]);
        await expectOneNoticeEach(race, data, program, "proposalReceived", [a!, b!]);
      };
    },
  },

  {
    name: "the last acceptance races the proposer's withdrawal and a new proposal naming the same person",
    invariants: ["one-active-group", "one-pending-proposal", "one-group-per-source"],
    build(f) {
      const { program, mentor, a, b } = triad(f);
      const other = f.person(program, "mentor");
      const c = f.person(program, "mentee");
      const proposalId = f.proposal(program, mentor, [a, b], { accepted: [a] });
      return async (race) => {
        await race.signIn(b, mentor, other);
        const kinds = [
          "accept",
          "withdraw",
          "propose",
          "accept",
          "withdraw",
          "propose",
          "accept",
          "withdraw",
        ];
        const answers = await race.http(
          kinds.map((kind) => async (i) => {
            if (kind === "propose")
              return (await race.as(other, i)).post(groupsPath(program), {
                intent: "propose",
                first: b.participantId,
                second: c.participantId,
                _submission: submissionKey(),
              });
            return (await race.as(kind === "accept" ? b : mentor, i)).post(groupsPath(program), {
              intent: kind,
              proposalId,
              _submission: submissionKey(),
            });
          }),
        );
        const data = await race.check();
        const proposal = data.groupProposals.find((p) => p.id === proposalId)!;
        const groups = ofProgram(data.groups, program);
        const newProposals = ofProgram(data.groupProposals, program).filter(
          (p) => p.id !== proposalId,
        );
        const answersOf = (kind: string) => answers.filter((_, i) => kinds[i] === kind);
        expect(newProposals.map((p) => p.status)).toEqual(newProposals.length ? ["pending"] : []);
        if (proposal.status === "formed") {
          // The acceptance came first: the group formed, the withdrawal and the new proposal
          // were refused (the person is in a group now, or was still in the pending proposal).
          expect(groups.map((g) => g.sourceKey)).toEqual([`proposal:${proposalId}`]);
          tally(answersOf("accept"), { status: 200 });
          tally(answersOf("withdraw"), {
            status: 409,
            text: fr("groups.violations.proposal-formed"),
          });
          tally(
            answersOf("propose"),
            { status: 409, text: fr("groups.violations.placed-twice", { names: b.name }) },
            { status: 409, text: fr("groups.violations.pending-proposal", { names: b.name }) },
          );
          expect(newProposals).toEqual([]);
          await expectOneNoticeEach(race, data, program, "groupFormed", [mentor, a, b]);
        } else {
          // The withdrawal came first: no group, every acceptance refused; the new proposal
          // holds the person if it came after the withdrawal.
          expect(proposal.status).toBe("withdrawn");
          expect(groups).toEqual([]);
          tally(answersOf("accept"), {
            status: 409,
            text: fr("groups.violations.proposal-withdrawn"),
          });
          tally(answersOf("withdraw"), { status: 200 });
          const [proposed] = tally(
            answersOf("propose"),
            { status: 200, text: fr("groups.proposedOk") },
            { status: 409, text: frStart("groups.violations.pending-proposal") },
          );
          expect(newProposals).toHaveLength(proposed!);
          expect(
            ofProgram(data.notifications, program).filter((n) => n.kind === "groupFormed"),
          ).toEqual([]);
        }
      };
    },
  },

  {
    name: `a coordinator approves the same proposed group ${AT_ONCE} times at once`,
    invariants: ["one-group-per-source", "seats-match-groups"],
    build(f) {
      const { program, mentor, a, b } = triad(f);
      const run = f.solverRun(program, [[mentor, a, b]]);
      const coordinator = program.coordinators[0]!;
      return async (race) => {
        await race.signIn(coordinator);
        const answers = await race.http(
          race.post(coordinator, formationPath(program), {
            intent: "approve",
            runId: run.id,
            groupId: run.groupIds[0]!,
          }),
        );
        tally(answers, { status: 200 });
        const data = await race.check();
        const groups = ofProgram(data.groups, program);
        expect(groups.map((g) => g.sourceKey)).toEqual([`run:${run.id}:g1`]);
        const decided = data.solverRuns.find((r) => r.id === run.id)!.groups[0]!;
        expect([decided.decision, decided.groupId]).toEqual(["approved", groups[0]!.id]);
        await expectOneNoticeEach(race, data, program, "groupFormed", [mentor, a, b]);
        const audit = (await race.audit(program.id)).map((e) => e.action);
        expect(audit).toEqual(["group-approved"]);
      };
    },
  },

  {
    name: "two coordinators approve, at once, two proposed groups and a self-formed group that share a person",
    invariants: ["one-active-group", "seats-match-groups", "one-group-per-source"],
    build(f) {
      const program = f.program({ coordinators: 2, selfFormedApproval: "required" });
      const shared = f.person(program, "mentee");
      const [m1, m2, m3] = f.people(program, "mentor", 3);
      const [b, c, d] = f.people(program, "mentee", 3);
      const run = f.solverRun(program, [
        [m1!, shared, b!],
        [m2!, shared, c!],
      ]);
      const proposalId = f.proposal(program, m3!, [shared, d!], {
        accepted: [shared, d!],
        status: "awaiting-approval",
      });
      const [first, second] = program.coordinators as [Person, Person];
      return async (race) => {
        await race.signIn(first, second);
        const decisions: Array<[Person, Record<string, string>]> = [
          [first, { intent: "approve", runId: run.id, groupId: "g1" }],
          [second, { intent: "approve", runId: run.id, groupId: "g2" }],
          [first, { intent: "self-approve", proposalId }],
          [second, { intent: "approve", runId: run.id, groupId: "g1" }],
          [first, { intent: "approve", runId: run.id, groupId: "g2" }],
          [second, { intent: "self-approve", proposalId }],
          [first, { intent: "approve", runId: run.id, groupId: "g1" }],
          [second, { intent: "approve", runId: run.id, groupId: "g2" }],
        ];
        const answers = await race.http(
          decisions.map(
            ([who, form]) =>
              async (i) =>
                (await race.as(who, i)).post(formationPath(program), {
                  ...form,
                  _submission: submissionKey(),
                }),
          ),
        );
        const data = await race.check();
        const groups = ofProgram(data.groups, program);
        expect(groups).toHaveLength(1);
        const winner = groups[0]!.sourceKey!;
        const sourceOf = ([, form]: [Person, Record<string, string>]) =>
          form.proposalId ? `proposal:${form.proposalId}` : `run:${run.id}:${form.groupId}`;
        answers.forEach((answer, i) => {
          if (sourceOf(decisions[i]!) === winner) tally([answer], { status: 200 });
          else
            tally([answer], {
              status: 409,
              text: fr("groups.violations.placed-twice", { names: shared.name }),
            });
        });
        const members = data.participants.filter((p) => groups[0]!.memberIds.includes(p.id));
        const emails = members.map((p) => data.users.find((u) => u.id === p.userId)!);
        await expectOneNoticeEach(race, data, program, "groupFormed", emails);
        const audit = (await race.audit(program.id)).map((e) => e.action);
        expect(audit).toEqual([
          winner.startsWith("proposal:") ? "self-group-approved" : "group-approved",
        ]);
      };
    },
  },

  {
    name: `a coordinator swaps the same two people between proposed groups ${AT_ONCE} times at once`,
    invariants: ["one-group-per-source"],
    build(f) {
      const program = f.program();
      const [m1, m2] = f.people(program, "mentor", 2);
      const [a, b, c, d] = f.people(program, "mentee", 4);
      const run = f.solverRun(program, [
        [m1!, a!, b!],
        [m2!, c!, d!],
      ]);
      const coordinator = program.coordinators[0]!;
      return async (race) => {
        await race.signIn(coordinator);
        const answers = await race.http(
          race.post(coordinator, formationPath(program), {
            intent: "change",
            runId: run.id,
            groupId: "g1",
            outId: a!.participantId,
            inId: c!.participantId,
          }),
        );
        const [changed, refused] = tally(
          answers,
          { status: 200 },
          { status: 409, text: fr("groups.violations.not-in-group") },
        );
        expect([changed, refused]).toEqual([1, AT_ONCE - 1]);
        const data = await race.check();
        const proposed = data.solverRuns.find((r) => r.id === run.id)!.groups;
        expect(proposed.map((g) => [...g.memberIds].sort())).toEqual([
          [m1!, c!, b!].map((p) => p.participantId).sort(),
          [m2!, a!, d!].map((p) => p.participantId).sort(),
        ]);
        expect((await race.audit(program.id)).map((e) => e.action)).toEqual(["members-swapped"]);
      };
    },
  },

  {
    name: `a coordinator adds the same pair rule ${AT_ONCE} times at once`,
    invariants: [],
    build(f) {
      const program = f.program();
      const [a, b] = f.people(program, "mentee", 2);
      const coordinator = program.coordinators[0]!;
      return async (race) => {
        await race.signIn(coordinator);
        const answers = await race.http(
          race.post(coordinator, formationPath(program), {
            intent: "pair-add",
            kind: "forbid",
            a: a!.participantId,
            b: b!.participantId,
          }),
        );
        tally(answers, { status: 200 });
        const data = await race.check();
        expect(data.programs.find((p) => p.id === program.id)!.forbids).toEqual([
          [a!.participantId, b!.participantId],
        ]);
        expect((await race.audit(program.id)).map((e) => e.action)).toEqual(["forbid-added"]);
      };
    },
  },

  {
    name: `a coordinator starts the solver ${AT_ONCE} times at once`,
    invariants: ["solver-one-run"],
    build(f) {
      const { program } = triad(f);
      f.person(program, "mentor");
      f.people(program, "mentee", 2);
      const coordinator = program.coordinators[0]!;
      return async (race) => {
        await race.signIn(coordinator);
        const answers = await race.http(
          race.post(coordinator, formationPath(program), { intent: "solve" }),
        );
        const [started, busy] = tally(
          answers,
          { status: 200 },
          { status: 409, text: fr("formation.busy") },
        );
        expect(started! + busy!).toBe(AT_ONCE);
        await race.check();
        // The run finishes (the solver really runs, on a tiny instance).
        const runs = async () =>
          ofProgram((await storeSnapshot(race.target.store)).solverRuns, program);
        await expect
          .poll(async () => (await runs()).every((r) => r.status === "done"), {
            timeout: 30_000,
            interval: 200,
          })
          .toBe(true);
        // One run for the requests that found none running. A request handled after the run had
        // already finished may rightly start another one (a tiny instance solves in well under a
        // second): then the runs followed each other, never overlapping.
        const done = (await runs()).sort((x, y) => x.startedAt.localeCompare(y.startedAt));
        expect(done).toHaveLength(started!);
        for (let n = 1; n < done.length; n++)
          expect(done[n]!.startedAt >= done[n - 1]!.finishedAt!).toBe(true);
        const audit = (await race.audit(program.id)).map((e) => e.action);
        expect(audit).toEqual(done.map(() => "solve-started"));
      };
    },
  },

  {
    name: `one person uses an invitation link ${AT_ONCE} times at once`,
    invariants: ["invitation-once"],
    build(f) {
      const program = f.program();
      const token = f.invitation(program);
      const person = f.outsider();
      return async (race) => {
        await race.signIn(person);
        const answers = await race.http(
          race.post(person, `/invitation/${token}`, {
            organization: `Organisme de ${person.name}`,
            sector: "Épicerie solidaire",
            region: "05",
            mrc: "30",
          }),
        );
        tally(answers, { status: 302, location: `/programs/${program.id}/profile` });
        const data = await race.check();
        expect(ofProgram(data.participants, program).map((p) => p.userId)).toEqual([person.userId]);
        expect(
          data.organizations.filter((o) => o.name === `Organisme de ${person.name}`),
        ).toHaveLength(1);
      };
    },
  },

  {
    name: `${AT_ONCE} people use the same invitation link at once`,
    invariants: ["invitation-once"],
    build(f) {
      const program = f.program();
      const token = f.invitation(program);
      const people = Array.from({ length: AT_ONCE }, () => f.outsider());
      return async (race) => {
        await race.signIn(...people);
        const answers = await race.http(
          people.map(
            (person, n) => async (i) =>
              (await race.as(person, i)).post(`/invitation/${token}`, {
                organization: `Organisme ${n} de ${person.name}`,
                sector: "",
                region: "05",
                mrc: "30",
                _submission: submissionKey(),
              }),
          ),
        );
        const [joined, used] = tally(
          answers,
          { status: 302, location: `/programs/${program.id}/profile` },
          { status: 400, text: fr("invitations.join.used") },
        );
        expect([joined, used]).toEqual([1, AT_ONCE - 1]);
        const data = await race.check();
        const participants = ofProgram(data.participants, program);
        expect(participants).toHaveLength(1);
        const invitation = data.invitations.find((i) => i.programId === program.id)!;
        expect(invitation.usedBy).toBe(participants[0]!.userId);
      };
    },
  },

  {
    name: `a coordinator accepts the same application ${AT_ONCE} times at once`,
    invariants: ["invitation-once"],
    build(f) {
      const program = f.program();
      const applicationId = f.application(program);
      const coordinator = program.coordinators[0]!;
      return async (race) => {
        await race.signIn(coordinator);
        const answers = await race.http(
          race.post(coordinator, `/programs/${program.id}/applications/${applicationId}`, {
            intent: "decide",
            status: "accepted",
            reason: "Un projet qui répond au thème.",
          }),
        );
        tally(answers, { status: 200 });
        const data = await race.check();
        expect(data.invitations.filter((i) => i.applicationId === applicationId)).toHaveLength(1);
        const mails = ofProgram(await race.outbox(), program);
        expect(mails.map((m) => m.kind)).toEqual(["application-accepted"]);
      };
    },
  },

  {
    name: `a participant rates the same partner of the same round ${AT_ONCE} times at once (sockets)`,
    invariants: ["rating-once"],
    build(f) {
      const program = f.program();
      const [a, b] = f.people(program, "mentee", 2);
      const eventId = f.event(program, [[a!, b!]]);
      return async (race) => {
        const sockets = await race.live(a!);
        for (const socket of sockets) await socket.join(eventId);
        const answers = ["yes", "maybe", "no", "yes", "maybe", "no", "yes", "yes"];
        const replies = await race.emit(
          answers.map(
            (answer, i) => () =>
              sockets[i % sockets.length]!.emit("rating:submit", {
                eventId,
                round: 1,
                toParticipantId: b!.participantId,
                answer,
                note: `Réponse ${i}`,
              }),
          ),
        );
        expect(tallyReplies(replies).ok).toBe(AT_ONCE);
        const data = await race.check();
        const ratings = data.ratings.filter((r) => r.eventId === eventId);
        expect(ratings.map((r) => [r.fromParticipantId, r.toParticipantId, r.round])).toEqual([
          [a!.participantId, b!.participantId, 1],
        ]);
      };
    },
  },

  {
    name: `the coordinator skips a live event's round ${AT_ONCE} times at once (sockets)`,
    invariants: ["event-one-clock"],
    build(f) {
      const program = f.program();
      const [a, b, c, d] = f.people(program, "mentee", 4);
      const eventId = f.event(program, [
        [a!, b!],
        [c!, d!],
      ]);
      const coordinator = program.coordinators[0]!;
      return async (race) => {
        const sockets = await race.live(coordinator);
        const views = [];
        for (const socket of sockets) views.push(await socket.join(eventId));
        const seen = (views[0] as unknown as { version: number }).version;
        const replies = await race.emit(
          Array.from(
            { length: AT_ONCE },
            (_, i) => () =>
              sockets[i % sockets.length]!.emit<{ currentRound: number }>("console:command", {
                eventId,
                command: "skip",
                revision: seen,
              }),
          ),
        );
        expect(tallyReplies(replies, fr("errors.live.notNow"))).toEqual({
          ok: 1,
          refused: AT_ONCE - 1,
        });
        const data = await race.check();
        const event = data.events.find((e) => e.id === eventId)!;
        expect([event.status, event.currentRound, event.revision]).toEqual([
          "running",
          2,
          seen + 1,
        ]);
      };
    },
  },

  {
    name: `the facilitator moves a co-development session to the next step ${AT_ONCE} times at once (sockets)`,
    invariants: ["codev-one-state"],
    build(f) {
      const program = f.program({ composition: "co-development" });
      const group = f.group(program, f.people(program, "peer", 3));
      const session = f.codevSession(group, { step: 2 });
      return async (race) => {
        const sockets = await race.live(session.facilitator);
        const replies = await race.emit(
          Array.from(
            { length: AT_ONCE },
            (_, i) => () =>
              sockets[i % sockets.length]!.emit("codev:command", {
                sessionId: session.id,
                command: "next",
                step: 2,
              }),
          ),
        );
        expect(tallyReplies(replies, fr("errors.live.codevNotNow"))).toEqual({
          ok: 1,
          refused: AT_ONCE - 1,
        });
        const data = await race.check();
        const stored = data.codevSessions.find((s) => s.id === session.id)!;
        expect([stored.currentStep, stored.version]).toEqual([3, 1]);
      };
    },
  },

  {
    name: `members prepare a co-development session for the same meeting ${AT_ONCE} times at once`,
    invariants: ["codev-one-state"],
    build(f) {
      const program = f.program({ composition: "co-development" });
      const members = f.people(program, "peer", 3);
      const group = f.group(program, members);
      const meetingId = f.meeting(group, 7 * 24 * 3_600_000);
      return async (race) => {
        await race.signIn(...members);
        const [client, facilitator, scribe] = group.memberIds;
        const form = {
          intent: "create",
          clientId: client!,
          facilitatorId: facilitator!,
          scribeId: scribe!,
          meetingId,
          ...Object.fromEntries(Array.from({ length: 7 }, (_, s) => [`minutes${s}`, "15"])),
        };
        const answers = await race.http(
          Array.from(
            { length: AT_ONCE },
            (_, n) => async (i: number) =>
              (await race.as(members[n % 3]!, i)).post(`${groupPath(group)}/codev`, {
                ...form,
                _submission: submissionKey(),
              }),
          ),
        );
        const [created, taken] = tally(
          answers,
          { status: 302 },
          { status: 400, text: fr("errors.codevMeetingTaken") },
        );
        expect([created, taken]).toEqual([1, AT_ONCE - 1]);
        const data = await race.check();
        const sessions = data.codevSessions.filter((s) => s.groupId === group.id);
        expect(sessions.map((s) => [s.meetingId, s.number])).toEqual([[meetingId, 1]]);
      };
    },
  },

  {
    name: `members mark the same meeting held ${AT_ONCE} times at once`,
    invariants: ["meeting-hours-once"],
    build(f) {
      const program = f.program();
      const members = [f.person(program, "mentor"), ...f.people(program, "mentee", 2)];
      const group = f.group(program, members);
      const meetingId = f.meeting(group, -2 * 3_600_000, 90);
      return async (race) => {
        await race.signIn(...members);
        const answers = await race.http(
          Array.from(
            { length: AT_ONCE },
            (_, n) => async (i: number) =>
              (await race.as(members[n % 3]!, i)).post(
                `${groupPath(group)}/meetings/${meetingId}`,
                {
                  intent: "status",
                  status: "held",
                  reason: "",
                  presentIds: group.memberIds,
                  _submission: submissionKey(),
                },
              ),
          ),
        );
        tally(answers, { status: 200 });
        const data = await race.check();
        const lines = data.hourEntries.filter((e) => e.groupId === group.id);
        expect(lines.map((l) => [l.meetingId, l.participantId, l.hours]).sort()).toEqual(
          group.memberIds.map((id) => [meetingId, id, 1.5]),
        );
      };
    },
  },

  {
    name: "a co-development session ends while members mark its meeting held, at once (sockets and pages)",
    invariants: ["meeting-hours-once", "codev-one-state"],
    build(f) {
      const program = f.program({ composition: "co-development" });
      const members = f.people(program, "peer", 3);
      const group = f.group(program, members);
      const meetingId = f.meeting(group, -3_600_000, 120);
      const session = f.codevSession(group, { step: 6, meetingId });
      return async (race) => {
        await race.signIn(...members);
        const sockets = await race.live(session.facilitator);
        const [replies, answers] = await Promise.all([
          race.emit(
            Array.from(
              { length: AT_ONCE / 2 },
              (_, i) => () =>
                sockets[i % sockets.length]!.emit("codev:command", {
                  sessionId: session.id,
                  command: "end",
                  step: 6,
                }),
            ),
          ),
          race.http(
            Array.from(
              { length: AT_ONCE / 2 },
              (_, n) => async (i: number) =>
                (await race.as(members[n % 3]!, i + 1)).post(
                  `${groupPath(group)}/meetings/${meetingId}`,
                  {
                    intent: "status",
                    status: "held",
                    reason: "",
                    presentIds: group.memberIds,
                    _submission: submissionKey(),
                  },
                ),
            ),
          ),
        ]);
        expect(tallyReplies(replies, fr("errors.live.codevNotNow"))).toEqual({
          ok: 1,
          refused: AT_ONCE / 2 - 1,
        });
        tally(answers, { status: 200 });
        const data = await race.check();
        const stored = data.codevSessions.find((s) => s.id === session.id)!;
        expect(stored.status).toBe("ended");
        expect(data.meetings.find((m) => m.id === meetingId)!.status).toBe("held");
        // Counted once, from the session held in the meeting: one line per person present.
        const lines = data.hourEntries.filter((e) => e.groupId === group.id);
        expect(lines.map((l) => [l.meetingId, l.codevSessionId, l.participantId]).sort()).toEqual(
          group.memberIds.map((id) => [meetingId, session.id, id]),
        );
      };
    },
  },

  {
    name: `a member accepts the same agreement version ${AT_ONCE} times at once, then again from a stale tab`,
    invariants: ["agreement-once"],
    build(f) {
      const { program, mentor, a, b } = triad(f);
      const group = f.group(program, [mentor, a, b]);
      const agreementId = f.agreement(group, mentor);
      return async (race) => {
        await race.signIn(a);
        const accept = () =>
          race.post(a, `${groupPath(group)}/agreement`, { intent: "accept", version: "1" });
        tally(await race.http(await accept()), {
          status: 200,
          text: fr("agreement.accepted"),
        });
        const first = await race.check();
        const acceptance = (data: StoreDocument) =>
          data.agreements.filter((x) => x.groupId === group.id).map((x) => [x.id, x.acceptances]);
        const acceptedAt = first.agreements.find((x) => x.id === agreementId)!.acceptances[
          a.participantId
        ];
        expect(acceptance(first)).toEqual([
          [
            agreementId,
            { [mentor.participantId]: expect.any(String), [a.participantId]: acceptedAt },
          ],
        ]);
        // Accepted once: a later repeat (another tab) changes nothing, not even the date.
        tally(await race.http(await accept()), { status: 200 });
        expect(acceptance(await race.check())).toEqual(acceptance(first));
      };
    },
  },

  {
    name: `a member saves the agreement ${AT_ONCE} times at once (one submission resent, then several tabs)`,
    invariants: ["agreement-once"],
    build(f) {
      const { program, mentor, a, b } = triad(f);
      const group = f.group(program, [mentor, a, b]);
      f.agreement(group, mentor);
      return async (race) => {
        await race.signIn(b);
        const points = {
          intent: "save",
          responsibilities: "Chacun anime à tour de rôle.",
          objectives: "Une grille commune.",
          referencePersons: "Les trois membres.",
          period: "De janvier à juin.",
          meetings: "Deux heures par mois.",
          communication: "Un courriel par semaine.",
        };
        const path = `${groupPath(group)}/agreement`;
        const resent = await race.http(race.post(b, path, points, { key: "same" }));
        tally(resent, { status: 200, text: fr("agreement.saved") });
        expectSameAnswer(resent);
        const versions = async () =>
          (await race.check()).agreements
            .filter((x) => x.groupId === group.id)
            .map((x) => x.version)
            .sort((x, y) => x - y);
        expect(await versions()).toEqual([1, 2]);
        // Several tabs are several submissions: each a new version, each numbered once.
        tally(await race.http(race.post(b, path, points)), {
          status: 200,
          text: fr("agreement.saved"),
        });
        expect(await versions()).toEqual(Array.from({ length: AT_ONCE + 2 }, (_, i) => i + 1));
      };
    },
  },

  {
    name: `a member answers a questionnaire ${AT_ONCE} times at once`,
    invariants: ["evaluation-once"],
    build(f) {
      const { program, mentor, a, b } = triad(f);
      f.group(program, [mentor, a, b]);
      const evaluationId = f.evaluation(program);
      return async (race) => {
        await race.signIn(a);
        const answers = await race.http(
          race.post(a, `/programs/${program.id}/evaluations/${evaluationId}`, {
            appreciation: "4",
            successFactors: "La régularité des rencontres.",
            difficulties: "",
            comment: "",
          }),
        );
        tally(answers, { status: 200, text: fr("evaluations.saved") });
        const data = await race.check();
        expect(
          data.evaluationResponses
            .filter((r) => r.evaluationId === evaluationId)
            .map((r) => r.participantId),
        ).toEqual([a.participantId]);
      };
    },
  },

  {
    name: `${AT_ONCE} sign-ups with the same e-mail address at once, then their links at once`,
    invariants: [],
    build(f) {
      const email = `${f.prefix}-inscription@courses.exemple.org`;
      return async (race) => {
        const answers = await race.http(
          Array.from(
            { length: AT_ONCE },
            (_, n) => (i: number) =>
              new HttpClient(race.url(i)).post("/signup", {
                name: `Personne inscrite ${n}`,
                email,
                password: "un-mot-de-passe-assez-long",
                consent: "on",
                redirectTo: "/dashboard",
                _submission: submissionKey(),
              }),
          ),
        );
        // Each gets "check your e-mail" and its own activation link (ADR 0029)…
        tally(answers, { status: 302, location: "/signup?sent" });
        const links = (await race.outbox())
          .filter((m) => m.kind === "signUpConfirm" && m.to === email)
          .map((m) => /\/signup\?confirm=[\w-]+/.exec(m.text)![0]);
        expect(links).toHaveLength(AT_ONCE);
        // …and following them all at once makes one account.
        const activations = await race.http(
          links.map(
            (link) => (i: number) =>
              new HttpClient(race.url(i)).post(link, {
                intent: "confirm",
                _submission: submissionKey(),
              }),
          ),
        );
        const [created, used] = tally(
          activations,
          { status: 302, location: "/dashboard" },
          { status: 400, text: fr("auth.signUp.link.used") },
        );
        expect([created, used]).toEqual([1, AT_ONCE - 1]);
        const data = await race.check();
        expect(data.users.filter((u) => u.email === email)).toHaveLength(1);
      };
    },
  },

  {
    name: `a member asks ${AT_ONCE} times at once to share a tool with the program`,
    invariants: [],
    build(f) {
      const { program, mentor, a, b } = triad(f);
      const group = f.group(program, [mentor, a, b]);
      const toolId = f.tool(group, mentor);
      return async (race) => {
        await race.signIn(a);
        const answers = await race.http(
          race.post(a, `${groupPath(group)}/tools`, { intent: "share", toolId }),
        );
        tally(answers, { status: 200, text: fr("tools.done.requested") });
        const data = await race.check();
        const tool = data.tools.find((t) => t.id === toolId)!;
        expect([tool.shareRequest?.by, tool.shareRequest?.status]).toEqual([
          a.participantId,
          "pending",
        ]);
        await expectOneNoticeEach(race, data, program, "toolShareRequest", [mentor]);
      };
    },
  },

  {
    name: `a member logs hours: one submission resent ${AT_ONCE} times is one line, ${AT_ONCE} tabs are ${AT_ONCE} lines`,
    invariants: [],
    build(f) {
      const { program, mentor, a, b } = triad(f);
      const group = f.group(program, [mentor, a, b]);
      return async (race) => {
        await race.signIn(a);
        const path = `${groupPath(group)}/hours`;
        const entry = (note: string) => ({
          intent: "add",
          kind: "preparation",
          hours: "1,5",
          date: "2027-01-15",
          note,
        });
        const lines = async (note: string) =>
          (await race.check()).hourEntries.filter((e) => e.groupId === group.id && e.note === note);
        const resent = await race.http(race.post(a, path, entry("Une fois"), { key: "same" }));
        tally(resent, { status: 200 });
        expectSameAnswer(resent);
        expect(await lines("Une fois")).toHaveLength(1);
        // The key is what makes a repeat one submission: different keys are different entries.
        tally(await race.http(race.post(a, path, entry("Chaque onglet"))), { status: 200 });
        expect(await lines("Chaque onglet")).toHaveLength(AT_ONCE);
      };
    },
  },

  {
    name: `two coordinators withdraw an invitation while the invited person accepts it, ${AT_ONCE} requests at once`,
    invariants: ["program-has-coordinator", "co-coordination-once"],
    build(f) {
      const program = f.program({ coordinators: 2 });
      const invited = f.outsider();
      const { id, token } = f.coordinatorInvitation(program, invited);
      return async (race) => {
        const [first, second] = program.coordinators as [Person, Person];
        await race.signIn(first, second, invited);
        const path = `/programs/${program.id}/coordinators`;
        const answers = await race.http(
          Array.from({ length: AT_ONCE }, (_, n) => async (i: number) => {
            const form = { _submission: submissionKey() };
            if (n % 2 === 0)
              return (await race.as(invited, i)).post(`/co-coordination/${token}`, {
                ...form,
                intent: "accept",
              });
            const coordinator = n % 4 === 1 ? first : second;
            return (await race.as(coordinator, i)).post(path, {
              ...form,
              intent: "withdraw",
              invitationId: id,
            });
          }),
        );
        const accepts = answers.filter((_, n) => n % 2 === 0);
        const withdrawals = answers.filter((_, n) => n % 2 === 1);
        const [withdrawn, acceptedMeanwhile] = tally(
          withdrawals,
          { status: 200, text: fr("coCoordinators.withdrawn", { email: invited.email }) },
          {
            status: 409,
            text: fr("coCoordinators.errors.accepted-meanwhile", { email: invited.email }),
          },
        );
        const [joined, refused] = tally(
          accepts,
          { status: 302, location: path },
          { status: 400, text: fr("coCoordinators.errors.withdrawn") },
        );
        const data = await race.check();
        const invitation = data.coordinatorInvitations.find((c) => c.id === id)!;
        const coordinatorIds = data.programs.find((p) => p.id === program.id)!.coordinatorIds;
        const trail = (await race.audit(program.id)).map((e) => e.action);
        const count = (action: string) => trail.filter((a) => a === action).length;
        // One of the two won, wholly: every answer, the invitation and the program agree.
        if (invitation.usedAt) {
          expect([joined, refused, withdrawn, acceptedMeanwhile]).toEqual([
            AT_ONCE / 2,
            0,
            0,
            AT_ONCE / 2,
          ]);
          expect([invitation.usedBy, invitation.withdrawnAt]).toEqual([invited.userId, undefined]);
          expect(coordinatorIds).toContain(invited.userId);
          expect([
            count("co-coordinator-joined"),
            count("co-coordinator-invitation-withdrawn"),
          ]).toEqual([1, 0]);
          await expectOneNoticeEach(race, data, program, "coCoordinatorJoined", [first, second]);
        } else {
          expect([refused, withdrawn]).toEqual([AT_ONCE / 2, AT_ONCE / 2]);
          expect(invitation.usedAt).toBeUndefined();
          expect(invitation.withdrawnAt).toBeDefined();
          expect(coordinatorIds).not.toContain(invited.userId);
          expect([
            count("co-coordinator-joined"),
            count("co-coordinator-invitation-withdrawn"),
          ]).toEqual([0, 1]);
          expect(await notices(race, data, program, "coCoordinatorJoined")).toEqual({
            inApp: {},
            mails: {},
          });
        }
      };
    },
  },

  {
    name: `two coordinators schedule a participant's final interview ${AT_ONCE} times at once, then the participant validates its summary while asking a correction`,
    invariants: ["interview-once"],
    build(f) {
      const program = f.program({ coordinators: 2 });
      const person = f.person(program, "mentee");
      return async (race) => {
        const [first, second] = program.coordinators as [Person, Person];
        await race.signIn(first, second, person);
        const list = `/programs/${program.id}/interviews`;
        // Two coordinators, several tabs, two proposed times: one interview, at one of them.
        const scheduled = await race.http(
          Array.from(
            { length: AT_ONCE },
            (_, n) => async (i: number) =>
              (await race.as(n % 2 === 0 ? first : second, i)).post(`${list}?index`, {
                intent: "schedule",
                participantId: person.participantId,
                date: "2027-03-15",
                time: n % 2 === 0 ? "10:00" : "14:00",
                durationMinutes: "60",
                place: "Visioconférence",
                _submission: submissionKey(),
              }),
          ),
        );
        tally(scheduled, { status: 200, text: fr("interviews.scheduled") });
        const interviews = (await race.check()).interviews.filter(
          (i) => i.participantId === person.participantId,
        );
        expect(interviews).toHaveLength(1);
        const page = `${list}/${interviews[0]!.id}`;
        tally(
          await race.http(
            race.post(
              first,
              page,
              {
                intent: "record",
                appreciation: "4",
                learning: "Des outils concrets pour la récupération en épicerie.",
                objectivesReached: "yes",
                recommendations: "",
                continueMeeting: "yes",
              },
              { count: 1 },
            ),
          ),
          { status: 200, text: fr("interviews.done.recorded") },
        );
        // Validating in some tabs, asking a correction in others: one of the two holds.
        const answers = await race.http(
          Array.from(
            { length: AT_ONCE },
            (_, n) => async (i: number) =>
              (await race.as(person, i)).post(
                page,
                n % 2 === 0
                  ? { intent: "validate", revision: "1", _submission: submissionKey() }
                  : {
                      intent: "correct",
                      revision: "1",
                      comment: "La date de la dernière rencontre est à corriger.",
                      _submission: submissionKey(),
                    },
              ),
          ),
        );
        const [validated, corrected, refused] = tally(
          answers,
          { status: 200, text: fr("interviews.done.validated") },
          { status: 200, text: fr("interviews.done.corrected") },
          { status: 409 },
        );
        const stored = (await race.check()).interviews.find((i) => i.id === interviews[0]!.id)!;
        if (stored.status === "validated") {
          expect([validated, corrected, refused]).toEqual([AT_ONCE / 2, 0, AT_ONCE / 2]);
          expect(stored.validatedAt).toBeDefined();
        } else {
          expect(stored.status).toBe("correction-requested");
          expect([validated, corrected, refused]).toEqual([0, AT_ONCE / 2, AT_ONCE / 2]);
        }
      };
    },
  },

  {
    name: `${AT_ONCE} coordinators of a program step down at once: one stays`,
    invariants: ["program-has-coordinator"],
    build(f) {
      const program = f.program({ coordinators: AT_ONCE });
      return async (race) => {
        const everyone = program.coordinators;
        await race.signIn(...everyone);
        const path = `/programs/${program.id}/coordinators`;
        const answers = await race.http(
          everyone.map(
            (coordinator) => async (i) =>
              (await race.as(coordinator, i)).post(path, {
                intent: "step-down",
                confirm: "on",
                _submission: submissionKey(),
              }),
          ),
        );
        const [left, refused] = tally(
          answers,
          { status: 302, location: "/dashboard?steppedDown=1" },
          {
            status: 409,
            text: fr("coCoordinators.errors.last-coordinator", { program: program.title }),
          },
        );
        expect([left, refused]).toEqual([AT_ONCE - 1, 1]);
        const data = await race.check();
        const stored = data.programs.find((p) => p.id === program.id)!;
        expect(stored.coordinatorIds).toHaveLength(1);
        const trail = await race.audit(program.id);
        expect(trail.filter((e) => e.action === "coordinator-stepped-down")).toHaveLength(
          AT_ONCE - 1,
        );
      };
    },
  },
];
