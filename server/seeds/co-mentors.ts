/**
 * Demo data: a mentor seat shared by two co-mentors (ADR 0026). Two mentors of one organization
 * share one seat in a group of the open demo program, with two mentees from two other regions; the
 * kickoff was held (led by the first co-mentor) and the series to come alternates between them,
 * by the program's lead rule (core/models/meeting-lead.ts). Fictional people and organizations.
 */
import { needsByPriority } from "../../core/data/plain-words";
import { generateSeries } from "../../core/models/meeting-series";
import { assignLeads, leadRuleOf } from "../../core/models/meeting-lead";
import { quebecDate, quebecInstant } from "../../core/utils/quebec-time";
import type { z } from "zod";
import type { documentSchema } from "../../core/store/schema";

type DocumentInput = z.input<typeof documentSchema>;
type Rows<K extends keyof DocumentInput> = NonNullable<DocumentInput[K]>;

export const CO_MENTOR_GROUP = "grp-demo-co-mentorat";
const ANNE = "p-anne";
const GILLES = "p-gilles";
const ROSE = "p-rose";
const OLIVIER = "p-olivier";
const MEMBERS = [ANNE, GILLES, OLIVIER, ROSE];

const PEOPLE = [
  {
    key: "anne",
    name: "Anne Gagnon",
    role: "mentor" as const,
    org: "org-partage-nord",
    expertise: ["mutualisation", "partenaires", "transport"],
    availability: ["tue-am", "wed-am", "thu-pm"],
  },
  {
    key: "gilles",
    name: "Gilles Roy",
    role: "mentor" as const,
    org: "org-partage-nord",
    expertise: ["gouvernance", "financement", "donnees"],
    availability: ["tue-am", "thu-am", "thu-pm"],
  },
  {
    key: "olivier",
    name: "Olivier Paquette",
    role: "mentee" as const,
    org: "org-olivier",
    expertise: ["communication"],
    availability: ["tue-am", "thu-pm"],
    needs: [
      ["mutualisation", 3],
      ["financement", 2],
    ] as Array<[string, number]>,
  },
  {
    key: "rose",
    name: "Rose Lapointe",
    role: "mentee" as const,
    org: "org-rose",
    expertise: ["evenements"],
    availability: ["tue-am", "wed-am", "thu-pm"],
    needs: [
      ["gouvernance", 3],
      ["transport", 2],
    ] as Array<[string, number]>,
  },
];

export function coMentorSeat(
  programId: string,
  coordinatorId: string,
  now: Date,
  mentoringEnd: string,
  passwordHashes: readonly string[],
) {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  const organizations: Rows<"organizations"> = [
    {
      id: "org-partage-nord",
      name: "Réseau Partage-Nord",
      region: "10",
      mrc: "991",
      sector: "Banque alimentaire",
      createdAt: at(90),
    },
    {
      id: "org-olivier",
      name: "Le Garde-manger de Maniwaki",
      region: "07",
      mrc: "83",
      sector: "Épicerie solidaire",
      createdAt: at(90),
    },
    {
      id: "org-rose",
      name: "Récolte solidaire de Montmagny",
      region: "12",
      mrc: "18",
      sector: "Glanage",
      createdAt: at(90),
    },
  ];
  const users: Rows<"users"> = PEOPLE.map((p, i) => ({
    id: `u-${p.key}`,
    email: `${p.key}@exemple.org`,
    name: p.name,
    role: "participant",
    passwordHash: passwordHashes[i]!,
    locale: "fr",
    createdAt: at(70),
  }));
  const participants: Rows<"participants"> = PEOPLE.map((p) => ({
    id: `p-${p.key}`,
    programId,
    userId: `u-${p.key}`,
    organizationId: p.org,
    role: p.role,
    profile: {
      sector: organizations.find((o) => o.id === p.org)!.sector,
      field: "Réemploi alimentaire",
      needs: needsByPriority((p.needs ?? []).map(([tag, priority]) => ({ tag, priority }))),
      expertise: p.expertise,
      availability: p.availability,
    },
    published: true,
    // The two mentors of Réseau Partage-Nord share one mentor seat.
    coMentorId: p.key === "anne" ? GILLES : p.key === "gilles" ? ANNE : undefined,
    joinedAt: at(60),
  }));
  const groups: Rows<"groups"> = [
    {
      id: CO_MENTOR_GROUP,
      programId,
      label: "Approvisionnement en région",
      memberIds: MEMBERS,
      mentorId: ANNE,
      coMentorId: GILLES,
      status: "active",
      origin: "solver",
      suggestedFirstMeeting: quebecDate(at(6)),
      approvedBy: coordinatorId,
      createdAt: at(10),
    },
  ];

  // The kickoff, a week ago at 9:30, 2 h, led by Anne; the series every three weeks after it.
  const kickoff = quebecInstant(quebecDate(at(7)), "09:30");
  const meetings: Rows<"meetings"> = [
    {
      id: "mtg-comentorat-demarrage",
      groupId: CO_MENTOR_GROUP,
      startsAt: kickoff.toISOString(),
      endsAt: new Date(kickoff.getTime() + 120 * 60_000).toISOString(),
      kind: "collective",
      presentIds: MEMBERS,
      facilitatorId: ANNE,
      theme: "mutualisation",
      agenda: "Présentations ; qui anime quand ; les priorités d'Olivier et de Rose.",
      status: "held",
      notes: "Anne et Gilles animeront à tour de rôle ; Gilles prend la prochaine rencontre.",
      sequence: 1,
      createdAt: at(9),
      updatedAt: at(7),
    },
  ];
  const series = generateSeries({
    firstDate: quebecDate(at(-14)),
    time: "09:30",
    everyWeeks: 3,
    durationMinutes: 120,
    until: mentoringEnd,
  });
  const themes = ["gouvernance", "transport", "financement", "mutualisation"];
  const leads = assignLeads({
    rule: leadRuleOf({ composition: "mentorship" }),
    members: PEOPLE.map((p) => ({ id: `p-${p.key}`, role: p.role, expertise: p.expertise })),
    meetings: series.map((slot, i) => ({
      id: slot.localDate,
      theme: themes[i % themes.length],
      participantIds: MEMBERS,
    })),
    history: [ANNE],
  });
  series.forEach((slot, i) => {
    meetings.push({
      id: `mtg-comentorat-${slot.localDate}`,
      groupId: CO_MENTOR_GROUP,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      kind: "collective",
      facilitatorId: leads[i],
      theme: themes[i % themes.length]!,
      status: "planned",
      sequence: 0,
      createdAt: at(7),
      updatedAt: at(7),
    });
  });
  // The kickoff's time in the hour bank: one line per person present.
  const hourEntries: Rows<"hourEntries"> = MEMBERS.map((participantId) => ({
    id: `hr-comentorat-demarrage-${participantId}`,
    groupId: CO_MENTOR_GROUP,
    participantId,
    kind: "meeting",
    hours: 2,
    date: quebecDate(kickoff.toISOString()),
    meetingId: "mtg-comentorat-demarrage",
    createdAt: at(7),
  }));
  return { organizations, users, participants, groups, meetings, hourEntries };
}

/** How many accounts coMentorSeat needs password hashes for. */
export const CO_MENTOR_PEOPLE = PEOPLE.length;
