/**
 * The domain's invariants, named once (docs/invariants.md says how each one is enforced). Each is a
 * rule on the stored data that every write keeps: models check it inside the transaction that
 * writes, and the store's unique keys (core/store/unique-keys.ts) state those a single record
 * can carry. `checkInvariants` verifies them all on a snapshot of the data: the concurrency and
 * property tests run it after every step, on both engines.
 */
import type { StoreDocument } from "../store/schema";
import { coMentorSeats, toSeatIds } from "../../matching/co-mentors";

export const INVARIANTS = {
  "one-active-group":
    "A mentee or a peer is in at most one active group of a program; a mentor in at most `capacity`.",
  "seats-match-groups":
    "Each member of an active group holds one seat in it (seat 0, or below capacity for a mentor); no other seat exists. A group has three members, or four when its mentor shares the seat with a declared co-mentor.",
  "one-group-per-source":
    "A proposal, or a solver run's proposed group, forms at most one group, and the one it names.",
  "one-pending-proposal": "A person is in at most one pending proposal of a program.",
  "invitation-once":
    "An invitation is used once, by the person who joined with it; one participation per person and program.",
  "rating-once":
    "One rating per person, partner, event and round, about someone met in that round.",
  "agreement-once":
    "Agreement versions are numbered once per group; each member accepts a version at most once, and only members do.",
  "evaluation-once": "A questionnaire is answered at most once per person.",
  "meeting-hours-once":
    "A meeting's time is in the hour bank once: one line per person present, from the held meeting or from the co-development session held in it, never both.",
  "codev-one-state":
    "A co-development session has one state: numbered once per group, a running session's step started, an ended session's time counted.",
  "event-one-clock":
    "A live event has one clock: a running event has one deadline and a round within its rounds.",
  "solver-one-run": "At most one solver run at a time per program.",
  "program-has-coordinator":
    "Every program has at least one coordinator, each listed once: the last one cannot step down or lose the role.",
  "co-coordination-once":
    "A co-coordinator invitation is used once, by one person, and never both used and withdrawn.",
  "interview-once":
    "One final interview per participant of a program; a validated one names the summary the participant read.",
} as const;

export type InvariantName = keyof typeof INVARIANTS;

export interface Breach {
  invariant: InvariantName;
  detail: string;
}

type Snapshot = Pick<
  StoreDocument,
  | "programs"
  | "participants"
  | "invitations"
  | "groups"
  | "memberships"
  | "groupProposals"
  | "solverRuns"
  | "ratings"
  | "events"
  | "agreements"
  | "evaluationResponses"
  | "hourEntries"
  | "meetings"
  | "codevSessions"
  | "coordinatorInvitations"
  | "interviews"
>;

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined) {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

const sameMembers = (a: readonly string[], b: readonly string[]) =>
  [...a].sort().join("|") === [...b].sort().join("|");

/** Every breach of the invariants in `data` (empty when the data is true). */
export function checkInvariants(data: Snapshot): Breach[] {
  const breaches: Breach[] = [];
  const breach = (invariant: InvariantName, detail: string) => breaches.push({ invariant, detail });
  const participants = new Map(data.participants.map((p) => [p.id, p]));
  const active = data.groups.filter((g) => g.status === "active");
  // A proposal or a solver run names seats; a group, its people (both co-mentors of a seat).
  const seatsOf = coMentorSeats(data.participants);
  const sameSeats = (a: readonly string[], b: readonly string[]) =>
    sameMembers(toSeatIds(a, seatsOf), toSeatIds(b, seatsOf));

  // one-active-group
  const groupsOf = new Map<string, number>();
  for (const group of active)
    for (const id of group.memberIds) groupsOf.set(id, (groupsOf.get(id) ?? 0) + 1);
  for (const [id, count] of groupsOf) {
    const person = participants.get(id);
    const allowed = person?.role === "mentor" ? person.capacity : 1;
    if (count > allowed) breach("one-active-group", `${id} is in ${count} active groups`);
  }

  // seats-match-groups
  const expected = new Set(active.flatMap((g) => g.memberIds.map((id) => `${g.id}|${id}`)));
  const seen = new Set<string>();
  for (const seat of data.memberships) {
    const key = `${seat.groupId}|${seat.participantId}`;
    if (!expected.has(key)) breach("seats-match-groups", `seat without an active group: ${key}`);
    if (seen.has(key)) breach("seats-match-groups", `two seats for ${key}`);
    seen.add(key);
    const person = participants.get(seat.participantId);
    const seats = person?.role === "mentor" ? person.capacity : 1;
    if (seat.seat >= seats) breach("seats-match-groups", `seat ${seat.seat} of ${key}`);
  }
  for (const key of expected) if (!seen.has(key)) breach("seats-match-groups", `no seat: ${key}`);
  for (const [key, count] of countBy(data.memberships, (m) => `${m.participantId}#${m.seat}`))
    if (count > 1) breach("seats-match-groups", `seat ${key} taken ${count} times`);
  for (const group of active) {
    const co = group.coMentorId;
    const pairOk =
      co === undefined ||
      (group.memberIds.includes(co) &&
        group.mentorId !== undefined &&
        participants.get(co)?.coMentorId === group.mentorId &&
        participants.get(group.mentorId)?.coMentorId === co);
    if (group.memberIds.length !== (co === undefined ? 3 : 4) || !pairOk)
      breach("seats-match-groups", `${group.id} has ${group.memberIds.length} members for 3 seats`);
  }

  // one-group-per-source
  const bySource = countBy(data.groups, (g) => g.sourceKey);
  for (const [source, count] of bySource)
    if (count > 1) breach("one-group-per-source", `${count} groups from ${source}`);
  const groups = new Map(data.groups.map((g) => [g.id, g]));
  for (const proposal of data.groupProposals) {
    const formed = bySource.get(`proposal:${proposal.id}`) ?? 0;
    if (proposal.status === "formed") {
      const group = proposal.groupId ? groups.get(proposal.groupId) : undefined;
      if (!group || !sameSeats(group.memberIds, proposal.memberIds))
        breach(
          "one-group-per-source",
          `formed proposal ${proposal.id} names no group of its members`,
        );
    } else if (formed > 0) {
      breach(
        "one-group-per-source",
        `proposal ${proposal.id} is ${proposal.status} yet formed a group`,
      );
    }
  }
  for (const run of data.solverRuns) {
    for (const proposed of run.groups) {
      const formed = bySource.get(`run:${run.id}:${proposed.id}`) ?? 0;
      if (proposed.decision === "approved") {
        const group = proposed.groupId ? groups.get(proposed.groupId) : undefined;
        if (!group || !sameSeats(group.memberIds, proposed.memberIds))
          breach(
            "one-group-per-source",
            `approved ${run.id}:${proposed.id} names no group of its members`,
          );
      } else if (formed > 0) {
        breach(
          "one-group-per-source",
          `${run.id}:${proposed.id} is ${proposed.decision} yet formed a group`,
        );
      }
    }
  }

  // one-pending-proposal
  const pending = data.groupProposals.filter((p) => p.status === "pending");
  for (const [key, count] of countBy(
    pending.flatMap((p) => p.memberIds.map((id) => `${p.programId}|${id}`)),
    (k) => k,
  )) {
    if (count > 1) breach("one-pending-proposal", `${key} in ${count} pending proposals`);
  }

  // invitation-once
  for (const [key, count] of countBy(data.participants, (p) => `${p.programId}|${p.userId}`))
    if (count > 1) breach("invitation-once", `${count} participations for ${key}`);
  for (const invitation of data.invitations) {
    if (!invitation.usedAt) continue;
    const joined = data.participants.some(
      (p) => p.programId === invitation.programId && p.userId === invitation.usedBy,
    );
    if (!joined) breach("invitation-once", `invitation ${invitation.id} used by nobody who joined`);
  }

  // rating-once
  for (const [key, count] of countBy(
    data.ratings,
    (r) => `${r.eventId}|${r.round}|${r.fromParticipantId}|${r.toParticipantId}`,
  )) {
    if (count > 1) breach("rating-once", `${count} ratings for ${key}`);
  }
  const events = new Map(data.events.map((e) => [e.id, e]));
  for (const rating of data.ratings) {
    const round = events.get(rating.eventId)?.schedule.find((r) => r.round === rating.round);
    const met = round?.rooms.some(
      (room) =>
        room.members.includes(rating.fromParticipantId) &&
        room.members.includes(rating.toParticipantId),
    );
    if (round && !met) breach("rating-once", `rating ${rating.id} of someone not met`);
  }

  // agreement-once
  for (const [key, count] of countBy(data.agreements, (a) => `${a.groupId}|${a.version}`))
    if (count > 1) breach("agreement-once", `${count} agreements numbered ${key}`);
  for (const agreement of data.agreements) {
    const members = groups.get(agreement.groupId)?.memberIds ?? [];
    for (const id of Object.keys(agreement.acceptances))
      if (!members.includes(id))
        breach("agreement-once", `${id} accepted ${agreement.id} without being a member`);
  }

  // evaluation-once
  for (const [key, count] of countBy(
    data.evaluationResponses,
    (r) => `${r.evaluationId}|${r.participantId}`,
  )) {
    if (count > 1) breach("evaluation-once", `${count} answers for ${key}`);
  }

  // meeting-hours-once
  const meetings = new Map(data.meetings.map((m) => [m.id, m]));
  const sessions = new Map(data.codevSessions.map((s) => [s.id, s]));
  const lines = data.hourEntries.filter((e) => e.meetingId || e.codevSessionId);
  for (const [key, count] of countBy(
    lines,
    (e) => `${e.meetingId ?? ""}|${e.codevSessionId ?? ""}|${e.participantId}`,
  )) {
    if (count > 1) breach("meeting-hours-once", `${count} lines for ${key}`);
  }
  for (const [meetingId, sources] of groupSources(lines))
    if (sources.size > 1)
      breach(
        "meeting-hours-once",
        `meeting ${meetingId} counted from ${[...sources].join(" and ")}`,
      );
  for (const line of lines) {
    if (line.codevSessionId) {
      if (sessions.get(line.codevSessionId)?.status !== "ended")
        breach("meeting-hours-once", `line ${line.id} for a session not ended`);
    } else if (meetings.get(line.meetingId!)?.status !== "held") {
      breach("meeting-hours-once", `line ${line.id} for a meeting not held`);
    }
  }

  // codev-one-state
  for (const [key, count] of countBy(data.codevSessions, (s) => `${s.groupId}|${s.number}`))
    if (count > 1) breach("codev-one-state", `${count} sessions numbered ${key}`);
  for (const session of data.codevSessions) {
    if (session.status === "running" && !session.stepStartedAt)
      breach("codev-one-state", `running session ${session.id} with no step started`);
    if (session.status === "ended" && session.hours === undefined)
      breach("codev-one-state", `ended session ${session.id} with no time`);
  }

  // event-one-clock
  for (const event of data.events) {
    if (event.status === "running" && !event.deadline)
      breach("event-one-clock", `running event ${event.id} without a deadline`);
    if (event.currentRound > event.rounds)
      breach(
        "event-one-clock",
        `event ${event.id} in round ${event.currentRound} of ${event.rounds}`,
      );
    for (const [round, count] of countBy(event.schedule, (r) => String(r.round)))
      if (count > 1)
        breach("event-one-clock", `event ${event.id} plans round ${round} ${count} times`);
  }

  // solver-one-run
  for (const [programId, count] of countBy(
    data.solverRuns.filter((r) => r.status === "running"),
    (r) => r.programId,
  )) {
    if (count > 1) breach("solver-one-run", `${count} runs at once in ${programId}`);
  }

  // program-has-coordinator
  for (const program of data.programs) {
    if (program.coordinatorIds.length === 0)
      breach("program-has-coordinator", `program ${program.id} has no coordinator`);
    if (new Set(program.coordinatorIds).size !== program.coordinatorIds.length)
      breach("program-has-coordinator", `program ${program.id} lists a coordinator twice`);
  }

  // co-coordination-once
  for (const invitation of data.coordinatorInvitations) {
    if (Boolean(invitation.usedAt) !== Boolean(invitation.usedBy))
      breach("co-coordination-once", `invitation ${invitation.id} used without a person`);
    if (invitation.usedAt && invitation.withdrawnAt)
      breach("co-coordination-once", `invitation ${invitation.id} both used and withdrawn`);
  }

  // interview-once
  for (const [key, count] of countBy(data.interviews, (i) => `${i.programId}|${i.participantId}`))
    if (count > 1) breach("interview-once", `${count} interviews for ${key}`);
  for (const interview of data.interviews)
    if (
      interview.status === "validated" &&
      (!interview.notes || interview.revision < 1 || !interview.validatedAt)
    )
      breach("interview-once", `interview ${interview.id} validated without a recorded summary`);
  return breaches;
}

/** For each meeting with hour lines, where its lines come from: the meeting, or session ids. */
function groupSources(lines: ReadonlyArray<{ meetingId?: string; codevSessionId?: string }>) {
  const sources = new Map<string, Set<string>>();
  for (const line of lines) {
    if (!line.meetingId) continue;
    const set = sources.get(line.meetingId) ?? new Set<string>();
    set.add(line.codevSessionId ? `session ${line.codevSessionId}` : "the meeting");
    sources.set(line.meetingId, set);
  }
  return sources;
}
