/**
 * Demo data: a past cohort with the pilot's own figures (2022–23, replayed on 2025–26 dates), so
 * that a newcomer sees outcomes documented and the program report at work.
 *
 * - "Logistique": five collective meetings of about 2 h; 19 of 20 hours used.
 * - "Synergies": four meetings, two collective then two individual; 7 of 20 hours left at the end.
 * - The tools the pilot's groups shared, monthly questionnaires and the final evaluation.
 *
 * Same people as the current program (their accounts take part in both), other participant ids.
 */
import { PILOT_TAXONOMY } from "../../core/data/pilot-taxonomy";
import { quebecInstant } from "../../core/utils/quebec-time";
import type { z } from "zod";
import type { documentSchema } from "../../core/store/schema";

type DocumentInput = z.input<typeof documentSchema>;
type Rows<K extends keyof DocumentInput> = NonNullable<DocumentInput[K]>;

export const PILOT_PROGRAM_ID = "prog-pilote-2025";
const LOGISTIQUE = "grp-pilote-logistique";
const SYNERGIES = "grp-pilote-synergies";
const pid = (key: string) => `pp-${key}`;

const iso = (date: string, time = "12:00") => quebecInstant(date, time).toISOString();

export function pilotCohort(coordinatorId: string) {
  const programs: Rows<"programs"> = [
    {
      id: PILOT_PROGRAM_ID,
      title: "Maillages et mentorat 2025-2026 (cohorte pilote)",
      theme: "Optimisation du réemploi alimentaire en milieu communautaire",
      subThemes: ["Logistique", "Synergies"],
      description:
        "La cohorte pilote : deux groupes de trois, environ 20 heures chacun de septembre à février. " +
        "Ses résultats sont documentés dans le rapport du programme.",
      coordinatorIds: [coordinatorId],
      status: "closed",
      composition: "mentorship",
      regionRule: "distinct-regions",
      mentoringStart: "2025-09-08",
      mentoringEnd: "2026-02-27",
      hourBankHours: 20,
      cadenceWeeksMin: 2,
      cadenceWeeksMax: 5,
      meetingMinutes: 120,
      checkInWeeks: 2,
      format: "online",
      budget: { mentorCompensation: 1000, coordination: 8000 },
      taxonomy: PILOT_TAXONOMY.map((tag) => ({ ...tag })),
      createdAt: iso("2025-06-02"),
    },
  ];

  const people: Array<[string, "mentor" | "mentee", string[], string[]]> = [
    ["louise", "mentor", [], ["transport", "mutualisation", "tri-denrees", "risques"]],
    ["thomas", "mentee", ["transport", "donnees"], ["risques"]],
    ["chloe", "mentee", ["tri-denrees", "mutualisation"], ["communication"]],
    ["sylvie", "mentor", [], ["tarification", "gouvernance", "ges", "plan-action"]],
    ["david", "mentee", ["tarification", "plan-action"], ["partenaires"]],
    ["emilie", "mentee", ["gouvernance", "evenements"], ["evenements"]],
  ];
  const participants: Rows<"participants"> = people.map(([key, role, needs, expertise]) => ({
    id: pid(key),
    programId: PILOT_PROGRAM_ID,
    userId: `u-${key}`,
    organizationId: `org-${key}`,
    role,
    profile: {
      sector: "",
      field: "Réemploi alimentaire",
      needs: needs.map((tag, i) => ({ tag, priority: i === 0 ? 3 : 2 })),
      needsText: "",
      expertise,
      expertiseText: "",
      workingStyle: "between",
      availability: [],
    },
    published: true,
    joinedAt: iso("2025-08-25"),
  }));

  const groups: Rows<"groups"> = [
    {
      id: LOGISTIQUE,
      programId: PILOT_PROGRAM_ID,
      memberIds: [pid("chloe"), pid("louise"), pid("thomas")],
      mentorId: pid("louise"),
      status: "active",
      origin: "solver",
      label: "Logistique",
      suggestedFirstMeeting: "2025-09-16",
      approvedBy: coordinatorId,
      createdAt: iso("2025-09-02"),
    },
    {
      id: SYNERGIES,
      programId: PILOT_PROGRAM_ID,
      memberIds: [pid("david"), pid("emilie"), pid("sylvie")],
      mentorId: pid("sylvie"),
      status: "active",
      origin: "self",
      label: "Synergies",
      suggestedFirstMeeting: "2025-09-23",
      approvedBy: coordinatorId,
      createdAt: iso("2025-09-03"),
    },
  ];

  const meetings: Rows<"meetings"> = [];
  const hourEntries: Rows<"hourEntries"> = [];
  let line = 0;
  const hours = (
    groupId: string,
    key: string,
    kind: "meeting" | "preparation" | "communication" | "follow-up",
    amount: number,
    date: string,
    meetingId?: string,
  ) =>
    hourEntries.push({
      id: `hrs-pilote-${++line}`,
      groupId,
      participantId: pid(key),
      kind,
      hours: amount,
      date,
      note: "",
      meetingId,
      createdAt: iso(date, "18:00"),
    });
  const meeting = (
    groupId: string,
    n: number,
    date: string,
    minutes: number,
    facilitator: string,
    present: string[],
    kind: "collective" | "individual",
    agenda: string,
    tools = "",
  ) => {
    const id = `mtg-${groupId.slice(4)}-${n}`;
    const start = quebecInstant(date, "13:30");
    meetings.push({
      id,
      groupId,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
      kind,
      participantIds: kind === "individual" ? present.map(pid) : [],
      presentIds: present.map(pid),
      facilitatorId: pid(facilitator),
      facilitatorFixed: false,
      theme: "",
      agenda,
      status: "held",
      statusReason: "",
      notes: "",
      tools,
      sequence: 1,
      createdAt: iso("2025-09-05"),
      updatedAt: iso(date, "16:00"),
    });
    for (const key of present) hours(groupId, key, "meeting", minutes / 60, date, id);
  };

  // Logistique: five collective meetings of about 2 h.
  const L = ["louise", "thomas", "chloe"];
  meeting(LOGISTIQUE, 1, "2025-09-16", 120, "louise", L, "collective", "Entente, priorités");
  meeting(
    LOGISTIQUE,
    2,
    "2025-10-14",
    120,
    "thomas",
    L,
    "collective",
    "Transport en région",
    "Gabarit de gestion des risques",
  );
  meeting(
    LOGISTIQUE,
    3,
    "2025-11-18",
    120,
    "louise",
    L,
    "collective",
    "Partage de camion",
    "Modèle d'entente de partage de camion",
  );
  meeting(
    LOGISTIQUE,
    4,
    "2025-12-16",
    120,
    "chloe",
    L,
    "collective",
    "Espace de tri",
    "Guide de tri des denrées",
  );
  meeting(LOGISTIQUE, 5, "2026-01-27", 120, "louise", L, "collective", "Bilan et suites");
  for (const date of ["2025-09-15", "2025-10-13", "2025-11-17", "2025-12-15", "2026-01-26"])
    hours(LOGISTIQUE, "louise", "preparation", 1, date);
  hours(LOGISTIQUE, "thomas", "communication", 1, "2025-10-30");
  hours(LOGISTIQUE, "chloe", "communication", 1, "2025-11-28");
  hours(LOGISTIQUE, "louise", "follow-up", 2, "2026-02-10");

  // Synergies: two collective meetings, then two individual ones; 7 of 20 hours left.
  meeting(
    SYNERGIES,
    1,
    "2025-09-23",
    120,
    "sylvie",
    ["sylvie", "david", "emilie"],
    "collective",
    "Entente, priorités",
  );
  meeting(
    SYNERGIES,
    2,
    "2025-10-28",
    120,
    "emilie",
    ["sylvie", "david", "emilie"],
    "collective",
    "Tarification sociale",
    "Guide de tarification sociale",
  );
  meeting(
    SYNERGIES,
    3,
    "2025-12-02",
    60,
    "sylvie",
    ["sylvie", "david"],
    "individual",
    "Plan d'action de David",
  );
  meeting(
    SYNERGIES,
    4,
    "2026-01-13",
    60,
    "sylvie",
    ["sylvie", "emilie"],
    "individual",
    "Gouvernance",
    "Guide de gouvernance",
  );
  for (const [date, h] of [
    ["2025-09-22", 1.5],
    ["2025-10-27", 1.5],
    ["2025-12-01", 0.5],
    ["2026-01-12", 0.5],
  ] as const)
    hours(SYNERGIES, "sylvie", "preparation", h, date);
  hours(SYNERGIES, "david", "communication", 0.75, "2025-11-12");
  hours(SYNERGIES, "emilie", "communication", 0.75, "2025-11-26");
  hours(SYNERGIES, "sylvie", "follow-up", 1.5, "2026-02-03");

  // The kinds of tools the pilot's groups shared.
  const tools: Rows<"tools"> = [];
  const tool = (
    groupId: string,
    author: string,
    theme: string,
    title: string,
    description: string,
    programWide: boolean,
    date: string,
  ) =>
    tools.push({
      id: `tool-pilote-${tools.length + 1}`,
      programId: PILOT_PROGRAM_ID,
      groupId,
      authorId: pid(author),
      title,
      description,
      theme,
      url: `https://exemple.org/outils/${theme}-${tools.length + 1}`,
      programWide,
      sharedAt: programWide ? iso(date, "17:00") : undefined,
      createdAt: iso(date),
    });
  tool(
    SYNERGIES,
    "sylvie",
    "ges",
    "Calculateur de GES évités",
    "Chiffrier : kilos récupérés → GES évités, par catégorie de denrées.",
    true,
    "2025-10-28",
  );
  tool(
    LOGISTIQUE,
    "louise",
    "risques",
    "Gabarit de gestion des risques",
    "Registre des risques et plan de mitigation, pour un entrepôt et des livraisons.",
    true,
    "2025-10-14",
  );
  tool(
    SYNERGIES,
    "sylvie",
    "tarification",
    "Guide de tarification sociale",
    "Principes, grilles et exemples de tarifs selon le revenu.",
    true,
    "2025-10-28",
  );
  tool(
    SYNERGIES,
    "emilie",
    "evenements",
    "Guide d'événement écoresponsable",
    "Liste de vérification pour une collecte ou une fête de quartier sans gaspillage.",
    true,
    "2025-11-05",
  );
  tool(
    LOGISTIQUE,
    "louise",
    "mutualisation",
    "Modèle d'entente de partage de camion",
    "Gabarit d'entente entre organismes : horaires, assurances, coûts.",
    true,
    "2025-11-18",
  );
  tool(
    LOGISTIQUE,
    "thomas",
    "donnees",
    "Formulaires de collecte de données et tableau de bord",
    "Formulaires de réception des dons et tableau de bord mensuel.",
    false,
    "2025-12-01",
  );
  tool(
    LOGISTIQUE,
    "louise",
    "tri-denrees",
    "Guide de tri des denrées",
    "Critères de tri, étiquetage et durée de conservation.",
    true,
    "2025-12-16",
  );
  tool(
    LOGISTIQUE,
    "chloe",
    "tri-denrees",
    "Plan d'aménagement d'un espace de tri",
    "Plan type d'un espace de tri de 40 m² avec circulation.",
    false,
    "2025-12-16",
  );
  tool(
    SYNERGIES,
    "sylvie",
    "plan-action",
    "Modèles de plans d'action",
    "Deux plans d'action d'organismes, rendus anonymes.",
    false,
    "2025-12-02",
  );
  tool(
    SYNERGIES,
    "sylvie",
    "gouvernance",
    "Guide de gouvernance",
    "Rôles du conseil, de la direction et des comités.",
    true,
    "2026-01-13",
  );
  tool(
    SYNERGIES,
    "david",
    "partenaires",
    "Sondage aux partenaires",
    "Questionnaire de satisfaction pour les partenaires et donateurs.",
    true,
    "2026-01-20",
  );
  // A member asked to share a colleague's tool with the program; the author has not answered yet.
  tools[5]!.shareRequest = { by: pid("chloe"), at: iso("2026-01-28"), status: "pending" };

  const evaluations: Rows<"evaluations"> = [
    ["2025-10", "octobre 2025", "2025-10-27", "2025-11-07"],
    ["2025-11", "novembre 2025", "2025-11-24", "2025-12-05"],
    ["2025-12", "décembre 2025", "2025-12-15", "2026-01-09"],
    ["2026-01", "janvier 2026", "2026-01-26", "2026-02-06"],
  ].map(([key, month, opensOn, closesOn]) => ({
    id: `eval-pilote-${key}`,
    programId: PILOT_PROGRAM_ID,
    kind: "monthly" as const,
    title: `Questionnaire mensuel — ${month}`,
    opensOn: opensOn!,
    closesOn: closesOn!,
    createdBy: coordinatorId,
    createdAt: iso("2025-09-30"),
  }));
  evaluations.push({
    id: "eval-pilote-finale",
    programId: PILOT_PROGRAM_ID,
    kind: "final",
    title: "Évaluation finale",
    opensOn: "2026-02-16",
    closesOn: "2026-03-06",
    createdBy: coordinatorId,
    remindedAt: iso("2026-02-27"),
    createdAt: iso("2026-02-09"),
  });

  const responses: Rows<"evaluationResponses"> = [];
  const groupOf = (key: string) => (L.includes(key) ? LOGISTIQUE : SYNERGIES);
  const monthly: Array<[string, string, number, string, string]> = [
    [
      "2025-10",
      "louise",
      5,
      "Des échanges francs dès la première rencontre.",
      "Trouver une plage commune.",
    ],
    [
      "2025-10",
      "thomas",
      4,
      "Des exemples concrets d'une autre région.",
      "La distance pour une visite.",
    ],
    ["2025-10", "chloe", 5, "Une mentore qui connaît le terrain.", ""],
    [
      "2025-10",
      "sylvie",
      4,
      "Des besoins clairs au départ.",
      "Les besoins débordent de mon expertise.",
    ],
    ["2025-10", "david", 3, "", "Peu de temps pour préparer."],
    ["2025-10", "emilie", 4, "Les outils partagés.", ""],
    ["2025-11", "louise", 5, "Le modèle d'entente a servi tout de suite.", ""],
    ["2025-11", "thomas", 5, "", ""],
    ["2025-11", "chloe", 4, "", "Remplacement d'une collègue."],
    ["2025-11", "sylvie", 4, "", "Agendas chargés."],
    ["2025-11", "david", 4, "Le guide de tarification.", ""],
    ["2025-11", "emilie", 3, "", "Nos priorités ont changé."],
    ["2025-12", "louise", 4, "", ""],
    ["2025-12", "thomas", 4, "", ""],
    ["2025-12", "chloe", 5, "", ""],
    ["2025-12", "sylvie", 3, "", "Rencontres individuelles plus utiles que collectives."],
    ["2025-12", "david", 4, "", ""],
    ["2026-01", "louise", 5, "", ""],
    ["2026-01", "thomas", 5, "", ""],
    ["2026-01", "chloe", 4, "", ""],
    ["2026-01", "sylvie", 4, "", ""],
  ];
  for (const [month, key, appreciation, successFactors, difficulties] of monthly) {
    responses.push({
      id: `resp-${month}-${key}`,
      evaluationId: `eval-pilote-${month}`,
      programId: PILOT_PROGRAM_ID,
      participantId: pid(key),
      groupId: groupOf(key),
      appreciation,
      comment: "",
      quoteConsent: false,
      objectives: [],
      successFactors,
      difficulties,
      submittedAt: iso(`${month}-28`),
    });
  }
  const finals: Array<
    [string, number, "yes" | "partly" | "no", "yes" | "maybe" | "no", string, string, boolean]
  > = [
    [
      "louise",
      5,
      "yes",
      "yes",
      "Transmettre, c'est aussi apprendre.",
      "Prévoir une visite en personne dès le début.",
      true,
    ],
    [
      "thomas",
      5,
      "yes",
      "yes",
      "Un plan de transport réaliste pour notre territoire.",
      "Garder des groupes de trois.",
      true,
    ],
    [
      "chloe",
      4,
      "partly",
      "maybe",
      "Notre espace de tri est réaménagé.",
      "Merci à Louise pour sa patience ; prévoir plus de temps pour le suivi.",
      true,
    ],
    [
      "sylvie",
      4,
      "partly",
      "yes",
      "Les rencontres individuelles ont mieux servi les besoins.",
      "Vérifier que les besoins restent dans l'expertise du mentor.",
      true,
    ],
    [
      "david",
      4,
      "yes",
      "maybe",
      "Une grille tarifaire adoptée par notre CA.",
      "La Cuisine collective de Rouyn-Noranda recommanderait le programme.",
      false,
    ],
    [
      "emilie",
      3,
      "partly",
      "no",
      "Des pistes pour notre gouvernance.",
      "Mieux définir les objectifs au départ.",
      true,
    ],
  ];
  for (const [key, appreciation, reached, keep, learning, recommendations, consent] of finals) {
    responses.push({
      id: `resp-finale-${key}`,
      evaluationId: "eval-pilote-finale",
      programId: PILOT_PROGRAM_ID,
      participantId: pid(key),
      groupId: groupOf(key),
      appreciation,
      comment: "",
      quoteConsent: consent,
      objectives: [],
      successFactors: "",
      difficulties: "",
      learning,
      objectivesReached: reached,
      recommendations,
      continueMeeting: keep,
      submittedAt: iso("2026-02-20"),
    });
  }

  const checkIns: Rows<"checkIns"> = [
    {
      id: "chk-pilote-1",
      groupId: SYNERGIES,
      participantId: pid("emilie"),
      needsStatus: "changed",
      update: "Notre CA a changé ; la gouvernance passe avant les événements.",
      changes: "Priorité : gouvernance.",
      questions: "Comment préparer une AGA ?",
      createdAt: iso("2025-11-26"),
    },
    {
      id: "chk-pilote-2",
      groupId: LOGISTIQUE,
      participantId: pid("thomas"),
      needsStatus: "on-track",
      update: "Deux circuits de livraison regroupés ; nous testons l'entente de partage de camion.",
      changes: "",
      questions: "",
      createdAt: iso("2025-11-30"),
    },
  ];
  const observerNotes: Rows<"observerNotes"> = [
    {
      id: "obs-pilote-1",
      programId: PILOT_PROGRAM_ID,
      groupId: LOGISTIQUE,
      meetingDate: "2025-11-18",
      note: "Groupe engagé ; la mentore laisse de la place aux questions. Suivi écrit régulier.",
      createdBy: coordinatorId,
      createdAt: iso("2025-11-18", "17:00"),
    },
  ];
  return {
    programs,
    participants,
    groups,
    meetings,
    hourEntries,
    tools,
    evaluations,
    evaluationResponses: responses,
    checkIns,
    observerNotes,
  };
}
