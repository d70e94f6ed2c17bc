/**
 * Demo data: a program that tries the pilot report's proximity option. The pilot's groups joined
 * organizations of different regions; distance did not hurt the exchanges, but several people
 * wished to meet nearby organizations they did not know. The report suggests pairing organizations
 * of one region and different MRCs, once it is checked that they neither compete nor have a
 * conflict of interest. Here: Montérégie, seven organizations in six MRCs, and one neighbour from
 * Centre-du-Québec.
 *
 * What a newcomer sees at work:
 * - Ginette (Longueuil) and Simon (Longueuil) are of one MRC: never in one group;
 * - Annie declared a conflict of interest with Gabriel's organization: never in one group;
 * - Maude (Drummond, Centre-du-Québec) has nobody of her region: the solver says so.
 */
import { needsByPriority } from "../../core/data/plain-words";
import { PILOT_TAXONOMY } from "../../core/data/pilot-taxonomy";
import type { z } from "zod";
import type { documentSchema, ParticipantRole } from "../../core/store/schema";

type DocumentInput = z.input<typeof documentSchema>;
type Rows<K extends keyof DocumentInput> = NonNullable<DocumentInput[K]>;

export const PROXIMITY_PROGRAM_ID = "prog-proximite-monteregie-2027";

interface ProximityPerson {
  key: string;
  first: string;
  last: string;
  role: ParticipantRole;
  org: string;
  region: string;
  mrc: string;
  sector: string;
  needs: Array<[string, 1 | 2 | 3]>;
  expertise: string[];
  style: "structured" | "intuitive" | "between";
  /** Organizations (keys) of the person's region with which they declared a conflict of interest. */
  conflicts?: string[];
}

/** Fictional organizations and people: any resemblance to a real organization is accidental. */
export const PROXIMITY_PEOPLE: ProximityPerson[] = [
  {
    key: "ginette",
    first: "Ginette",
    last: "Gagnon",
    role: "mentor",
    org: "Banque alimentaire du Vieux-Longueuil",
    region: "16",
    mrc: "58",
    sector: "Banque alimentaire",
    needs: [],
    expertise: ["entreposage", "chaine-froid", "mutualisation"],
    style: "structured",
  },
  {
    key: "robert",
    first: "Robert",
    last: "Lemieux",
    role: "mentor",
    org: "Comptoir alimentaire maskoutain",
    region: "16",
    mrc: "54",
    sector: "Épicerie solidaire",
    needs: [],
    expertise: ["transport", "tarification", "gouvernance"],
    style: "between",
  },
  {
    key: "annie",
    first: "Annie",
    last: "Roy",
    role: "mentee",
    org: "Frigo solidaire du Haut-Richelieu",
    region: "16",
    mrc: "56",
    sector: "Frigo communautaire",
    needs: [
      ["chaine-froid", 3],
      ["entreposage", 2],
    ],
    expertise: ["communication"],
    style: "intuitive",
    // Both organizations share one board member: the person declared it on her profile.
    conflicts: ["gabriel"],
  },
  {
    key: "gabriel",
    first: "Gabriel",
    last: "Ouellet",
    role: "mentee",
    org: "Cuisine collective de Roussillon",
    region: "16",
    mrc: "67",
    sector: "Cuisine collective",
    needs: [
      ["entreposage", 3],
      ["mutualisation", 2],
    ],
    expertise: ["evenements"],
    style: "between",
  },
  {
    key: "etienne",
    first: "Étienne",
    last: "Poirier",
    role: "mentee",
    org: "Épicerie solidaire de la Vallée-du-Richelieu",
    region: "16",
    mrc: "57",
    sector: "Épicerie solidaire",
    needs: [
      ["tarification", 3],
      ["transport", 2],
    ],
    expertise: ["partenaires"],
    style: "structured",
  },
  {
    key: "nadia",
    first: "Nadia",
    last: "Bélanger",
    role: "mentee",
    org: "Frigo communautaire de Vaudreuil-Soulanges",
    region: "16",
    mrc: "71",
    sector: "Frigo communautaire",
    needs: [
      ["gouvernance", 3],
      ["chaine-froid", 1],
    ],
    expertise: ["donnees"],
    style: "between",
  },
  {
    key: "simon",
    first: "Simon",
    last: "Côté",
    role: "mentee",
    org: "Entraide alimentaire de Longueuil-Est",
    region: "16",
    mrc: "58",
    sector: "Dépannage alimentaire",
    needs: [
      ["chaine-froid", 3],
      ["transport", 1],
    ],
    expertise: ["tri-denrees"],
    style: "intuitive",
  },
  {
    key: "maude",
    first: "Maude",
    last: "Fortin",
    role: "mentee",
    org: "Dépannage alimentaire drummondvillois",
    region: "17",
    mrc: "49",
    sector: "Dépannage alimentaire",
    needs: [["transport", 3]],
    expertise: ["financement"],
    style: "structured",
  },
];

/** The proximity program, its organizations, accounts (the demo password's hashes) and participants. */
export function proximityCohort(
  coordinatorId: string,
  at: (daysAgo: number) => string,
  passwordHashes: readonly string[],
) {
  const programs: Rows<"programs"> = [
    {
      id: PROXIMITY_PROGRAM_ID,
      title: "Maillages de proximité en Montérégie 2027",
      theme: "Optimisation du réemploi alimentaire en milieu communautaire",
      subThemes: ["Logistique", "Synergies"],
      description:
        "Une formule de proximité : chaque groupe réunit trois organismes de la Montérégie situés dans " +
        "trois MRC différentes, pour se rencontrer en personne sans se faire concurrence. Chaque personne " +
        "déclare dans son profil les organismes de sa région avec lesquels elle est en conflit d'intérêts.",
      coordinatorIds: [coordinatorId],
      status: "open",
      composition: "mentorship",
      regionRule: "same-region-distinct-mrcs",
      mentoringStart: "2027-03-01",
      mentoringEnd: "2027-08-27",
      hourBankHours: 20,
      cadenceWeeksMin: 2,
      cadenceWeeksMax: 4,
      meetingMinutes: 120,
      format: "in-person",
      taxonomy: PILOT_TAXONOMY.map((tag) => ({ ...tag })),
      createdAt: at(60),
    },
  ];
  const organizations: Rows<"organizations"> = [];
  const users: Rows<"users"> = [];
  const participants: Rows<"participants"> = [];
  PROXIMITY_PEOPLE.forEach((person, index) => {
    organizations.push({
      id: `org-${person.key}`,
      name: person.org,
      region: person.region,
      mrc: person.mrc,
      sector: person.sector,
      competitorIds: [],
      createdAt: at(50),
    });
    users.push({
      id: `u-${person.key}`,
      email: `${person.key}@exemple.org`,
      name: `${person.first} ${person.last}`,
      role: "participant",
      passwordHash: passwordHashes[index]!,
      locale: "fr",
      createdAt: at(50 - index),
    });
    participants.push({
      id: `px-${person.key}`,
      programId: PROXIMITY_PROGRAM_ID,
      userId: `u-${person.key}`,
      organizationId: `org-${person.key}`,
      role: person.role,
      profile: {
        sector: person.sector,
        field: "Réemploi alimentaire",
        needs: needsByPriority(person.needs.map(([tag, priority]) => ({ tag, priority }))),
        needsText: "",
        expertise: person.expertise,
        expertiseText: "",
        workingStyle: person.style,
        availability: ["tue-am", "wed-pm", "thu-am"],
      },
      published: true,
      ...(person.conflicts ? { conflictOrgIds: person.conflicts.map((k) => `org-${k}`) } : {}),
      joinedAt: at(40 - index),
    });
  });
  return { programs, organizations, users, participants };
}
