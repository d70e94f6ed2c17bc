/**
 * Demo data: the closed program "cohorte pilote", a replay of the pilot's own story (summer and fall
 * 2022, replayed three years later: spring to December 2025), so that a newcomer sees a whole
 * program documented and its report at work. Figures come from the pilot's report; its section
 * or table is given next to each (§ and the page of the section in the report's contents). Where the report gives no figure, the replay picks a
 * plausible one and says so ("no figure in the report"). People and organizations are the demo's
 * invented ones (server/seeds/demo.ts), never the report's.
 *
 * - Program: a bank of 20 h per group (§1.2, p. 10), 2 500 $ per mentor and 10 000 $ for the
 *   coordination and evaluation (Tableau 4 and §2.2 "Compensation financière", p. 19 ff.); five
 *   months of mentoring, July to December (Conclusion, p. 28). The coordination's time, which the
 *   report says was underestimated but does not count: plausible hours (`PILOT_COORDINATION_TIME`).
 * - Intake: 10 interest forms received in April, 4 mentee projects retained (§1.2). Mentors did
 *   not fill the form: the coordination chose them from a list and called them in May (§1.2).
 * - Two groups of three formed by the coordination by theme (§1.2), not self-formed; each group's
 *   three organizations from three regions (§2.2 "Participant·es provenant de différentes
 *   régions"), five regions in all (Conclusion, p. 28).
 * - "Logistique": two mentors of one organization sharing one mentor seat, who took turns leading
 *   by theme (§1.2; Conclusion, note 2), five collective meetings of about 2 h between July and
 *   December (§1.3, p. 12), the whole bank used (§2.2 "Calendrier précis et respecté"), about half
 *   of it outside meetings (§2.2 "Banque d'heures de mentorat").
 * - "Synergies": four meetings July–November, two collective, then two individual with one mentee
 *   (the other's project could not take part: the person to be mentored was hired late, §1.3 and
 *   §2.2 "Choix des mentoré·es"); about 7 of 20 hours left at the December evaluation (§1.3;
 *   Conclusion, note 4).
 * - The tools of Tableau 3 (§2.1, p. 15) in their group, shared by the mentors, and one list
 *   shared the other way, by a mentee to her mentor and the other mentee (§2.1, after Tableau 3).
 * - Monthly questionnaires; the coordination attended meetings as an observer, invited by both
 *   groups, its notes linked to the meetings it observed; every meeting online (§1.4, p. 13;
 *   Tableau 4 "Fréquence, format et durée").
 * - The final evaluation: an individual interview of about an hour with each participant in
 *   December, whose summary each one validated (§1.4, p. 13). There was no final questionnaire in
 *   the pilot: the interviews are interview records, validated, and reach the report's interview
 *   section.
 *
 * The exported constants at the end of this file hold what the tests compare with the report: the
 * co-mentor, the interviews, the compensation, the coordination's time, the observed meetings and
 * the meetings' place.
 */
import { needsByPriority } from "../../core/data/plain-words";
import { createHash, randomBytes } from "node:crypto";
import { PILOT_TAXONOMY } from "../../core/data/pilot-taxonomy";
import { quebecDate, quebecInstant } from "../../core/utils/quebec-time";
import type { z } from "zod";
import type { documentSchema } from "../../core/store/schema";

type DocumentInput = z.input<typeof documentSchema>;
type Rows<K extends keyof DocumentInput> = NonNullable<DocumentInput[K]>;

/** What the replay needs to know of a demo person (server/seeds/demo.ts `DEMO_PEOPLE`). */
export interface PilotPersonSource {
  key: string;
  first: string;
  last: string;
  org: string;
  region: string;
  mrc: string;
}

export const PILOT_PROGRAM_ID = "prog-pilote-2025";
export const PILOT_GROUPS = {
  logistique: "grp-pilote-logistique",
  synergies: "grp-pilote-synergies",
} as const;
const LOGISTIQUE = PILOT_GROUPS.logistique;
const SYNERGIES = PILOT_GROUPS.synergies;
export const pilotParticipantId = (key: string) => `pp-${key}`;
const pid = pilotParticipantId;

const iso = (date: string, time = "12:00") => quebecInstant(date, time).toISOString();

/**
 * The pilot's six seats, by demo person: Logistique's mentor seat (Louise, shared with a colleague
 * of her organization, `PILOT_CO_MENTOR`: seven people in six seats), two mentees in charge of
 * their organization (§1.2);
 * Synergies' mentor (strategic planning in food on a territory, in a health-mission non-profit
 * rather than food reuse: Conclusion, note 3), the mentee who stayed and the one whose project could not
 * take part. Regions 01, 11 and 05; 06, 13 and 01: three per group, five in all.
 */
export const PILOT_PEOPLE = {
  logistique: { mentor: "louise", mentees: ["thomas", "chloe"] },
  synergies: { mentor: "sylvie", mentees: ["emilie", "amelie"], left: "amelie" },
} as const;

/**
 * The pilot program's records. `passwordHash`: for the one account the replay adds, the
 * co-mentor's (every other pilot person is a demo person, whose account demo.ts creates).
 */
export function pilotCohort(
  coordinatorId: string,
  demoPeople: readonly PilotPersonSource[],
  passwordHash: string,
) {
  const person = (key: string) => {
    const found = demoPeople.find((p) => p.key === key);
    if (!found) throw new Error(`the pilot replay needs the demo person "${key}"`);
    return found;
  };

  const programs: Rows<"programs"> = [
    {
      id: PILOT_PROGRAM_ID,
      title: "Maillages et mentorat 2025 (cohorte pilote)",
      theme: "Optimisation du réemploi alimentaire en milieu communautaire",
      subThemes: ["Logistique", "Synergies"],
      description:
        "La cohorte pilote : deux groupes de trois formés par la coordination, une banque d'environ " +
        "20 heures par groupe de juillet à décembre, des rencontres en ligne. Ses résultats sont " +
        "documentés dans le rapport du programme.",
      coordinatorIds: [coordinatorId],
      status: "closed",
      composition: "mentorship",
      regionRule: "distinct-regions",
      // Interest forms in April (§1.2); mentoring from July to December (Conclusion).
      applicationOpens: "2025-03-27",
      applicationCloses: "2025-04-18",
      mentoringStart: "2025-07-07",
      mentoringEnd: "2025-12-19",
      hourBankHours: 20,
      // Meetings every two to four weeks, about two hours, online (Tableau 4).
      cadenceWeeksMin: 2,
      cadenceWeeksMax: 4,
      meetingMinutes: 120,
      checkInWeeks: 2,
      format: "online",
      // 2 500 $ per mentor organization, 10 000 $ for coordination and evaluation (Tableau 4, §2.2).
      budget: { mentorCompensation: 2500, coordination: 10000 },
      taxonomy: PILOT_TAXONOMY.map((tag) => ({ ...tag })),
      // Closed once the final interviews were validated; its participants' personal information is
      // kept two years, then purged by the daily retention job (ADR 0038).
      closedAt: iso("2026-01-16"),
      retentionMonths: 24,
      // Planned with the advisory committee in February (Tableau 1, §1.2).
      createdAt: iso("2025-02-17"),
    },
  ];

  // ─── Intake: 10 interest forms, 4 projects retained (§1.2) ─────────────────────────────────────
  // The report gives the counts and the criteria (Tableau 2); the six forms not retained, their
  // scores and reasons are invented, plausible: not food reuse, too early, nobody designated.
  const CO_MENTOR = PILOT_CO_MENTOR.person;
  const token = () => createHash("sha256").update(randomBytes(24)).digest("hex");
  const applications: Rows<"applications"> = [];
  const application = (
    n: number,
    who: { org: string; contact: string; email: string; region: string; mrc: string },
    needs: Array<[string, 1 | 2 | 3]>,
    concept: string,
    operations: Array<"logistics" | "transport" | "storage" | "marketing">,
    scores: [number, number, number, number, number, number, number],
    decision: { status: "accepted" | "rejected"; reason: string; participant?: string },
    designatedThroughout = true,
  ) => {
    const id = `app-pilote-${String(n).padStart(2, "0")}`;
    const submitted = `2025-04-${String(2 + n).padStart(2, "0")}`;
    const [foodAccess, themeFit, projectQuality, stage, openness, impact, partnerships] = scores;
    const criterion = (score: number) => ({ score, comment: "" });
    applications.push({
      id,
      programId: PILOT_PROGRAM_ID,
      status: decision.status,
      accessTokenHash: token(),
      locale: "fr",
      email: who.email,
      organizationName: who.org,
      contactName: who.contact,
      contactEmail: who.email,
      concept,
      operations,
      barriers: "",
      mentoringHelp: "",
      revisionOpenness: "",
      comments: "",
      role: "mentee",
      region: who.region,
      mrc: who.mrc,
      profile: {
        sector: "",
        field: "Réemploi alimentaire",
        needs: needsByPriority(needs.map(([tag, priority]) => ({ tag, priority }))),
        needsText: "",
        expertise: [],
        expertiseText: "",
        workingStyle: "between",
        availability: [],
      },
      competitorsText: "",
      competitorOrgIds: [],
      designatedThroughout,
      canImplement: true,
      consent: true,
      createdAt: iso(submitted, "09:00"),
      updatedAt: iso(submitted, "10:00"),
      submittedAt: iso(submitted, "10:00"),
      evaluation: {
        criteria: {
          foodAccess: criterion(foodAccess),
          themeFit: criterion(themeFit),
          projectQuality: criterion(projectQuality),
          stage: criterion(stage),
          openness: criterion(openness),
          impact: criterion(impact),
          partnerships: criterion(partnerships),
        },
        total: scores.reduce((a, b) => a + b, 0),
        scoredBy: coordinatorId,
        scoredAt: iso("2025-04-22"),
      },
      // Selection after the advisory committee's opinion of 21 April (Tableau 1, §1.2).
      decision: {
        status: decision.status,
        reason: decision.reason,
        decidedBy: coordinatorId,
        decidedAt: iso("2025-04-24"),
      },
      participantId: decision.participant ? pid(decision.participant) : undefined,
    });
  };
  const demoForm = (key: string) => {
    const p = person(key);
    return {
      org: p.org,
      contact: `${p.first} ${p.last}`,
      email: `${key}@exemple.org`,
      region: p.region,
      mrc: p.mrc,
    };
  };
  const retained = "Retenu : projet établi, partenaires variés, prêt à revoir ses pratiques.";
  application(
    1,
    {
      org: "Jardins partagés du Témiscouata",
      contact: "Rosalie Dumas",
      email: "rosalie@exemple.org",
      region: "01",
      mrc: "13",
    },
    [["commercialisation", 3]],
    "Vente de légumes de jardins collectifs en kiosque l'été.",
    ["marketing"],
    [2, 1, 2, 1, 2, 1, 2],
    { status: "rejected", reason: "Production agricole plutôt que réemploi alimentaire." },
  );
  application(
    2,
    demoForm("thomas"),
    [
      ["transport", 3],
      ["entreposage", 2],
      ["vehicules", 2],
    ],
    "Banque alimentaire régionale : collectes chez les épiciers sur un vaste territoire, un seul camion.",
    ["logistics", "transport", "storage"],
    [3, 3, 3, 3, 3, 2, 3],
    { status: "accepted", reason: retained, participant: "thomas" },
  );
  application(
    3,
    {
      org: "Frigo libre-service de Val-des-Sources",
      contact: "Hugo Marchand",
      email: "hugo@exemple.org",
      region: "05",
      mrc: "40",
    },
    [["donnees", 2]],
    "Un frigo libre-service ouvert ce printemps, géré par des bénévoles.",
    ["logistics"],
    [3, 3, 1, 1, 2, 1, 1],
    { status: "rejected", reason: "Projet trop récent : le mentorat aidera davantage plus tard." },
  );
  application(
    4,
    {
      org: "Popote roulante des Basques",
      contact: "Lise Pelchat",
      email: "lise@exemple.org",
      region: "01",
      mrc: "11",
    },
    [["vehicules", 2]],
    "Livraison de repas aux aînés ; une partie des ingrédients vient d'invendus.",
    ["transport"],
    [3, 2, 2, 2, 1, 1, 2],
    {
      status: "rejected",
      reason: "Réemploi accessoire au projet ; peu d'ouverture à revoir ses façons de faire.",
    },
  );
  application(
    5,
    demoForm("chloe"),
    [
      ["tri-denrees", 3],
      ["mutualisation", 2],
      ["donnees", 2],
    ],
    "Frigos communautaires et tri des invendus de la MRC, avec plusieurs partenaires.",
    ["logistics", "transport", "storage"],
    [3, 3, 3, 3, 3, 2, 2],
    { status: "accepted", reason: retained, participant: "chloe" },
  );
  application(
    6,
    {
      org: "Cuisine solidaire de Charlevoix",
      contact: "Mathilde Simard",
      email: "mathilde@exemple.org",
      region: "03",
      mrc: "16",
    },
    [["tarification", 2]],
    "Ateliers de cuisine avec des denrées récupérées.",
    ["storage"],
    [3, 2, 2, 2, 2, 1, 1],
    { status: "rejected", reason: "Personne désignée pas encore identifiée pour toute la durée." },
    false,
  );
  application(
    7,
    demoForm("emilie"),
    [
      ["gouvernance", 3],
      ["partenaires", 3],
      ["plan-action", 2],
    ],
    "Récupération et transformation d'invendus ; une partie des activités suspendue faute d'approvisionnement et d'entente entre partenaires.",
    ["logistics", "marketing"],
    [3, 3, 2, 3, 3, 2, 3],
    { status: "accepted", reason: retained, participant: "emilie" },
  );
  application(
    8,
    {
      org: "Marché de quartier de Sainte-Foy",
      contact: "Éric Lacasse",
      email: "eric@exemple.org",
      region: "03",
      mrc: "23",
    },
    [["commercialisation", 2]],
    "Marché public saisonnier, dons des surplus en fin de journée.",
    ["marketing"],
    [1, 1, 2, 2, 2, 1, 2],
    { status: "rejected", reason: "Objectif d'accès aux aliments sains secondaire." },
  );
  application(
    9,
    demoForm("amelie"),
    [
      ["partenaires", 3],
      ["plan-action", 2],
    ],
    "Cuisine collective avec un volet de distribution ; une ressource à la coordination sera embauchée pour le projet.",
    ["logistics", "marketing"],
    [3, 3, 2, 2, 3, 2, 3],
    { status: "accepted", reason: retained, participant: "amelie" },
  );
  application(
    10,
    {
      org: "Entraide Bois-Francs",
      contact: "Denis Carrier",
      email: "denis@exemple.org",
      region: "17",
      mrc: "39",
    },
    [["financement", 3]],
    "Dépannage alimentaire ; cherche surtout du financement de fonctionnement.",
    [],
    [2, 2, 1, 2, 1, 1, 1],
    { status: "rejected", reason: "Besoin de financement plutôt que de mentorat." },
  );

  // ─── Participants ──────────────────────────────────────────────────────────────────────────────
  const profiles: Record<
    string,
    {
      role: "mentor" | "mentee";
      needs: string[];
      expertise: string[];
      field: string;
      sector?: string;
    }
  > = {
    louise: {
      role: "mentor",
      needs: [],
      expertise: ["transport", "mutualisation", "vehicules", "tri-denrees"],
      field: "Logistique de transport d'aliments",
    },
    // The colleague who shares Louise's seat (`PILOT_CO_MENTOR`): the themes he led.
    [CO_MENTOR.key]: {
      role: "mentor",
      needs: [],
      expertise: ["risques", "donnees", "ges", "tarification", "evenements"],
      field: "Logistique de transport d'aliments",
    },
    thomas: {
      role: "mentee",
      needs: ["transport", "vehicules", "entreposage"],
      expertise: ["risques"],
      field: "Réemploi alimentaire",
    },
    chloe: {
      role: "mentee",
      needs: ["tri-denrees", "mutualisation", "donnees"],
      expertise: ["communication"],
      field: "Réemploi alimentaire",
    },
    sylvie: {
      role: "mentor",
      needs: [],
      expertise: ["plan-action", "gouvernance", "partenaires", "financement"],
      // Another field than the mentees' (Conclusion, note 3).
      field: "Planification et développement stratégique en alimentation sur un territoire",
      sector: "OBNL à mission de santé",
    },
    emilie: {
      role: "mentee",
      needs: ["gouvernance", "partenaires", "plan-action"],
      expertise: ["donnees"],
      field: "Réemploi alimentaire",
    },
    amelie: {
      role: "mentee",
      needs: ["partenaires", "plan-action"],
      expertise: ["evenements"],
      field: "Réemploi alimentaire",
    },
  };
  const applicationOf = new Map(
    applications.filter((a) => a.participantId).map((a) => [a.participantId!, a.id]),
  );
  const participants: Rows<"participants"> = Object.entries(profiles).map(([key, p]) => ({
    id: pid(key),
    programId: PILOT_PROGRAM_ID,
    userId: `u-${key}`,
    organizationId: key === CO_MENTOR.key ? PILOT_CO_MENTOR.organizationId : `org-${key}`,
    role: p.role,
    profile: {
      sector: p.sector ?? "",
      field: p.field,
      needs: p.needs.map((tag, i) => ({ tag, priority: i === 0 ? 3 : 2 })),
      needsText: "",
      expertise: p.expertise,
      expertiseText: "",
      workingStyle: "between",
      availability: [],
    },
    published: true,
    applicationId: applicationOf.get(pid(key)),
    // Everyone confirmed in June (§1.2 "Démarrage").
    joinedAt: iso("2025-06-10"),
  }));
  // The two co-mentors name each other (ADR 0026). Compensation: the report gives 2 500 $ "for
  // each mentor" (Tableau 4), and Logistique's two co-mentors shared one mentor's involvement
  // (§1.2): the replay reads it as 2 500 $ per mentor seat, the shared seat's split in two halves
  // of 1 250 $ (`PILOT_MENTOR_COMPENSATION`); Synergies' mentor has the program's 2 500 $.
  const participant = (id: string) => participants.find((p) => p.id === id)!;
  participant(PILOT_CO_MENTOR.seatHolderId).coMentorId = pid(CO_MENTOR.key);
  participant(pid(CO_MENTOR.key)).coMentorId = PILOT_CO_MENTOR.seatHolderId;
  for (const { participantId, amount } of PILOT_MENTOR_COMPENSATION)
    participant(participantId).compensation = amount;
  // The co-mentor's account: he is in the pilot only (created with the demo's other accounts).
  const users: Rows<"users"> = [
    {
      id: `u-${CO_MENTOR.key}`,
      email: CO_MENTOR.email,
      name: `${CO_MENTOR.first} ${CO_MENTOR.last}`,
      role: "participant",
      passwordHash,
      locale: "fr",
      createdAt: iso("2025-06-10"),
    },
  ];

  // ─── Groups: formed by the coordination, by theme (§1.2) ───────────────────────────────────────
  // "solver" is how the store records a group the coordination formed and approved (the other
  // origin, "self", is a group its members proposed); the pilot's were grouped by hand, with no
  // solver run behind them.
  const groups: Rows<"groups"> = [
    {
      id: LOGISTIQUE,
      programId: PILOT_PROGRAM_ID,
      // Four members for three seats: the mentor seat is Louise's and her colleague's.
      memberIds: [pid("chloe"), pid("louise"), pid(CO_MENTOR.key), pid("thomas")],
      mentorId: pid("louise"),
      coMentorId: pid(CO_MENTOR.key),
      status: "active",
      origin: "solver",
      label: "Logistique",
      suggestedFirstMeeting: "2025-07-15",
      approvedBy: coordinatorId,
      // The coordination observed meetings of both groups (§1.4), invited from the start meeting
      // (who turned the agreement's point on: no figure in the report).
      observerInvitation: { by: pid("thomas"), at: iso("2025-07-15", "15:30") },
      createdAt: iso("2025-06-03"),
    },
    {
      id: SYNERGIES,
      programId: PILOT_PROGRAM_ID,
      memberIds: [pid("amelie"), pid("emilie"), pid("sylvie")],
      mentorId: pid("sylvie"),
      status: "active",
      origin: "solver",
      label: "Synergies",
      suggestedFirstMeeting: "2025-07-22",
      approvedBy: coordinatorId,
      observerInvitation: { by: pid("emilie"), at: iso("2025-07-22", "15:30") },
      createdAt: iso("2025-06-04"),
    },
  ];

  // ─── Meetings and the hour bank ────────────────────────────────────────────────────────────────
  const meetings: Rows<"meetings"> = [];
  const hourEntries: Rows<"hourEntries"> = [];
  const hours = (
    groupId: string,
    key: string,
    kind: "meeting" | "preparation" | "communication" | "follow-up",
    amount: number,
    date: string,
    options: { id?: string; meetingId?: string; forMeetingId?: string; note?: string } = {},
  ) =>
    hourEntries.push({
      id: options.id ?? `hrs-${groupId.slice(4)}-${kind}-${date}`,
      groupId,
      participantId: pid(key),
      kind,
      hours: amount,
      date,
      note: options.note ?? "",
      meetingId: options.meetingId,
      forMeetingId: options.forMeetingId,
      createdAt: iso(date, "18:00"),
    });
  const meetingId = (groupId: string, n: number) => `mtg-${groupId.slice(4)}-${n}`;
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
    const id = meetingId(groupId, n);
    const start = quebecInstant(date, "13:30");
    meetings.push({
      id,
      groupId,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
      kind,
      format: "online",
      place: PILOT_MEETING_PLACE[groupId as keyof typeof PILOT_MEETING_PLACE],
      participantIds: kind === "individual" ? present.map(pid) : [],
      presentIds: present.map(pid),
      facilitatorId: pid(facilitator),
      facilitatorFixed: true,
      theme: "",
      agenda,
      status: "held",
      statusReason: "",
      notes: "",
      tools,
      sequence: 1,
      createdAt: iso("2025-07-02"),
      updatedAt: iso(date, "16:00"),
    });
    for (const key of present)
      hours(groupId, key, "meeting", minutes / 60, date, { id: `hrs-${id}-${key}`, meetingId: id });
  };

  // Logistique: five collective meetings between July and December, 2 h on average (§1.3); the
  // first set the themes and the calendar. Dates and lengths (between 1 h and 2 h 30, §2.2
  // "Fréquence, format et durée"): no figure in the report, a four-week rhythm. The two co-mentors
  // led in turns by theme (Conclusion, note 2): meetings 2 and 4 were the colleague's
  // (`PILOT_CO_MENTOR`). Who attended: both co-mentors at the first, then the one who led (no
  // figure in the report); a meeting's time counts once in the bank, whoever attended.
  const L = ["louise", "thomas", "chloe"];
  const LED_BY_CO_MENTOR = [CO_MENTOR.key, "thomas", "chloe"];
  meeting(
    LOGISTIQUE,
    1,
    "2025-07-15",
    120,
    "louise",
    [...L, CO_MENTOR.key],
    "collective",
    "Thèmes et calendrier ; qui anime quel thème",
  );
  meeting(
    LOGISTIQUE,
    2,
    "2025-08-12",
    120,
    CO_MENTOR.key,
    LED_BY_CO_MENTOR,
    "collective",
    "Risques, données de récupération et GES",
    "Gabarit de gestion des risques\nFormulaires de collecte des volumes\nCalcul des GES évités",
  );
  meeting(
    LOGISTIQUE,
    3,
    "2025-09-09",
    150,
    "louise",
    L,
    "collective",
    "Partage de camions et choix d'un véhicule",
    "Modèle de protocole d'entente pour partager des camions",
  );
  meeting(
    LOGISTIQUE,
    4,
    "2025-10-07",
    90,
    CO_MENTOR.key,
    LED_BY_CO_MENTOR,
    "collective",
    "Tarification sociale, financement et rétention du personnel",
    "Guide de tarification sociale\nGuide d'événement écoresponsable",
  );
  meeting(
    LOGISTIQUE,
    5,
    "2025-11-04",
    120,
    "louise",
    L,
    "collective",
    "Tri et entreposage des denrées récupérées",
    "Guide de tri des invendus\nPlan d'aménagement de l'espace de tri",
  );
  // 10 h in meetings, 10 h outside them (about half, §2.2 "Banque d'heures"): the whole bank
  // (§2.2 "Calendrier précis et respecté"). The split between preparation, messages and
  // follow-up: no figure in the report. Each meeting was prepared by the co-mentor who led it (the
  // lines name the meeting); both co-mentors are the group's leads, so their work outside
  // meetings draws from the one bank (ADR 0025).
  const preparations: Array<[string, number, string]> = [
    ["2025-07-10", 1, "louise"],
    ["2025-08-08", 2, CO_MENTOR.key],
    ["2025-09-05", 3, "louise"],
    ["2025-10-03", 4, CO_MENTOR.key],
    ["2025-10-31", 5, "louise"],
  ];
  for (const [date, n, key] of preparations)
    hours(LOGISTIQUE, key, "preparation", 1.5, date, { forMeetingId: meetingId(LOGISTIQUE, n) });
  hours(LOGISTIQUE, "louise", "communication", 0.75, "2025-08-28");
  hours(LOGISTIQUE, "louise", "communication", 0.75, "2025-10-17");
  hours(LOGISTIQUE, "louise", "follow-up", 1, "2025-11-14", {
    note: "Réponses écrites sur le tri et l'entreposage",
  });

  // Synergies: four meetings from July to November (§1.3): two collective to set each project's
  // action plan and calendar, then two individual, the mentor and the mentee who stayed. One
  // meeting was postponed when the other project's hire was delayed (§2.2 "Calendrier précis et
  // respecté": Synergies' meetings were postponed).
  const S = ["sylvie", "emilie", "amelie"];
  meeting(SYNERGIES, 1, "2025-07-22", 120, "sylvie", S, "collective", "Objectifs et priorités");
  meeting(
    SYNERGIES,
    2,
    "2025-08-26",
    120,
    "sylvie",
    S,
    "collective",
    "Plans d'action et calendrier de chaque projet",
    "Plans d'action par étapes\nRessources sur la gouvernance",
  );
  const postponed = quebecInstant("2025-09-23", "13:30");
  meetings.push({
    id: `${meetingId(SYNERGIES, 3)}-reportee`,
    groupId: SYNERGIES,
    startsAt: postponed.toISOString(),
    endsAt: new Date(postponed.getTime() + 120 * 60_000).toISOString(),
    kind: "collective",
    format: "online",
    place: PILOT_MEETING_PLACE[SYNERGIES],
    participantIds: [],
    presentIds: [],
    facilitatorId: pid("sylvie"),
    facilitatorFixed: true,
    theme: "partenaires",
    agenda: "Thèmes communs aux deux projets",
    status: "postponed",
    statusReason: "Embauche retardée dans un des organismes ; besoins à revoir.",
    notes: "",
    tools: "",
    sequence: 2,
    createdAt: iso("2025-08-26", "16:00"),
    updatedAt: iso("2025-09-18", "09:00"),
  });
  meeting(
    SYNERGIES,
    3,
    "2025-10-14",
    90,
    "sylvie",
    ["sylvie", "emilie"],
    "individual",
    "Gouvernance et rôles du conseil",
    "Guide de gouvernance",
  );
  meeting(
    SYNERGIES,
    4,
    "2025-11-18",
    90,
    "sylvie",
    ["sylvie", "emilie"],
    "individual",
    "Mobiliser les partenaires",
    "Sondage aux partenaires",
  );
  // 7 h in meetings and 6 h outside them: 13 of 20 used, 7 left (§1.3; Conclusion, note 4). The lengths
  // and the split outside meetings: no figure in the report.
  hours(SYNERGIES, "sylvie", "preparation", 1, "2025-07-18");
  hours(SYNERGIES, "sylvie", "preparation", 2.5, "2025-08-05", {
    note: "Un plan d'action par étapes pour chaque projet",
  });
  hours(SYNERGIES, "sylvie", "communication", 0.5, "2025-09-16");
  hours(SYNERGIES, "sylvie", "preparation", 0.75, "2025-10-10");
  hours(SYNERGIES, "sylvie", "communication", 0.5, "2025-10-28");
  hours(SYNERGIES, "sylvie", "preparation", 0.75, "2025-11-12", {
    note: "Sondage adapté aux partenaires",
  });

  // ─── Tools: Tableau 3 (§2.1, p. 15), each in its group ─────────────────────────────────────────
  // Shared by the mentors, to the mentees; and one list the other way (§2.1: a mentee to her
  // mentor and the other mentee; in Logistique, where the mentees also shared with each other,
  // §2.2 "Participant·es œuvrant dans un même secteur"). Which co-mentor shared which tool, and which tools joined the program library: no
  // figure in the report (by the meetings' themes; the library: the generic guides).
  const tools: Rows<"tools"> = [];
  const tool = (
    groupId: string,
    slug: string,
    author: string,
    theme: string,
    title: string,
    description: string,
    programWide: boolean,
    date: string,
  ) =>
    tools.push({
      id: `tool-pilote-${slug}`,
      programId: PILOT_PROGRAM_ID,
      groupId,
      authorId: pid(author),
      title,
      description,
      theme,
      url: `https://exemple.org/outils/${slug}`,
      programWide,
      sharedAt: programWide ? iso(date, "17:00") : undefined,
      createdAt: iso(date),
    });
  // Logistique, the eight of Tableau 3.
  tool(
    LOGISTIQUE,
    "ges",
    CO_MENTOR.key,
    "ges",
    "Calcul des GES évités",
    "Application : les GES évités par les denrées récupérées, pour les demandes de financement.",
    true,
    "2025-08-12",
  );
  tool(
    LOGISTIQUE,
    "risques",
    CO_MENTOR.key,
    "risques",
    "Gabarit de gestion des risques",
    "Risques, mesures d'atténuation et autres outils de développement social.",
    true,
    "2025-08-12",
  );
  tool(
    LOGISTIQUE,
    "tarification",
    CO_MENTOR.key,
    "tarification",
    "Guide de tarification sociale",
    "Principes et grilles de prix selon le revenu.",
    true,
    "2025-10-07",
  );
  tool(
    LOGISTIQUE,
    "evenement",
    CO_MENTOR.key,
    "evenements",
    "Guide d'événement écoresponsable",
    "Organiser une activité sans gaspillage, étape par étape.",
    true,
    "2025-10-07",
  );
  tool(
    LOGISTIQUE,
    "camions",
    "louise",
    "mutualisation",
    "Modèle de protocole d'entente pour partager des camions",
    "Horaires, assurances, entretien et partage des coûts entre organismes.",
    true,
    "2025-09-09",
  );
  tool(
    LOGISTIQUE,
    "donnees",
    CO_MENTOR.key,
    "donnees",
    "Formulaires de collecte des volumes",
    "Formulaires des volumes récupérés, tableau de compilation et graphiques.",
    true,
    "2025-08-12",
  );
  tool(
    LOGISTIQUE,
    "tri",
    "louise",
    "tri-denrees",
    "Guide de tri des invendus",
    "Critères de tri des invendus récupérés, étiquetage et conservation.",
    true,
    "2025-11-04",
  );
  tool(
    LOGISTIQUE,
    "espace-tri",
    "louise",
    "tri-denrees",
    "Plan d'aménagement de l'espace de tri",
    "Plan type d'un espace de tri des denrées récupérées.",
    false,
    "2025-11-04",
  );
  // The other way: a mentee's list, compiled during coaching received shortly before (§2.1; §2.2 "Rôles").
  tool(
    LOGISTIQUE,
    "liste-coaching",
    "chloe",
    "",
    "Liste d'outils d'un accompagnement récent",
    "Outils rassemblés lors d'un coaching reçu avant le programme.",
    false,
    "2025-09-19",
  );
  // Synergies, the four of Tableau 3; the fifth, a visual inventory of the territory's initiatives,
  // was still to come (an action item below, for the hours left).
  tool(
    SYNERGIES,
    "plans-action",
    "sylvie",
    "plan-action",
    "Plans d'action par étapes",
    "Un plan d'action structuré par étapes pour chaque projet.",
    false,
    "2025-08-26",
  );
  tool(
    SYNERGIES,
    "ressources-gouvernance",
    "sylvie",
    "gouvernance",
    "Ressources sur la gouvernance et les systèmes alimentaires durables",
    "Lectures choisies pour un conseil d'administration.",
    true,
    "2025-08-26",
  );
  tool(
    SYNERGIES,
    "sondage",
    "sylvie",
    "partenaires",
    "Sondage aux partenaires",
    "Questions pour cerner ce qui freine l'implication des partenaires et gagner leur adhésion.",
    true,
    "2025-11-18",
  );
  tool(
    SYNERGIES,
    "guide-gouvernance",
    "sylvie",
    "gouvernance",
    "Guide de gouvernance",
    "Rôles du conseil, de la direction et des comités.",
    true,
    "2025-10-14",
  );
  // A member asked that the sorting-space plan join the program library; no answer yet.
  tools.find((t) => t.id === "tool-pilote-espace-tri")!.shareRequest = {
    by: pid("chloe"),
    at: iso("2025-11-20"),
    status: "pending",
  };

  // ─── Action plans (§1.3): the departure shows in the mentee's dropped items ────────────────────
  const actionItems: Rows<"actionItems"> = [];
  const item = (
    groupId: string,
    owner: string,
    tag: string,
    title: string,
    status: "todo" | "in-progress" | "done" | "dropped",
    notes = "",
  ) =>
    actionItems.push({
      id: `act-pilote-${actionItems.length + 1}`,
      groupId,
      title,
      ownerId: pid(owner),
      tag,
      rank: actionItems.filter((a) => a.groupId === groupId).length,
      status,
      notes,
      source: "manual",
      createdAt: iso("2025-08-26", "16:00"),
      updatedAt: iso(status === "todo" ? "2025-11-18" : "2025-11-25", "16:00"),
    });
  item(SYNERGIES, "emilie", "gouvernance", "Clarifier les rôles du conseil et des comités", "done");
  item(SYNERGIES, "emilie", "partenaires", "Sonder les partenaires sur leur implication", "done");
  item(
    SYNERGIES,
    "emilie",
    "partenaires",
    "Recenser les initiatives du territoire par volet : production, transformation, distribution",
    "todo",
    "Un outil visuel viendra de la mentore, avec les heures qui restent.",
  );
  item(
    SYNERGIES,
    "amelie",
    "plan-action",
    "Transmettre le plan d'action à la personne embauchée à la coordination",
    "dropped",
    "L'embauche a pris plus de temps que prévu : le mentorat n'a pas pu commencer.",
  );
  item(
    SYNERGIES,
    "amelie",
    "partenaires",
    "Relier les volets du projet et choisir les partenaires à solliciter",
    "dropped",
    "En attente de la personne embauchée.",
  );
  item(LOGISTIQUE, "thomas", "vehicules", "Choisir un véhicule de collecte", "done");
  item(LOGISTIQUE, "chloe", "mutualisation", "Proposer l'entente de partage de camion", "done");
  item(LOGISTIQUE, "chloe", "tri-denrees", "Réaménager l'espace de tri", "in-progress");

  // ─── Questionnaires and the final evaluation ───────────────────────────────────────────────────
  // Monthly questionnaires (§1.4), often short answers as people were busy. Their answers: no
  // figure in the report, plausible.
  const evaluations: Rows<"evaluations"> = [
    ["2025-08", "août 2025", "2025-08-25", "2025-09-05"],
    ["2025-09", "septembre 2025", "2025-09-22", "2025-10-03"],
    ["2025-10", "octobre 2025", "2025-10-27", "2025-11-07"],
    ["2025-11", "novembre 2025", "2025-11-24", "2025-12-05"],
  ].map(([key, month, opensOn, closesOn]) => ({
    id: `eval-pilote-${key}`,
    programId: PILOT_PROGRAM_ID,
    kind: "monthly" as const,
    title: `Questionnaire mensuel — ${month}`,
    opensOn: opensOn!,
    closesOn: closesOn!,
    createdBy: coordinatorId,
    createdAt: iso("2025-07-07"),
  }));
  // The final evaluation was no questionnaire but an interview with each participant (below).
  const responses: Rows<"evaluationResponses"> = [];
  const groupOf = (key: string) => (L.includes(key) ? LOGISTIQUE : SYNERGIES);
  const monthly: Array<[string, string, number, string, string]> = [
    ["2025-08", "louise", 5, "Des besoins concrets et communs aux deux organismes.", ""],
    ["2025-08", "thomas", 5, "Des exemples d'une autre région.", ""],
    ["2025-08", "chloe", 4, "", "Trouver du temps entre les rencontres."],
    ["2025-08", "sylvie", 4, "Des objectifs formulés tôt.", ""],
    ["2025-08", "emilie", 4, "Le plan d'action par étapes.", ""],
    ["2025-08", "amelie", 3, "", "Notre ressource à la coordination n'est pas encore embauchée."],
    ["2025-09", "louise", 5, "", ""],
    ["2025-09", "thomas", 5, "Le modèle d'entente a servi tout de suite.", ""],
    ["2025-09", "chloe", 5, "", ""],
    ["2025-09", "sylvie", 3, "", "Une rencontre reportée ; les besoins changent."],
    ["2025-09", "emilie", 4, "", "Nos priorités ont bougé."],
    ["2025-10", "louise", 4, "", "La préparation prend plus de temps que prévu."],
    ["2025-10", "thomas", 5, "", ""],
    ["2025-10", "sylvie", 3, "", "Des besoins plus techniques que mon expertise."],
    ["2025-10", "emilie", 4, "Le guide de gouvernance.", ""],
    ["2025-11", "louise", 5, "", ""],
    ["2025-11", "thomas", 5, "", ""],
    ["2025-11", "chloe", 5, "Le guide de tri.", ""],
    ["2025-11", "emilie", 4, "Le sondage aux partenaires.", ""],
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
  // The final evaluation: an interview of about an hour with each participant in December, its
  // summary validated by the participant (§1.4). Online, by video link: no figure in the report.
  // Their notes, under the final questionnaire's themes, are in `PILOT_INTERVIEWS`.
  const interviews: Rows<"interviews"> = PILOT_INTERVIEWS.map((i) => ({
    id: `itw-pilote-${i.key}`,
    programId: PILOT_PROGRAM_ID,
    participantId: pid(i.key),
    startsAt: iso(i.date, i.time),
    durationMinutes: i.minutes,
    place: `https://exemple.org/entrevues/pilote-${i.key}`,
    status: "validated",
    notes: { ...i.notes },
    revision: 1,
    validatedAt: iso(i.validatedOn, "17:00"),
    scheduledBy: coordinatorId,
    createdAt: iso("2025-11-24"),
    updatedAt: iso(i.validatedOn, "17:00"),
  }));

  // Check-ins: the late hire (§1.3), needs that changed (§2.2 "Attentes raisonnables"), a group
  // on track.
  const checkIns: Rows<"checkIns"> = [
    {
      id: "chk-pilote-1",
      groupId: SYNERGIES,
      participantId: pid("amelie"),
      needsStatus: "blocked",
      update:
        "L'embauche à la coordination est retardée : personne chez nous ne peut suivre le mentorat pour l'instant.",
      changes: "Nous suspendons notre participation.",
      questions: "",
      createdAt: iso("2025-09-16"),
    },
    {
      id: "chk-pilote-2",
      groupId: SYNERGIES,
      participantId: pid("emilie"),
      needsStatus: "changed",
      update: "Nos besoins deviennent plus techniques : approvisionnement et transformation.",
      changes: "Priorité : entente avec les partenaires.",
      questions: "Comment relancer un partenaire qui se retire ?",
      createdAt: iso("2025-09-30"),
    },
    {
      id: "chk-pilote-3",
      groupId: LOGISTIQUE,
      participantId: pid("thomas"),
      needsStatus: "on-track",
      update: "Deux tournées regroupées ; nous testons l'entente de partage de camion.",
      changes: "",
      questions: "",
      createdAt: iso("2025-09-30"),
    },
  ];
  // The coordination attended meetings as an observer (§1.4), invited by the groups (above); its
  // own notes, each linked to the meeting it observed, never in the report.
  const observerNotes: Rows<"observerNotes"> = PILOT_OBSERVED_MEETINGS.map((observed, i) => {
    const day = quebecDate(meetings.find((m) => m.id === observed.meetingId)!.startsAt);
    return {
      id: `obs-pilote-${i + 1}`,
      programId: PILOT_PROGRAM_ID,
      groupId: observed.groupId,
      meetingId: observed.meetingId,
      meetingDate: day,
      note: observed.note,
      createdBy: coordinatorId,
      createdAt: iso(day, "17:00"),
    };
  });
  // The coordination's time (§2.2 "Coordination du programme"): plausible hours, by task.
  const coordinationEntries: Rows<"coordinationEntries"> = PILOT_COORDINATION_TIME.map((e, i) => ({
    id: `crd-pilote-${i + 1}`,
    programId: PILOT_PROGRAM_ID,
    userId: coordinatorId,
    date: e.date,
    hours: e.hours,
    task: e.task,
    note: e.activity,
    createdAt: iso(e.date, "17:00"),
  }));

  return {
    programs,
    applications,
    users,
    participants,
    groups,
    meetings,
    hourEntries,
    tools,
    actionItems,
    evaluations,
    evaluationResponses: responses,
    checkIns,
    observerNotes,
    coordinationEntries,
    interviews,
  };
}

// ─── The figures the replay is built from, for its tests ────────────────────────────────────────

/**
 * Logistique's mentor seat was shared by two mentors of one organization who led the meetings in
 * turns, by theme (§1.2; Conclusion, note 2): the colleague of the seat's holder, in her
 * organization, is the group's fourth member and her declared co-mentor (ADR 0026). He led
 * meetings 2 and 4, prepared them, and shared the tools of their themes. Which meetings and tools
 * were his: no figure in the report, by theme (transport, trucks and sorting: the holder; risks,
 * data, GHG, pricing, events: the colleague). His name is the demo's invention.
 */
export const PILOT_CO_MENTOR = {
  groupId: PILOT_GROUPS.logistique,
  /** The seat's holder (the group's `mentorId`), whose organization the colleague shares. */
  seatHolderId: pilotParticipantId("louise"),
  organizationId: "org-louise",
  person: { key: "rejean", first: "Réjean", last: "Thériault", email: "rejean@exemple.org" },
  /** The meetings the colleague led (`facilitatorId`). */
  ledMeetingIds: ["mtg-pilote-logistique-2", "mtg-pilote-logistique-4"],
  /** The colleague's preparation of those meetings (`participantId`). */
  hourEntryIds: [
    "hrs-pilote-logistique-preparation-2025-08-08",
    "hrs-pilote-logistique-preparation-2025-10-03",
  ],
  /** The tools the colleague shared (`authorId`). */
  toolIds: [
    "tool-pilote-ges",
    "tool-pilote-risques",
    "tool-pilote-donnees",
    "tool-pilote-tarification",
    "tool-pilote-evenement",
  ],
} as const;

/**
 * The final evaluation: one interview of about an hour with each participant in December, whose
 * summary the participant then validated (§1.4), the co-mentor included; the mentee whose project
 * could not take part was interviewed too (§2.2 "Banque d'heures"). Dates, hours, validation days
 * and the notes' figures (appreciation, objectives reached, keeping on meeting): no figure in the
 * report, plausible. One group meant to keep meeting once or twice a year (§2.1 "Espace de
 * confiance"): Logistique here (the report does not say which).
 */
export const PILOT_INTERVIEWS: ReadonlyArray<{
  key: string;
  groupId: string;
  date: string;
  time: string;
  minutes: number;
  validatedOn: string;
  notes: {
    appreciation: number;
    learning: string;
    objectivesReached: "yes" | "partly" | "no";
    recommendations: string;
    continueMeeting: "yes" | "maybe" | "no";
  };
}> = [
  {
    key: "louise",
    groupId: PILOT_GROUPS.logistique,
    date: "2025-12-01",
    time: "10:00",
    minutes: 60,
    validatedOn: "2025-12-04",
    notes: {
      appreciation: 5,
      learning: "Partager nos outils nous a obligés à les clarifier.",
      objectivesReached: "yes",
      recommendations: "Prévoir le temps de préparation dans la compensation.",
      continueMeeting: "yes",
    },
  },
  {
    key: "rejean",
    groupId: PILOT_GROUPS.logistique,
    date: "2025-12-01",
    time: "13:30",
    minutes: 60,
    validatedOn: "2025-12-05",
    notes: {
      appreciation: 5,
      learning: "Animer en alternance selon le thème allège la préparation.",
      objectivesReached: "yes",
      recommendations: "Dire dès le départ qui anime quoi.",
      continueMeeting: "yes",
    },
  },
  {
    key: "thomas",
    groupId: PILOT_GROUPS.logistique,
    date: "2025-12-02",
    time: "10:00",
    minutes: 60,
    validatedOn: "2025-12-05",
    notes: {
      appreciation: 5,
      learning: "Nous savons maintenant quoi demander avant d'acheter un véhicule.",
      objectivesReached: "yes",
      recommendations: "Garder des groupes de trois.",
      continueMeeting: "yes",
    },
  },
  {
    key: "chloe",
    groupId: PILOT_GROUPS.logistique,
    date: "2025-12-03",
    time: "13:30",
    minutes: 60,
    validatedOn: "2025-12-08",
    notes: {
      appreciation: 5,
      learning: "Un de nos volets réorienté avant qu'il ne nous coûte trop cher.",
      objectivesReached: "yes",
      recommendations: "Merci à Louise pour ses outils ; prévoir une visite en personne.",
      continueMeeting: "yes",
    },
  },
  {
    key: "sylvie",
    groupId: PILOT_GROUPS.synergies,
    date: "2025-12-04",
    time: "10:00",
    minutes: 60,
    validatedOn: "2025-12-09",
    notes: {
      appreciation: 4,
      learning: "Des plans d'action par étapes aident quand les objectifs bougent.",
      objectivesReached: "partly",
      recommendations: "Vérifier que les besoins restent dans l'expertise de la mentore.",
      continueMeeting: "maybe",
    },
  },
  {
    key: "emilie",
    groupId: PILOT_GROUPS.synergies,
    date: "2025-12-08",
    time: "13:30",
    minutes: 60,
    validatedOn: "2025-12-10",
    notes: {
      appreciation: 4,
      learning: "Une gouvernance plus claire et des partenaires mieux mobilisés.",
      objectivesReached: "partly",
      recommendations: "Fixer toutes les rencontres dès le départ.",
      continueMeeting: "maybe",
    },
  },
  {
    key: "amelie",
    groupId: PILOT_GROUPS.synergies,
    date: "2025-12-09",
    time: "10:00",
    minutes: 45,
    validatedOn: "2025-12-11",
    notes: {
      appreciation: 3,
      learning: "Le plan d'action de départ reste utile pour la suite.",
      objectivesReached: "no",
      recommendations:
        "Au Panier collectif de Rimouski, nommer la personne mentorée avant de commencer.",
      continueMeeting: "no",
    },
  },
];

/**
 * Compensation per mentor (`participants.compensation`): the report gives 2 500 $ for each mentor
 * (Tableau 4, §2.2 "Compensation financière"). Logistique's two co-mentors shared one mentor's
 * involvement (§1.2), so the replay reads the figure per mentor seat and splits the shared seat's
 * 2 500 $ in two halves (the report does not say how they shared it): 5 000 $ for the program's
 * two seats. The 10 000 $ for coordination and evaluation is the program's `budget.coordination`.
 */
export const PILOT_MENTOR_COMPENSATION = [
  { participantId: pilotParticipantId("louise"), amount: 1250 },
  { participantId: pilotParticipantId("rejean"), amount: 1250 },
  { participantId: pilotParticipantId("sylvie"), amount: 2500 },
] as const;

/**
 * The coordination's time, by activity (`coordinationEntries`, by task). The report gives no
 * hours, only that it took much more time than planned (§2.2 "Coordination du programme",
 * "Compensation financière"): following up candidates, start meetings, observing meetings and
 * writing the report were underestimated. Plausible figures, 120 h in all; an entry holds at most
 * a day, so the report's writing is two entries.
 */
export const PILOT_COORDINATION_TIME: ReadonlyArray<{
  date: string;
  hours: number;
  task: "recruitment" | "selection" | "pairing" | "follow-up" | "evaluation" | "other";
  activity: string;
}> = [
  {
    date: "2025-02-17",
    hours: 12,
    task: "other",
    activity: "Plan du programme avec le comité consultatif",
  },
  {
    date: "2025-04-24",
    hours: 16,
    task: "selection",
    activity: "Lecture et évaluation des 10 formulaires d'intérêt",
  },
  {
    date: "2025-05-20",
    hours: 8,
    task: "recruitment",
    activity: "Recherche et appels des mentor·es",
  },
  {
    date: "2025-06-13",
    hours: 4,
    task: "recruitment",
    activity: "Suivi auprès des participant·es pressenti·es",
  },
  {
    date: "2025-06-20",
    hours: 6,
    task: "pairing",
    activity: "Préparation des rencontres de démarrage des deux groupes",
  },
  {
    date: "2025-07-31",
    hours: 6,
    task: "follow-up",
    activity: "Observation des rencontres (juillet)",
  },
  {
    date: "2025-09-30",
    hours: 9,
    task: "follow-up",
    activity: "Observation des rencontres (août–septembre)",
  },
  {
    date: "2025-11-21",
    hours: 6,
    task: "follow-up",
    activity: "Observation des rencontres (octobre–novembre)",
  },
  { date: "2025-11-28", hours: 4, task: "evaluation", activity: "Questionnaires mensuels" },
  {
    date: "2025-12-12",
    hours: 14,
    task: "evaluation",
    activity: "Entrevues finales et validation des résumés",
  },
  { date: "2026-01-30", hours: 17.5, task: "evaluation", activity: "Rédaction du rapport" },
  { date: "2026-02-27", hours: 17.5, task: "evaluation", activity: "Rédaction du rapport (suite)" },
];

/**
 * Meetings the coordination attended as an observer (§1.4), with its notes: which ones, no figure
 * in the report. Both pilot groups invited the coordination from their start meeting
 * (`observerInvitation`), and each note names the meeting it was written at.
 */
export const PILOT_OBSERVED_MEETINGS: ReadonlyArray<{
  groupId: string;
  meetingId: string;
  note: string;
}> = [
  {
    groupId: PILOT_GROUPS.logistique,
    meetingId: "mtg-pilote-logistique-3",
    note: "Routine bien installée ; les deux mentoré·es se donnent aussi des trucs.",
  },
  {
    groupId: PILOT_GROUPS.synergies,
    meetingId: "mtg-pilote-synergies-2",
    note: "Deux plans d'action clairs ; un des deux projets attend encore sa personne à la coordination.",
  },
  {
    groupId: PILOT_GROUPS.synergies,
    meetingId: "mtg-pilote-synergies-3",
    note: "Les besoins deviennent techniques, hors de l'expertise de la mentore.",
  },
];

/**
 * Every pilot meeting was online (§2.2 "Fréquence, format et durée": virtual meetings), none in
 * person or a site visit: `format` "online", and each group's video link as its `place` (the
 * links are the demo's).
 */
export const PILOT_MEETING_PLACE = {
  [PILOT_GROUPS.logistique]: "https://exemple.org/rencontres/pilote-logistique",
  [PILOT_GROUPS.synergies]: "https://exemple.org/rencontres/pilote-synergies",
} as const;
