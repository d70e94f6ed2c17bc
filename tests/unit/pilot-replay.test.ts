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
import {
  PILOT_CO_MENTOR,
  PILOT_INTERVIEWS,
  PILOT_MENTOR_COMPENSATION,
  PILOT_PROGRAM_ID,
} from "../../server/seeds/pilot";

/** The pilot's figures, from its report ("Projet pilote : maillages et mentorat", April 2023). */
const PILOT = {
  // §1.2 "Sélection des mentoré·es et mentor·es" (p. 10): a bank of 20 hours per group.
  hourBank: 20,
  // Tableau 4 "Compensation financière" and §2.2 "Compensation financière": 2 500 $ for each
  // mentor organization, 10 000 $ for coordination and evaluation.
  mentorCompensation: 2500,
  coordination: 10000,
  // §1.2: ten interest forms completed in April, four projects retained.
  interestForms: 10,
  projectsRetained: 4,
  // Conclusion (p. 28): two groups of three, two mentees and one mentor each; organizations of
  // five different regions; §2.2 "Participant·es provenant de différentes régions": the three
  // participants of each theme came from different regions.
  groups: 2,
  membersPerGroup: { mentor: 1, mentee: 2 },
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
  // §1.4 (p. 13): the final evaluation, individual interviews of about an hour, in December.
  interviewMonth: "12",
  interviewMinutes: 60,
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
    expect(PILOT_MENTOR_COMPENSATION.map((c) => c.amount)).toEqual([
      PILOT.mentorCompensation,
      PILOT.mentorCompensation,
    ]);
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
      expect(g.composition).toEqual({ ...PILOT.membersPerGroup, peer: 0 });
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
    // The colleague who shares the mentor seat is of the seat holder's organization and led
    // meetings of this group, in turns with the holder.
    const holder = doc.participants.find((p) => p.id === PILOT_CO_MENTOR.seatHolderId)!;
    expect(holder.organizationId).toBe(PILOT_CO_MENTOR.organizationId);
    const held = doc.meetings.filter((m) => m.groupId === PILOT_CO_MENTOR.groupId);
    const numbers = PILOT_CO_MENTOR.ledMeetingIds.map((id) =>
      held.findIndex((m) => m.id === id && m.status === "held"),
    );
    expect(numbers).toEqual([1, 3]);
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
    const people = pilotRows(doc.participants).map((p) => p.id.replace(/^pp-/, ""));
    const interviewed = PILOT_INTERVIEWS.map((i) => i.key);
    expect(interviewed).toEqual(expect.arrayContaining(people));
    // Everyone of the seats, and the co-mentor.
    expect(interviewed).toContain(PILOT_CO_MENTOR.person.key);
    for (const interview of PILOT_INTERVIEWS) {
      expect(interview.date.slice(5, 7)).toBe(PILOT.interviewMonth);
      expect(interview.minutes).toBeLessThanOrEqual(PILOT.interviewMinutes);
      expect(interview.validatedOn >= interview.date).toBe(true);
    }
    expect(report.evaluations.final.total.responses).toBe(people.length);
  });
});
