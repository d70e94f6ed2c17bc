/**
 * The closed program "cohorte pilote" (server/seeds/pilot.ts) tells the pilot's story figure by
 * figure: the pilot's figures are written below from the report's text, each with the section or
 * table it comes from, and compared with the program report built on the demo data (and, for what
 * the report does not show, with the program's records).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport, programNames, type Report } from "../../core/models/report";
import { documentSchema, type StoreDocument } from "../../core/store/schema";
import { demoDocument } from "../../server/seeds/demo";
import { quebecDate } from "../../core/utils/quebec-time";
import {
  PILOT_CO_MENTOR,
  PILOT_COORDINATION_TIME,
  PILOT_INTERVIEWS,
  PILOT_MENTOR_COMPENSATION,
  PILOT_OBSERVED_MEETINGS,
  PILOT_PROGRAM_ID,
} from "../../server/seeds/pilot";

/** The pilot's figures, from its report ("Projet pilote : maillages et mentorat", April 2023). */
const PILOT = {
  // §1.2 "Sélection des mentoré·es et mentor·es" (p. 10): a bank of 20 hours per group.
  hourBank: 20,
  // Tableau 4 "Compensation financière" and §2.2 "Compensation financière": 2 500 $ for each
  // mentor, 10 000 $ for coordination and evaluation. Two mentor seats (one per group), the
  // Logistique one shared by two co-mentors (the replay splits its 2 500 $ between them).
  mentorCompensation: 2500,
  mentorSeats: 2,
  coordination: 10000,
  // §2.2 "Coordination du programme": the coordination's time, underestimated, went notably to
  // following up candidates, the start meetings, observing meetings and writing the report (no
  // hours in the report: the replay's are plausible, `PILOT_COORDINATION_TIME`).
  coordinationTasks: ["recruitment", "pairing", "follow-up", "evaluation"],
  // §1.2: ten interest forms completed in April, four projects retained.
  interestForms: 10,
  projectsRetained: 4,
  // Conclusion (p. 28): two groups of three, two mentees and one mentor each; organizations of
  // five different regions; §2.2 "Participant·es provenant de différentes régions": the three
  // participants of each theme came from different regions.
  groups: 2,
  membersPerGroup: { mentor: 1, mentee: 2 },
  // §1.2 and Conclusion, note 2: in Logistique, two mentors of one organization shared the
  // mentor's involvement and took turns: two people in the mentor seat.
  coMentors: { logistique: 2, synergies: 1 },
  regions: 5,
  regionsPerGroup: 3,
  logistique: {
    // §1.3 (p. 12): five meetings, July to December, about two hours each, all collective.
    meetings: { held: 5, collective: 5, individual: 0 },
    meetingHours: 5 * 2,
    // §2.2 "Calendrier précis et respecté": the group used the whole bank.
    hoursLeft: 0,
    // Tableau 3 (§2.1, p. 15): eight tools shared by the mentors…
    toolsFromMentors: 8,
    // …and §2.1, after Tableau 3: one list shared the other way, by a mentee.
    toolsFromMentees: 1,
  },
  synergies: {
    // §1.3 (p. 12): four meetings, July to November; the first two with both mentees, the last two
    // only the mentor and the other mentee.
    meetings: { held: 4, collective: 2, individual: 2 },
    // §1.3 and Conclusion, note 4: about seven of the 20 hours left in December.
    hoursLeft: 7,
    // Tableau 3 (§2.1, p. 15): four tools shared, one more still to come.
    toolsFromMentors: 4,
    toolsFromMentees: 0,
  },
  // §2.2 "Banque d'heures de mentorat": about half of the 20 hours went to work outside meetings.
  outsideMeetingsShare: 0.5,
  // Tableau 3: the tools' themes (the program's taxonomy subjects they were filed under).
  toolThemes: {
    logistique: ["ges", "risques", "tarification", "evenements", "mutualisation", "donnees"],
    synergies: ["plan-action", "gouvernance", "partenaires"],
  },
  // §1.4 (p. 13): the final evaluation, individual interviews of about an hour with the mentors
  // and mentees (all seven people), in December, validated by the participants; no final
  // questionnaire.
  interviews: 7,
  interviewMonth: "12",
  interviewMinutes: 60,
  // §1.4: the coordination observed meetings of the groups.
  observedGroups: 2,
} as const;

let doc: StoreDocument;
let report: Report;
const pilotRows = <T extends { programId: string }>(rows: readonly T[]) =>
  rows.filter((r) => r.programId === PILOT_PROGRAM_ID);

beforeAll(async () => {
  doc = documentSchema.parse(await demoDocument(new Date("2026-11-28T12:00:00Z")));
  const program = doc.programs.find((p) => p.id === PILOT_PROGRAM_ID)!;
  const groups = pilotRows(doc.groups);
  const groupIds = new Set(groups.map((g) => g.id));
  const participants = pilotRows(doc.participants);
  report = buildReport({
    program,
    groups,
    participants,
    organizations: doc.organizations,
    meetings: doc.meetings.filter((m) => groupIds.has(m.groupId)),
    hourEntries: doc.hourEntries.filter((e) => groupIds.has(e.groupId)),
    codevSessions: doc.codevSessions.filter((c) => groupIds.has(c.groupId)),
    coordinationEntries: doc.coordinationEntries.filter((e) => e.programId === PILOT_PROGRAM_ID),
    tools: pilotRows(doc.tools),
    evaluations: pilotRows(doc.evaluations),
    responses: pilotRows(doc.evaluationResponses),
    interviews: pilotRows(doc.interviews),
    names: programNames({
      participants,
      users: doc.users,
      organizations: doc.organizations,
      applications: pilotRows(doc.applications),
    }),
  });
});

const group = (label: "Logistique" | "Synergies") => report.groups.find((g) => g.label === label)!;

describe("the pilot replay against the pilot's report", () => {
  it("has the program's bank and compensation", () => {
    const program = doc.programs.find((p) => p.id === PILOT_PROGRAM_ID)!;
    expect(program.status).toBe("closed");
    expect(report.program.hourBankHours).toBe(PILOT.hourBank);
    expect(program.budget).toEqual({
      mentorCompensation: PILOT.mentorCompensation,
      coordination: PILOT.coordination,
    });
    // One compensation per mentor seat: the two co-mentors of Logistique shared one.
    expect(report.budget.mentors).toBe(3);
    expect(report.budget.compensationPerMentor).toBe(PILOT.mentorCompensation);
    expect(report.budget.mentorCompensation).toBe(PILOT.mentorCompensation * PILOT.mentorSeats);
    expect(report.budget.coordinationBudget).toBe(PILOT.coordination);
    const compensation = new Map(pilotRows(doc.participants).map((p) => [p.id, p.compensation]));
    for (const { participantId, amount } of PILOT_MENTOR_COMPENSATION)
      expect(compensation.get(participantId), participantId).toBe(amount);
    const shared = [PILOT_CO_MENTOR.seatHolderId, `pp-${PILOT_CO_MENTOR.person.key}`];
    expect(shared.reduce((sum, id) => sum + compensation.get(id)!, 0)).toBe(
      PILOT.mentorCompensation,
    );
  });

  it("logs the coordination's time, by the tasks the report found underestimated", () => {
    const logged = PILOT_COORDINATION_TIME.reduce((sum, e) => sum + e.hours, 0);
    expect(report.budget.coordinationHours).toBe(logged);
    expect(pilotRows(doc.coordinationEntries)).toHaveLength(PILOT_COORDINATION_TIME.length);
    for (const task of PILOT.coordinationTasks)
      expect(report.budget.coordinationByTask[task], task).toBeGreaterThan(0);
  });

  it("received the interest forms and retained the projects", () => {
    const applications = pilotRows(doc.applications);
    expect(applications.filter((a) => a.submittedAt)).toHaveLength(PILOT.interestForms);
    const accepted = applications.filter((a) => a.status === "accepted");
    expect(accepted).toHaveLength(PILOT.projectsRetained);
    // The retained projects are the mentees' (mentors were chosen from a list, not by the form).
    const mentees = pilotRows(doc.participants).filter((p) => p.role === "mentee");
    expect(accepted.map((a) => a.participantId).sort()).toEqual(mentees.map((p) => p.id).sort());
  });

  it("has two groups of three formed by the coordination, over five regions", () => {
    expect(report.totals.groups).toBe(PILOT.groups);
    for (const g of report.groups) {
      // The report counts people by role: the shared mentor seat is two mentors.
      const key = g.label === "Logistique" ? "logistique" : "synergies";
      expect(g.composition).toEqual({
        ...PILOT.membersPerGroup,
        mentor: PILOT.coMentors[key],
        peer: 0,
      });
      expect(g.regions).toBe(PILOT.regionsPerGroup);
      // The program is closed: its groups have completed, they are not "active".
      expect(g.status).toBe("completed");
    }
    expect(report.totals.regions).toBe(PILOT.regions);
    // Formed and approved by the coordination, not proposed by their members.
    for (const g of pilotRows(doc.groups)) {
      expect(g.origin).toBe("solver");
      expect(g.approvedBy).toBeDefined();
    }
  });

  it("counts Logistique's collective meetings, its whole bank used and its co-mentors", () => {
    const logistique = group("Logistique");
    expect(logistique.meetings).toMatchObject(PILOT.logistique.meetings);
    expect(logistique.hours.meeting).toBe(PILOT.logistique.meetingHours);
    expect(logistique.hours.remaining).toBe(PILOT.logistique.hoursLeft);
    expect(logistique.hours.outsideMeetingsShare).toBeCloseTo(PILOT.outsideMeetingsShare, 1);
    // The colleague who shares the mentor seat is of the seat holder's organization, a member of
    // the group, its declared co-mentor, and led meetings of this group in turns with the holder.
    const holder = doc.participants.find((p) => p.id === PILOT_CO_MENTOR.seatHolderId)!;
    const colleague = doc.participants.find((p) => p.id === holder.coMentorId)!;
    expect(holder.organizationId).toBe(PILOT_CO_MENTOR.organizationId);
    expect(colleague).toMatchObject({
      role: "mentor",
      organizationId: PILOT_CO_MENTOR.organizationId,
      coMentorId: holder.id,
      userId: `u-${PILOT_CO_MENTOR.person.key}`,
    });
    const seat = doc.groups.find((g) => g.id === PILOT_CO_MENTOR.groupId)!;
    expect(seat).toMatchObject({ mentorId: holder.id, coMentorId: colleague.id });
    expect(seat.memberIds).toHaveLength(4);
    const held = doc.meetings
      .filter((m) => m.groupId === PILOT_CO_MENTOR.groupId && m.status === "held")
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(
      held.map((m) => (m.facilitatorId === colleague.id ? "colleague" : m.facilitatorId)),
    ).toEqual([holder.id, "colleague", holder.id, "colleague", holder.id]);
    expect(held.filter((m) => PILOT_CO_MENTOR.ledMeetingIds.includes(m.id as never))).toHaveLength(
      2,
    );
    // His preparation and his tools are his, and his work draws from the one bank.
    for (const id of PILOT_CO_MENTOR.hourEntryIds)
      expect(doc.hourEntries.find((e) => e.id === id)!.participantId).toBe(colleague.id);
    for (const id of PILOT_CO_MENTOR.toolIds)
      expect(doc.tools.find((t) => t.id === id)!.authorId).toBe(colleague.id);
    expect(logistique.hours.ownTime).toBe(0);
  });

  it("counts Synergies' meetings, collective then individual, and the 7 hours left", () => {
    const synergies = group("Synergies");
    expect(synergies.meetings).toMatchObject(PILOT.synergies.meetings);
    expect(synergies.hours.remaining).toBe(PILOT.synergies.hoursLeft);
    expect(synergies.hours.bank).toBe(PILOT.hourBank);
    // Collective first, then individual with the same mentee: the other one's project left.
    const held = doc.meetings
      .filter((m) => m.groupId === synergies.id && m.status === "held")
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(held.map((m) => m.kind)).toEqual([
      "collective",
      "collective",
      "individual",
      "individual",
    ]);
    const [, , third, fourth] = held;
    expect(third!.participantIds).toEqual(fourth!.participantIds);
    const members = pilotRows(doc.groups).find((g) => g.id === synergies.id)!.memberIds;
    const left = members.filter((id) => !third!.participantIds.includes(id));
    expect(left).toHaveLength(1);
    expect(doc.participants.find((p) => p.id === left[0])!.role).toBe("mentee");
    expect(doc.checkIns.find((c) => c.participantId === left[0])!.needsStatus).toBe("blocked");
  });

  it("puts Tableau 3's tools in their group, shared by the mentors, one the other way", () => {
    const roleOf = new Map(pilotRows(doc.participants).map((p) => [p.id, p.role]));
    for (const label of ["Logistique", "Synergies"] as const) {
      const key = label === "Logistique" ? "logistique" : "synergies";
      const g = group(label);
      const tools = pilotRows(doc.tools).filter((t) => t.groupId === g.id);
      expect(g.tools).toBe(PILOT[key].toolsFromMentors + PILOT[key].toolsFromMentees);
      expect(tools.filter((t) => roleOf.get(t.authorId!) === "mentor")).toHaveLength(
        PILOT[key].toolsFromMentors,
      );
      expect(tools.filter((t) => roleOf.get(t.authorId!) === "mentee")).toHaveLength(
        PILOT[key].toolsFromMentees,
      );
      for (const theme of PILOT.toolThemes[key])
        expect(
          tools.some((t) => t.theme === theme),
          `${label}: ${theme}`,
        ).toBe(true);
    }
    // By theme in the report: every tool once.
    expect(report.tools.themes.reduce((n, t) => n + t.count, 0)).toBe(report.tools.total);
    expect(report.tools.total).toBe(
      PILOT.logistique.toolsFromMentors +
        PILOT.logistique.toolsFromMentees +
        PILOT.synergies.toolsFromMentors,
    );
  });

  it("ends with an individual interview of about an hour per participant in December", () => {
    const people = pilotRows(doc.participants).map((p) => p.id);
    const interviews = pilotRows(doc.interviews);
    expect(interviews).toHaveLength(PILOT.interviews);
    // Everyone of the seats, and the co-mentor: one each.
    expect(interviews.map((i) => i.participantId).sort()).toEqual([...people].sort());
    expect(PILOT_INTERVIEWS.map((i) => i.key)).toContain(PILOT_CO_MENTOR.person.key);
    for (const interview of interviews) {
      expect(quebecDate(interview.startsAt).slice(5, 7)).toBe(PILOT.interviewMonth);
      expect(interview.durationMinutes).toBeLessThanOrEqual(PILOT.interviewMinutes);
      // Validated by the participant, after the interview.
      expect(interview.status).toBe("validated");
      expect(interview.validatedAt! > interview.startsAt).toBe(true);
    }
    // The report's interview section reads them all; there was no final questionnaire.
    expect(report.interviews).toMatchObject({
      scheduled: PILOT.interviews,
      validated: PILOT.interviews,
    });
    expect(report.interviews.stats.respondents).toBe(PILOT.interviews);
    expect(report.evaluations.final.questionnaires).toBe(0);
  });

  it("had the coordination observe meetings of both groups, by their invitation", () => {
    const groups = pilotRows(doc.groups);
    expect(groups.filter((g) => g.observerInvitation)).toHaveLength(PILOT.observedGroups);
    const notes = pilotRows(doc.observerNotes);
    expect(new Set(notes.map((n) => n.groupId)).size).toBe(PILOT.observedGroups);
    for (const observed of PILOT_OBSERVED_MEETINGS) {
      const note = notes.find((n) => n.meetingId === observed.meetingId)!;
      const meeting = doc.meetings.find((m) => m.id === observed.meetingId)!;
      expect(meeting).toMatchObject({ groupId: note.groupId, status: "held" });
      expect(note.meetingDate).toBe(quebecDate(meeting.startsAt));
      const invited = groups.find((g) => g.id === meeting.groupId)!.observerInvitation!;
      expect(invited.at < meeting.startsAt).toBe(true);
    }
    // Every meeting online (Tableau 4), with its group's link.
    const meetings = doc.meetings.filter((m) => groups.some((g) => g.id === m.groupId));
    for (const m of meetings) {
      expect(m.format, m.id).toBe("online");
      expect(m.place, m.id).toMatch(/^https:\/\//);
    }
  });
});
