/**
 * First-start data. With demo data (the default), a living program: the pilot's theme, one
 * coordinator and 18 participants from fictional food-reuse organizations spread over several
 * regions and MRCs. Every demo account uses the password `maillage-demo`.
 * Production with MAILLAGE_DEMO=0 starts from an empty document.
 */
import { needsByPriority } from "../../core/data/plain-words";
import { createHash, randomBytes } from "node:crypto";
import { PILOT_TAXONOMY } from "../../core/data/pilot-taxonomy";
import { quebecDate, quebecInstant } from "../../core/utils/quebec-time";
import { encode } from "../../matching/encode";
import { explainGroup } from "../../matching/explain";
import { planRounds } from "../../matching/round-scheduler";
import { instanceSchema, type Participant as EngineParticipant } from "../../matching/schema";
import { pairScore } from "../../matching/score";
import { hashPassword } from "../../core/security/password";
import { demoGroupSpace } from "./group-space";
import { CO_MENTOR_PEOPLE, coMentorSeat } from "./co-mentors";
import { pilotCohort } from "./pilot";
import { PROXIMITY_PEOPLE, proximityCohort } from "./proximity";
import { membershipsOfGroups } from "../../core/store/seats";
import type { z } from "zod";
import { SCHEMA_VERSION, type documentSchema, type ParticipantRole } from "../../core/store/schema";

type DocumentInput = z.input<typeof documentSchema>;
type Rows<K extends keyof DocumentInput> = NonNullable<DocumentInput[K]>;

export const DEMO_PASSWORD = "maillage-demo";
export const DEMO_COORDINATOR_EMAIL = "coordination@exemple.org";
/** Coordinates the demo program with the coordinator; not an administrator (ADR 0035). */
export const DEMO_CO_COORDINATOR_EMAIL = "co.coordination@exemple.org";
/** An applicant with an account whose application awaits a decision (no program joined yet). */
export const DEMO_APPLICANT_EMAIL = "gabrielle@exemple.org";
export const DEMO_PROGRAM_ID = "prog-reemploi-2026";

interface DemoPerson {
  key: string;
  first: string;
  last: string;
  role: ParticipantRole;
  org: string;
  region: string;
  mrc: string;
  sector: string;
  competitors?: string[];
  /** Needs with their priority (3 élevée, 2 moyenne, 1 faible); stored sorted by it (ADR 0033). */
  needs: Array<[string, 1 | 2 | 3]>;
  expertise: string[];
  style: "structured" | "intuitive" | "between";
  availability: string[];
  needsText?: string;
  expertiseText?: string;
}

const WEEKDAY_MORNINGS = ["mon-am", "tue-am", "wed-am", "thu-am", "fri-am"];
const WEEKDAY_AFTERNOONS = ["mon-pm", "tue-pm", "wed-pm", "thu-pm", "fri-pm"];

/** Fictional organizations and people: any resemblance to a real organization is accidental. */
export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: "louise",
    first: "Louise",
    last: "Bérubé",
    role: "mentor",
    org: "Le Grenier partagé de la Mitis",
    region: "01",
    mrc: "09",
    sector: "Banque alimentaire",
    needs: [["ges", 1]],
    expertise: ["transport", "mutualisation", "vehicules", "entreposage"],
    style: "structured",
    availability: WEEKDAY_MORNINGS,
    expertiseText:
      "Vingt ans de collecte en milieu rural : tournées partagées entre six organismes et un camion réfrigéré mutualisé.",
  },
  {
    key: "marc",
    first: "Marc",
    last: "Tremblay",
    role: "mentor",
    org: "Banque alimentaire Fjord-et-Lac",
    region: "02",
    mrc: "942",
    sector: "Banque alimentaire",
    needs: [["communication", 1]],
    expertise: ["chaine-froid", "entreposage", "tri-denrees", "risques"],
    style: "structured",
    availability: [...WEEKDAY_MORNINGS, "tue-pm", "thu-pm"],
    expertiseText:
      "Entrepôt de 800 m² avec chambres froides ; protocoles MAPAQ et gestion des rappels.",
  },
  {
    key: "nathalie",
    first: "Nathalie",
    last: "Gagnon",
    role: "mentor",
    org: "La Halte gourmande de Québec",
    region: "03",
    mrc: "23",
    sector: "Épicerie solidaire",
    needs: [["vehicules", 1]],
    expertise: ["tarification", "commercialisation", "communication"],
    style: "intuitive",
    availability: WEEKDAY_AFTERNOONS,
    expertiseText:
      "Épicerie solidaire à tarification sociale en trois paliers et gamme de plats transformés.",
  },
  {
    key: "patrice",
    first: "Patrice",
    last: "Lemieux",
    role: "mentor",
    org: "Frigos solidaires de la Mauricie",
    region: "04",
    mrc: "371",
    sector: "Frigo communautaire",
    needs: [["financement", 2]],
    expertise: ["donnees", "ges", "partenaires", "evenements"],
    style: "between",
    availability: ["mon-pm", "wed-am", "wed-pm", "fri-am"],
    expertiseText:
      "Tableau de bord des volumes récupérés et calcul des GES évités pour douze frigos.",
  },
  {
    key: "sylvie",
    first: "Sylvie",
    last: "Côté",
    role: "mentor",
    org: "Épicerie solidaire L'Entre-Deux",
    region: "06",
    mrc: "66",
    sector: "Épicerie solidaire",
    needs: [["donnees", 2]],
    expertise: ["gouvernance", "financement", "plan-action", "retention"],
    style: "structured",
    availability: ["tue-am", "tue-pm", "thu-am", "thu-pm"],
    expertiseText:
      "Direction générale depuis 12 ans ; conseil d'administration renouvelé et plan stratégique.",
  },
  {
    key: "yves",
    first: "Yves",
    last: "Lachance",
    role: "mentor",
    org: "Coop Récolte urbaine de l'Outaouais",
    region: "07",
    mrc: "81",
    sector: "Récupération et transformation",
    needs: [["gouvernance", 2]],
    expertise: ["commercialisation", "tri-denrees", "mutualisation", "partenaires"],
    style: "intuitive",
    availability: ["mon-am", "wed-am", "fri-am", "fri-pm"],
    expertiseText: "Transformation des surplus en conserves et soupes vendues en épicerie.",
  },
  {
    key: "amelie",
    first: "Amélie",
    last: "Roy",
    role: "mentee",
    org: "Le Panier collectif de Rimouski",
    region: "01",
    mrc: "10",
    sector: "Cuisine collective",
    needs: [
      ["commercialisation", 3],
      ["tarification", 2],
      ["communication", 1],
    ],
    expertise: ["evenements"],
    style: "intuitive",
    availability: WEEKDAY_AFTERNOONS,
    needsText: "Lancer une gamme de plats transformés à partir des invendus, à prix accessible.",
  },
  {
    key: "benoit",
    first: "Benoît",
    last: "Girard",
    role: "mentee",
    org: "Entraide alimentaire des Cantons",
    region: "05",
    mrc: "43",
    sector: "Banque alimentaire",
    needs: [
      ["chaine-froid", 3],
      ["entreposage", 3],
      ["risques", 1],
    ],
    expertise: ["partenaires"],
    style: "structured",
    availability: WEEKDAY_MORNINGS,
    needsText: "Nos chambres froides débordent l'été ; nous perdons des denrées.",
  },
  {
    key: "chloe",
    first: "Chloé",
    last: "Pelletier",
    role: "mentee",
    org: "Frigo communautaire du Granit",
    region: "05",
    mrc: "30",
    sector: "Frigo communautaire",
    needs: [
      ["donnees", 3],
      ["ges", 2],
    ],
    expertise: ["communication"],
    style: "between",
    availability: ["mon-pm", "wed-am", "wed-pm"],
    needsText: "Mesurer ce que nos frigos récupèrent pour nos bailleurs de fonds.",
  },
  {
    key: "david",
    first: "David",
    last: "Morin",
    role: "mentee",
    org: "Cuisine collective de Rouyn-Noranda",
    region: "08",
    mrc: "86",
    sector: "Cuisine collective",
    needs: [
      ["transport", 3],
      ["mutualisation", 2],
      ["vehicules", 2],
    ],
    expertise: ["tri-denrees"],
    style: "structured",
    availability: ["tue-am", "thu-am", "fri-am"],
    needsText:
      "Nos collectes chez les épiciers prennent trop de temps : nous cherchons à mutualiser un camion.",
  },
  {
    key: "emilie",
    first: "Émilie",
    last: "Fortin",
    role: "mentee",
    org: "Récup'Aliments Laval",
    region: "13",
    mrc: "65",
    sector: "Récupération et transformation",
    needs: [
      ["gouvernance", 3],
      ["retention", 2],
      ["plan-action", 1],
    ],
    expertise: ["donnees"],
    style: "structured",
    availability: ["tue-am", "tue-pm", "thu-pm"],
    needsText:
      "Jeune organisme : structurer notre conseil d'administration et garder nos bénévoles.",
  },
  {
    key: "francois",
    first: "François",
    last: "Bouchard",
    role: "mentee",
    org: "Le Comptoir de Joliette",
    region: "14",
    mrc: "61",
    sector: "Épicerie solidaire",
    needs: [
      ["tarification", 3],
      ["financement", 2],
    ],
    expertise: ["evenements", "communication"],
    style: "intuitive",
    availability: ["mon-pm", "tue-pm", "wed-pm"],
    needsText: "Passer d'un comptoir gratuit à une épicerie à tarification sociale.",
  },
  {
    key: "isabelle",
    first: "Isabelle",
    last: "Gauthier",
    role: "mentee",
    org: "Table alimentaire de la Rivière-du-Nord",
    region: "15",
    mrc: "75",
    sector: "Banque alimentaire",
    needs: [
      ["partenaires", 3],
      ["evenements", 2],
      ["ges", 1],
    ],
    expertise: ["gouvernance"],
    style: "between",
    availability: ["mon-am", "wed-am", "wed-pm", "fri-am"],
    needsText: "Mobiliser les épiciers et producteurs de la MRC autour d'une collecte commune.",
  },
  {
    key: "julien",
    first: "Julien",
    last: "Ouellet",
    role: "mentee",
    org: "Marché solidaire du Haut-Richelieu",
    region: "16",
    mrc: "56",
    sector: "Épicerie solidaire",
    needs: [
      ["commercialisation", 3],
      ["tri-denrees", 2],
    ],
    expertise: ["financement"],
    style: "intuitive",
    availability: ["tue-pm", "thu-am", "thu-pm"],
    needsText: "Organiser le tri des dons de producteurs et écouler les surplus.",
  },
  {
    key: "karine",
    first: "Karine",
    last: "Caron",
    role: "mentee",
    org: "Épicerie du cœur de Drummond",
    region: "17",
    mrc: "49",
    sector: "Épicerie solidaire",
    needs: [
      ["retention", 3],
      ["gouvernance", 2],
      ["plan-action", 2],
    ],
    expertise: ["tarification"],
    style: "structured",
    availability: ["tue-am", "thu-am", "thu-pm"],
    needsText: "Le roulement de personnel nous épuise ; nous voulons un plan d'action réaliste.",
  },
  {
    key: "mathieu",
    first: "Mathieu",
    last: "Bélanger",
    role: "mentee",
    org: "Cuisines partagées de Lévis",
    region: "12",
    mrc: "251",
    sector: "Cuisine collective",
    needs: [
      ["chaine-froid", 3],
      ["transport", 2],
      ["risques", 2],
    ],
    expertise: ["commercialisation"],
    style: "between",
    availability: WEEKDAY_MORNINGS,
    needsText: "Transporter des plats cuisinés en respectant la chaîne de froid.",
  },
  {
    key: "sophie",
    first: "Sophie",
    last: "Dubé",
    role: "mentee",
    org: "Le Frigo du quartier Saint-Roch",
    region: "03",
    mrc: "23",
    sector: "Frigo communautaire",
    competitors: ["nathalie"],
    needs: [
      ["donnees", 3],
      ["financement", 3],
      ["communication", 1],
    ],
    expertise: ["partenaires"],
    style: "intuitive",
    availability: ["mon-pm", "wed-pm", "fri-pm"],
    needsText: "Documenter nos résultats pour convaincre la Ville de financer un deuxième frigo.",
  },
  {
    key: "thomas",
    first: "Thomas",
    last: "Leclerc",
    role: "mentee",
    org: "Banque alimentaire de la Côte-de-Gaspé",
    region: "11",
    mrc: "03",
    sector: "Banque alimentaire",
    needs: [
      ["transport", 3],
      ["entreposage", 2],
      ["vehicules", 1],
    ],
    expertise: ["risques"],
    style: "structured",
    availability: ["mon-am", "tue-am", "wed-am"],
    needsText: "Desservir un territoire de 200 km avec un seul camion vieillissant.",
  },
];

export async function demoDocument(now = new Date()): Promise<DocumentInput> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  // Every demo account has the same published password: one scrypt hash serves them all (a hash
  // per account cost a second or more of every first start and of every test server).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const doc = {
    schemaVersion: SCHEMA_VERSION as typeof SCHEMA_VERSION,
    users: [] as Rows<"users">,
    organizations: [] as Rows<"organizations">,
    programs: [] as Rows<"programs">,
    participants: [] as Rows<"participants">,
    invitations: [] as Rows<"invitations">,
    coordinatorInvitations: [] as Rows<"coordinatorInvitations">,
    applications: [] as Rows<"applications">,
    events: [] as Rows<"events">,
    ratings: [] as Rows<"ratings">,
    roomNotes: [] as Rows<"roomNotes">,
    groups: [] as Rows<"groups">,
    memberships: [] as Rows<"memberships">,
    groupProposals: [] as Rows<"groupProposals">,
    solverRuns: [] as Rows<"solverRuns">,
    notifications: [] as Rows<"notifications">,
    agreements: [] as Rows<"agreements">,
    hourEntries: [] as Rows<"hourEntries">,
    meetings: [] as Rows<"meetings">,
    actionItems: [] as Rows<"actionItems">,
    codevSessions: [] as Rows<"codevSessions">,
    checkIns: [] as Rows<"checkIns">,
    tools: [] as Rows<"tools">,
    evaluations: [] as Rows<"evaluations">,
    evaluationResponses: [] as Rows<"evaluationResponses">,
    observerNotes: [] as Rows<"observerNotes">,
    coordinationEntries: [] as Rows<"coordinationEntries">,
    interviews: [] as Rows<"interviews">,
  };
  const coordinatorId = "u-coordination";
  const coCoordinatorId = "u-co-coordination";
  doc.users.push(
    {
      id: coordinatorId,
      email: DEMO_COORDINATOR_EMAIL,
      name: "Geneviève Lavoie",
      // The demo's administrator too: she grants the coordinator role at /admin/users.
      role: "coordinator",
      admin: true,
      passwordHash,
      locale: "fr",
      createdAt: at(120),
    },
    {
      // Invited by Geneviève to coordinate the demo program with her (a regional table's agent).
      id: coCoordinatorId,
      email: DEMO_CO_COORDINATOR_EMAIL,
      name: "Karim Benali",
      role: "participant",
      passwordHash,
      locale: "fr",
      createdAt: at(100),
    },
  );
  doc.programs.push({
    id: DEMO_PROGRAM_ID,
    title: "Maillages et mentorat 2026-2027",
    theme: "Optimisation du réemploi alimentaire en milieu communautaire",
    subThemes: ["Logistique", "Synergies"],
    description:
      "Des organismes en réemploi alimentaire (banques alimentaires, frigos communautaires, épiceries solidaires) " +
      "se regroupent par trois : une personne mentore d'expérience et deux personnes mentorées de régions différentes. " +
      "Environ 20 heures sur 4 à 6 mois, une rencontre d'environ 2 heures toutes les 2 à 4 semaines.",
    coordinatorIds: [coordinatorId, coCoordinatorId],
    status: "open",
    composition: "mentorship",
    regionRule: "distinct-regions",
    mentoringStart: "2027-01-11",
    mentoringEnd: "2027-06-11",
    hourBankHours: 20,
    applicationOpens: "2026-09-15",
    applicationCloses: "2026-12-18",
    cadenceWeeksMin: 2,
    cadenceWeeksMax: 4,
    meetingMinutes: 120,
    format: "hybrid",
    budget: { mentorCompensation: 1500, coordination: 12000 },
    taxonomy: PILOT_TAXONOMY.map((tag) => ({ ...tag })),
    createdAt: at(120),
  });
  // Geneviève invited a regional table to coordinate with her three days ago; no answer yet. The
  // coordinators' page lists it with the button that withdraws it (its link is in no one's hands).
  doc.coordinatorInvitations.push({
    id: "cinv-demo-table-regionale",
    programId: DEMO_PROGRAM_ID,
    tokenHash: createHash("sha256").update(randomBytes(24)).digest("hex"),
    email: "table.regionale@exemple.org",
    createdBy: coordinatorId,
    createdAt: at(3),
    expiresAt: at(3 - 14),
  });
  DEMO_PEOPLE.forEach((person, index) => {
    doc.organizations.push({
      id: `org-${person.key}`,
      name: person.org,
      region: person.region,
      mrc: person.mrc,
      sector: person.sector,
      competitorIds: (person.competitors ?? []).map((key) => `org-${key}`),
      createdAt: at(90),
    });
    doc.users.push({
      id: `u-${person.key}`,
      email: `${person.key}@exemple.org`,
      name: `${person.first} ${person.last}`,
      role: "participant",
      passwordHash,
      locale: "fr",
      createdAt: at(90 - index),
    });
    doc.participants.push({
      id: `p-${person.key}`,
      programId: DEMO_PROGRAM_ID,
      userId: `u-${person.key}`,
      organizationId: `org-${person.key}`,
      role: person.role,
      profile: {
        sector: person.sector,
        field: "Réemploi alimentaire",
        needs: needsByPriority(person.needs.map(([tag, priority]) => ({ tag, priority }))),
        needsText: person.needsText ?? "",
        expertise: person.expertise,
        expertiseText: person.expertiseText ?? "",
        workingStyle: person.style,
        availability: person.availability,
      },
      published: true,
      joinedAt: at(80 - index),
    });
  });
  // Marc hosts a site visit of his warehouse: his compensation is set above the program's figure.
  doc.participants.find((p) => p.id === "p-marc")!.compensation = 1800;
  // The coordination's time so far (the pilot found it underestimated): recruitment, selection,
  // the pairing after the speed dating, the first follow-up.
  const coordination = (
    key: string,
    daysAgo: number,
    hours: number,
    task: Rows<"coordinationEntries">[number]["task"],
    note: string,
  ) =>
    doc.coordinationEntries.push({
      id: `crd-demo-${key}`,
      programId: DEMO_PROGRAM_ID,
      userId: coordinatorId,
      date: quebecDate(at(daysAgo)),
      hours,
      task,
      note,
      createdAt: at(daysAgo),
    });
  coordination(
    "recrutement",
    70,
    6,
    "recruitment",
    "Appels aux organismes et séance d'information",
  );
  coordination("selection", 40, 4.5, "selection", "Lecture et notation des formulaires d'intérêt");
  coordination("jumelage", 3, 2.5, "pairing", "Speed dating et approbation des groupes");
  coordination("suivi", 1, 0.75, "follow-up", "Premier contact avec le groupe Chaîne de froid");
  doc.applications.push(...demoApplications(at, coordinatorId));
  // An applicant with an account (Gabrielle, the contact person of the Sept-Îles application,
  // which awaits a decision): her dashboard shows it, and the interest form is pre-filled.
  doc.users.push({
    id: "u-gabrielle",
    email: DEMO_APPLICANT_EMAIL,
    name: "Gabrielle Vigneault",
    role: "participant",
    passwordHash,
    locale: "fr",
    createdAt: at(11),
  });
  const { event, ratings } = demoEvent(at, coordinatorId);
  doc.events.push(event, demoUpcomingEvent(at, coordinatorId));
  doc.ratings.push(...ratings);
  // A group formed after the event: Marc (cold chain, storage) with two mentees who need them.
  doc.groups.push({
    id: "grp-demo-chaine-froid",
    programId: DEMO_PROGRAM_ID,
    label: "Chaîne de froid",
    memberIds: ["p-benoit", "p-marc", "p-mathieu"],
    mentorId: "p-marc",
    status: "active",
    origin: "solver",
    explanation: demoExplanation(["benoit", "marc", "mathieu"]),
    suggestedFirstMeeting: quebecDate(at(-5)),
    approvedBy: coordinatorId,
    // Benoît turned on the agreement's observation point: the coordination observes (ADR 0027).
    observerInvitation: { by: "p-benoit", at: at(2.8) },
    createdAt: at(3),
  });
  doc.solverRuns.push(demoSolverRun(at, coordinatorId));
  const space = demoGroupSpace(now, "2027-06-11", doc.groups[0]!.suggestedFirstMeeting);
  doc.agreements.push(...space.agreements);
  doc.meetings.push(...space.meetings);
  doc.hourEntries.push(...space.hourEntries);
  doc.actionItems.push(...space.actionItems);
  doc.codevSessions.push(...space.codevSessions);
  doc.checkIns.push(...space.checkIns);
  doc.tools.push(...space.tools);
  doc.evaluations.push(...space.evaluations);
  doc.observerNotes.push(...space.observerNotes);
  // A mentor seat shared by two co-mentors of one organization, who take turns leading.
  const shared = coMentorSeat(
    DEMO_PROGRAM_ID,
    coordinatorId,
    now,
    "2027-06-11",
    Array.from({ length: CO_MENTOR_PEOPLE }, () => passwordHash),
  );
  doc.organizations.push(...shared.organizations);
  doc.users.push(...shared.users);
  doc.participants.push(...shared.participants);
  doc.groups.push(...shared.groups);
  doc.meetings.push(...shared.meetings);
  doc.hourEntries.push(...shared.hourEntries);
  doc.interviews.push(...demoInterviews(at, coordinatorId));
  const pilot = pilotCohort(coordinatorId, DEMO_PEOPLE, passwordHash);
  doc.programs.push(...pilot.programs);
  doc.applications.push(...pilot.applications);
  doc.users.push(...pilot.users);
  doc.participants.push(...pilot.participants);
  doc.groups.push(...pilot.groups);
  doc.meetings.push(...pilot.meetings);
  doc.hourEntries.push(...pilot.hourEntries);
  doc.tools.push(...pilot.tools);
  doc.actionItems.push(...pilot.actionItems);
  doc.evaluations.push(...pilot.evaluations);
  doc.evaluationResponses.push(...pilot.evaluationResponses);
  doc.checkIns.push(...pilot.checkIns);
  doc.observerNotes.push(...pilot.observerNotes);
  doc.coordinationEntries.push(...pilot.coordinationEntries);
  doc.interviews.push(...pilot.interviews);
  // The pilot report's proximity option: one region, three MRCs, conflicts of interest declared.
  const proximity = proximityCohort(
    coordinatorId,
    at,
    PROXIMITY_PEOPLE.map(() => passwordHash),
  );
  doc.programs.push(...proximity.programs);
  doc.organizations.push(...proximity.organizations);
  doc.users.push(...proximity.users);
  doc.participants.push(...proximity.participants);
  doc.memberships = membershipsOfGroups(doc.groups, at(0));
  return doc;
}

/**
 * Final interviews in the demo group: Marc's summary validated (it reaches the report), Benoît's
 * awaiting his validation (his dashboard shows it), Mathieu's still to come.
 */
function demoInterviews(
  at: (daysAgo: number) => string,
  coordinatorId: string,
): Rows<"interviews"> {
  const when = (daysAgo: number, time: string) =>
    quebecInstant(quebecDate(at(daysAgo)), time).toISOString();
  const base = {
    programId: DEMO_PROGRAM_ID,
    durationMinutes: 60,
    scheduledBy: coordinatorId,
    createdAt: at(10),
  };
  return [
    {
      ...base,
      id: "itw-demo-marc",
      participantId: "p-marc",
      startsAt: when(4, "13:30"),
      place: "Visioconférence : https://visio.exemple.org/entretien-marc",
      status: "validated",
      revision: 1,
      notes: {
        appreciation: 5,
        learning:
          "Préparer un plan d'action par personne mentorée avant chaque rencontre rend les échanges plus concrets.",
        objectivesReached: "partly",
        recommendations:
          "Prévoir plus de temps de coordination au démarrage et un lieu de visite sur place.",
        continueMeeting: "yes",
      },
      validatedAt: at(2),
      updatedAt: at(2),
    },
    {
      ...base,
      id: "itw-demo-benoit",
      participantId: "p-benoit",
      startsAt: when(3, "10:00"),
      place: "Entraide alimentaire des Cantons, salle de réunion",
      status: "awaiting-validation",
      revision: 1,
      notes: {
        appreciation: 4,
        learning:
          "Un relevé quotidien des températures a réduit nos pertes en chambre froide pendant l'été.",
        objectivesReached: "partly",
        recommendations: "Des rencontres plus rapprochées au début, puis espacées.",
        continueMeeting: "maybe",
      },
      updatedAt: at(1),
    },
    {
      ...base,
      id: "itw-demo-mathieu",
      participantId: "p-mathieu",
      startsAt: when(-6, "14:00"),
      place: "Visioconférence : https://visio.exemple.org/entretien-mathieu",
      status: "scheduled",
      revision: 0,
      updatedAt: at(10),
    },
  ];
}

/** A demo person as the matching engine sees them (as core/models/matching-input.server.ts maps a participant). */
function demoEngineParticipant(p: DemoPerson): EngineParticipant {
  const label = (tag: string) => PILOT_TAXONOMY.find((t) => t.id === tag)?.label ?? tag;
  return {
    id: `p-${p.key}`,
    name: `${p.first} ${p.last}`,
    role: p.role,
    region: p.region,
    mrc: p.mrc,
    organization: `org-${p.key}`,
    competitors: (p.competitors ?? []).map((k) => `org-${k}`),
    needs: p.needs.map(([tag, priority]) => ({ tag: label(tag), priority })),
    expertise: p.expertise.map(label),
    sector: p.sector,
    style: p.style,
    availability: p.availability,
  };
}

/**
 * A finished solver run for everyone else, as the coordinator left it: five proposals, two of
 * which swapped a mentee by hand (Thomas and François), and the fifth rejected, so that Yves,
 * Isabelle and Julien have no group. On the formation page, regrouping a few proposals with one of
 * them finds a better arrangement (the local re-optimization, ADR 0022).
 */
function demoSolverRun(at: (daysAgo: number) => string, coordinatorId: string) {
  const proposals: Array<[string[], "proposed" | "rejected"]> = [
    [["louise", "david", "francois"], "proposed"],
    [["nathalie", "amelie", "thomas"], "proposed"],
    [["patrice", "chloe", "sophie"], "proposed"],
    [["sylvie", "emilie", "karine"], "proposed"],
    [["yves", "isabelle", "julien"], "rejected"],
  ];
  const groups = proposals.map(([keys, decision], i) => {
    const participants = keys.map((key) =>
      demoEngineParticipant(DEMO_PEOPLE.find((p) => p.key === key)!),
    );
    const explanation = explainGroup(
      encode(instanceSchema.parse({ participants })),
      [0, 1, 2],
      false,
    );
    return {
      id: `g${i + 1}`,
      memberIds: keys.map((key) => `p-${key}`),
      mentorId: `p-${keys[0]}`,
      score: Math.round(explanation.pairs.reduce((sum, pair) => sum + pair.score, 0) * 100) / 100,
      explanation: explanation.reasons,
      decision,
    };
  });
  return {
    id: "run-demo-automne",
    programId: DEMO_PROGRAM_ID,
    status: "done" as const,
    startedBy: coordinatorId,
    startedAt: at(2),
    finishedAt: at(2),
    progress: { phase: "done", fraction: 1 },
    groups,
    unplaced: [],
  };
}

/** The engine's explanation of a demo group (what the formation page stores when it is approved). */
function demoExplanation(keys: string[]) {
  const participants = keys.map((key) =>
    demoEngineParticipant(DEMO_PEOPLE.find((p) => p.key === key)!),
  );
  const enc = encode(instanceSchema.parse({ participants }));
  return explainGroup(enc, [0, 1, 2], false).reasons;
}

/**
 * The next speed-dating session, in five days at 13 h 30 Quebec time: already announced to the
 * demo people (their dashboards list it; the reminder goes out the day before).
 */
function demoUpcomingEvent(
  at: (daysAgo: number) => string,
  coordinatorId: string,
): Rows<"events">[number] {
  const invited = DEMO_PEOPLE.map((p) => `p-${p.key}`);
  const startsAt = quebecInstant(quebecDate(at(-5)), "13:30").toISOString();
  const videoUrlPattern = "https://meet.jit.si/maillage-{event}-{room}";
  return {
    id: "evt-demo-decembre",
    programId: DEMO_PROGRAM_ID,
    title: "Séance de speed dating de décembre",
    startsAt,
    invitedParticipantIds: invited,
    rounds: 3,
    roundMinutes: 7,
    breakMinutes: 1,
    roomSize: 2,
    format: "online",
    videoUrlPattern,
    status: "scheduled",
    currentRound: 0,
    schedule: [],
    waitCounts: {},
    revision: 0,
    createdBy: coordinatorId,
    createdAt: at(2),
    announcedParticipantIds: invited,
    announcedStartsAt: startsAt,
    announcedPlace: `online ${videoUrlPattern}`,
    sequence: 0,
  };
}

/**
 * A speed-dating event held last week: three rounds in pairs planned by the real scheduler, and
 * ratings that follow the profiles' fit (so mutual matches and the group solver have material).
 */
function demoEvent(at: (daysAgo: number) => string, coordinatorId: string) {
  const participants = DEMO_PEOPLE.map(demoEngineParticipant);
  const plan = planRounds({ participants, rounds: 3, roomSize: 2, regionRule: "distinct-regions" });
  const eventId = "evt-demo-novembre";
  const schedule = plan.map((round, index) => ({
    round: index + 1,
    rooms: round.rooms.map((members, i) => ({
      id: `r${index + 1}-${i + 1}`,
      number: i + 1,
      members,
    })),
    waiting: round.waiting,
    withoutPartner: round.withoutPartner,
    late: [],
  }));
  const byId = new Map(participants.map((p) => [p.id, p]));
  const ratings: Rows<"ratings"> = [];
  for (const round of schedule) {
    for (const room of round.rooms) {
      for (const from of room.members) {
        for (const to of room.members) {
          if (from === to) continue;
          const fit = pairScore(byId.get(from)!, byId.get(to)!);
          ratings.push({
            id: `rat-${round.round}-${from}-${to}`,
            eventId,
            round: round.round,
            fromParticipantId: from,
            toParticipantId: to,
            answer: fit >= 10 ? "yes" : fit >= 3 ? "maybe" : "no",
            note: "",
            updatedAt: at(6),
          });
        }
      }
    }
  }
  // Last week, 13 h 30 in Quebec (18 h 30 UTC in winter, 17 h 30 in summer).
  const held = quebecInstant(quebecDate(at(7)), "13:30");
  const heldAt = held.toISOString();
  const event: Rows<"events">[number] = {
    id: eventId,
    programId: DEMO_PROGRAM_ID,
    title: "Séance de speed dating de novembre",
    startsAt: heldAt,
    invitedParticipantIds: participants.map((p) => p.id),
    rounds: 3,
    roundMinutes: 7,
    breakMinutes: 1,
    roomSize: 2,
    format: "online",
    videoUrlPattern: "https://meet.jit.si/maillage-{event}-{room}",
    status: "ended",
    currentRound: 3,
    schedule,
    waitCounts: {},
    createdBy: coordinatorId,
    createdAt: at(20),
    startedAt: heldAt,
    endedAt: new Date(held.getTime() + 30 * 60_000).toISOString(),
  };
  return { event, ratings };
}

function demoApplications(
  at: (daysAgo: number) => string,
  coordinatorId: string,
): Rows<"applications"> {
  const base = {
    programId: DEMO_PROGRAM_ID,
    locale: "fr" as const,
    comments: "",
    competitorsText: "",
    competitorOrgIds: [] as string[],
    consent: true,
  };
  const token = () => createHash("sha256").update(randomBytes(24)).digest("hex");
  const profile = (
    sector: string,
    needs: Array<[string, number]>,
    expertise: string[],
    workingStyle: "structured" | "intuitive" | "between",
  ) => ({
    sector,
    field: "Réemploi alimentaire",
    needs: needsByPriority(needs.map(([tag, priority]) => ({ tag, priority }))),
    needsText: "",
    expertise,
    expertiseText: "",
    workingStyle,
    availability: ["tue-am", "thu-am"],
  });
  return [
    {
      ...base,
      id: "app-sept-iles",
      status: "submitted" as const,
      accessTokenHash: token(),
      email: "info@frigopartage-si.exemple.org",
      organizationName: "Frigo-Partage de Sept-Îles",
      contactName: "Gabrielle Vigneault",
      contactEmail: DEMO_APPLICANT_EMAIL,
      concept:
        "Trois frigos communautaires ouverts en 2024 ; nous voulons structurer la collecte auprès des épiceries et mesurer les volumes.",
      operations: ["logistics" as const, "transport" as const],
      operationsText:
        "Collectes en camionnette auprès de deux épiceries, trois fois par semaine ; pas d'entrepôt, les denrées vont directement aux frigos.",
      recentSupport: "yes" as const,
      recentSupportText:
        "Accompagnement en gestion des bénévoles par la corporation de développement communautaire, hiver 2026.",
      // Named in words, as on the public form: the coordinator maps it on the application's page.
      competitorsText: "Banque alimentaire Fjord-et-Lac",
      barriers: "Distances, un seul véhicule, pas de données fiables sur les volumes.",
      mentoringHelp: "Apprendre d'un organisme qui a mutualisé ses tournées en région éloignée.",
      revisionOpenness: "Nous pouvons revoir entièrement nos horaires de collecte.",
      role: "mentee" as const,
      region: "09",
      mrc: "971",
      profile: profile(
        "Frigo communautaire",
        [
          ["transport", 3],
          ["donnees", 2],
        ],
        ["communication"],
        "between",
      ),
      designatedThroughout: true,
      canImplement: true,
      createdAt: at(12),
      updatedAt: at(11),
      submittedAt: at(11),
    },
    {
      ...base,
      id: "app-granby",
      status: "submitted" as const,
      accessTokenHash: token(),
      email: "direction@boitealunch.exemple.org",
      organizationName: "La Boîte à lunch solidaire de Granby",
      contactName: "Olivier Poirier",
      contactEmail: "olivier@exemple.org",
      concept:
        "Repas préparés avec des invendus pour les écoles du quartier ; projet d'atelier de transformation.",
      operations: ["storage" as const, "marketing" as const],
      barriers: "Chaîne de froid pendant la livraison ; prix de vente des repas.",
      mentoringHelp: "Valider notre modèle de tarification et nos procédures de froid.",
      revisionOpenness: "Ouverts, mais la personne désignée n'est pas encore embauchée.",
      role: "mentee" as const,
      region: "05",
      mrc: "47",
      profile: profile(
        "Cuisine collective",
        [
          ["chaine-froid", 3],
          ["tarification", 2],
        ],
        ["evenements"],
        "intuitive",
      ),
      designatedThroughout: false,
      canImplement: true,
      createdAt: at(9),
      updatedAt: at(8),
      submittedAt: at(8),
      recentSupport: "no" as const,
      evaluation: {
        rubric: "project" as const,
        criteria: {
          foodAccess: { score: 3, comment: "Repas scolaires accessibles." },
          themeFit: { score: 2, comment: "" },
          projectQuality: { score: 2, comment: "Projet jeune mais réfléchi." },
          stage: { score: 2, comment: "" },
          openness: { score: 2, comment: "" },
          impact: { score: 2, comment: "" },
          partnerships: { score: 1, comment: "Peu de partenaires pour l'instant." },
        },
        total: 14,
        scoredBy: coordinatorId,
        scoredAt: at(5),
      },
    },
    {
      ...base,
      id: "app-victoriaville",
      status: "waitlisted" as const,
      accessTokenHash: token(),
      email: "info@entrepotcommunautaire.exemple.org",
      organizationName: "Entrepôt communautaire des Bois-Francs",
      contactName: "Denis Lavallée",
      contactEmail: "denis@exemple.org",
      concept:
        "Entrepôt régional qui redistribue à 30 organismes ; souhaite partager son expérience.",
      operations: ["logistics" as const, "storage" as const],
      barriers: "Disponibilité limitée de notre équipe cet hiver.",
      mentoringHelp: "Comme mentor : transmettre nos pratiques d'entreposage.",
      revisionOpenness: "—",
      role: "mentor" as const,
      region: "17",
      mrc: "39",
      profile: profile(
        "Banque alimentaire",
        [],
        ["entreposage", "chaine-froid", "risques"],
        "structured",
      ),
      designatedThroughout: true,
      canImplement: true,
      createdAt: at(20),
      updatedAt: at(6),
      submittedAt: at(19),
      recentSupport: "no" as const,
      // A mentor is scored on the mentors' rubric, not on the seven project criteria.
      evaluation: {
        rubric: "mentor" as const,
        criteria: {
          experience: { score: 3, comment: "Vingt ans d'entreposage régional." },
          flexibility: { score: 1, comment: "Peu disponible cet hiver." },
          communication: { score: 2, comment: "" },
        },
        total: 6,
        scoredBy: coordinatorId,
        scoredAt: at(7),
      },
      decision: {
        status: "waitlisted" as const,
        reason:
          "Assez de mentor·es en entreposage pour cette cohorte ; à recontacter si une place se libère.",
        decidedBy: coordinatorId,
        decidedAt: at(6),
      },
    },
  ];
}
