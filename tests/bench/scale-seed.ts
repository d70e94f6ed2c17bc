/**
 * A store at the scale of a large network, for `npm run bench:pages`: the demo document (its
 * program, coordinator and accounts, so the demo sign-ins work) grown to N participants in the
 * demo program, G groups of three with their meetings, hour bank, agreement, action plan and
 * check-ins, applications, speed-dating events with ratings, questionnaires and answers,
 * notifications, and M live-chat messages in the chat's JSON-lines files.
 *
 * The data is French, plausible and deterministic (a seeded generator): the same options give the
 * same store. Every record is validated against the store's zod schemas before it is written.
 */
import { membershipsOfGroups } from "../../core/store/seats";
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { regions } from "../../core/data/geography";
import { PILOT_TAXONOMY } from "../../core/data/pilot-taxonomy";
import { quebecDate, quebecInstant } from "../../core/utils/quebec-time";
import { hashPassword } from "../../core/security/password";
import { chatMessageSchema, type ChatMessage } from "../../core/store/chat-log";
import { DATA_FILE_NAME } from "../../core/store/lowdb-store";
import { documentSchema, type StoreDocument } from "../../core/store/schema";
import { DEMO_PASSWORD, DEMO_PROGRAM_ID, demoDocument } from "../../server/seeds/demo";

export interface ScaleOptions {
  /** Participants of the demo program in all (the demo's own included). */
  participants: number;
  /** Active groups of three in the demo program (the demo's own included). */
  groups: number;
  /** Meetings in the whole store (the demo's own included). */
  meetings: number;
  /** Live-chat messages, spread over the speed-dating events. */
  chatMessages: number;
  /** "Now" for the generated dates. */
  now?: Date;
}

export interface ScaleStore {
  doc: StoreDocument;
  chat: Map<string, ChatMessage[]>;
  counts: Record<string, number>;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const pool = [...list];
    const out: T[] = [];
    for (let n = int(min, Math.min(max, pool.length)); n > 0; n--) {
      out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    }
    return out;
  };
  return { next, int, pick, some, chance: (p: number) => next() < p };
}

const FIRST_NAMES = [
  "Alexandre",
  "Andrée",
  "Annie",
  "Antoine",
  "Audrey",
  "Benoît",
  "Caroline",
  "Catherine",
  "Charles",
  "Claude",
  "Daniel",
  "Denise",
  "Dominique",
  "Élise",
  "Éric",
  "Étienne",
  "Fanny",
  "Félix",
  "France",
  "Francine",
  "Gabriel",
  "Geneviève",
  "Ghislain",
  "Guy",
  "Hélène",
  "Hugo",
  "Jacinthe",
  "Jacques",
  "Jean-François",
  "Jeanne",
  "Jocelyn",
  "Josée",
  "Julie",
  "Justine",
  "Laurence",
  "Léa",
  "Liette",
  "Lucie",
  "Luc",
  "Manon",
  "Marc-André",
  "Marie-Ève",
  "Martin",
  "Maxime",
  "Mélanie",
  "Michel",
  "Monique",
  "Nadia",
  "Nicolas",
  "Noémie",
  "Olivier",
  "Pascale",
  "Philippe",
  "Pierre-Luc",
  "Rachel",
  "Raymond",
  "Réjean",
  "Roxanne",
  "Samuel",
  "Simon",
  "Solange",
  "Stéphane",
  "Sylvain",
  "Valérie",
  "Véronique",
  "Vincent",
  "William",
  "Yannick",
] as const;
const LAST_NAMES = [
  "Arsenault",
  "Beaulieu",
  "Bédard",
  "Bergeron",
  "Bernier",
  "Boucher",
  "Boudreau",
  "Brassard",
  "Brisson",
  "Cloutier",
  "Cormier",
  "Desjardins",
  "Dion",
  "Dufour",
  "Fournier",
  "Gagné",
  "Gauvin",
  "Giroux",
  "Grenier",
  "Hébert",
  "Jean",
  "Labbé",
  "Lacroix",
  "Lajoie",
  "Lalonde",
  "Landry",
  "Langlois",
  "Lapointe",
  "Larouche",
  "Lavoie",
  "Leblanc",
  "Lefebvre",
  "Lévesque",
  "Martel",
  "Mercier",
  "Michaud",
  "Nadeau",
  "Ouellette",
  "Paquette",
  "Paradis",
  "Perron",
  "Picard",
  "Plante",
  "Poulin",
  "Proulx",
  "Racine",
  "Richard",
  "Rioux",
  "Savard",
  "Simard",
  "St-Pierre",
  "Thériault",
  "Thibault",
  "Turcotte",
  "Vaillancourt",
  "Vachon",
  "Villeneuve",
] as const;
const ORGANIZATION_KINDS = [
  { name: "Banque alimentaire", sector: "Banque alimentaire" },
  { name: "Frigo communautaire", sector: "Frigo communautaire" },
  { name: "Épicerie solidaire", sector: "Épicerie solidaire" },
  { name: "Cuisine collective", sector: "Cuisine collective" },
  { name: "Comptoir alimentaire", sector: "Banque alimentaire" },
  { name: "Coop de récupération alimentaire", sector: "Récupération et transformation" },
  { name: "Marché solidaire", sector: "Épicerie solidaire" },
  { name: "Jardins et cuisines partagés", sector: "Cuisine collective" },
] as const;
const NEEDS_TEXTS = [
  "Nos chambres froides débordent l'été ; nous perdons des denrées.",
  "Mesurer les volumes récupérés pour nos bailleurs de fonds.",
  "Mutualiser un camion réfrigéré avec les organismes voisins.",
  "Structurer notre conseil d'administration et garder nos bénévoles.",
  "Passer d'un comptoir gratuit à une épicerie à tarification sociale.",
  "Transformer les surplus de l'automne en plats cuisinés vendus à prix accessible.",
  "Mobiliser les épiciers et producteurs de la MRC autour d'une collecte commune.",
  "Desservir un grand territoire rural avec un seul véhicule.",
] as const;
const EXPERTISE_TEXTS = [
  "Quinze ans de collecte en milieu rural et des tournées partagées entre plusieurs organismes.",
  "Entrepôt avec chambres froides ; protocoles MAPAQ et gestion des rappels.",
  "Épicerie solidaire à tarification sociale en trois paliers.",
  "Tableau de bord des volumes récupérés et calcul des GES évités.",
  "Direction générale depuis dix ans ; plan stratégique et renouvellement du conseil.",
  "Transformation des surplus en conserves et soupes vendues en épicerie.",
] as const;
const AGENDAS = [
  "Tour de table ; suivi des actions ; sujet du jour ; prochaines étapes.",
  "Retour sur les relevés de températures ; plan d'entreposage estival.",
  "Présentation du tableau de bord des volumes ; questions des mentoré·es.",
  "Tarification sociale : trois modèles comparés ; choix d'un essai.",
  "Préparation de la demande de subvention ; partage des gabarits.",
] as const;
const NOTES = [
  "Bonne rencontre : chacun repart avec une action claire pour les trois prochaines semaines.",
  "Le relevé des pertes est commencé ; on compare les chiffres à la prochaine rencontre.",
  "Discussion sur le partage du camion : un essai de deux tournées communes est prévu.",
  "La grille tarifaire est presque prête ; reste à la valider avec le conseil.",
] as const;
const CHECK_IN_UPDATES = [
  "Les relevés avancent : trois semaines de données sur les pertes.",
  "Nous avons rencontré deux épiciers ; l'un accepte une collecte hebdomadaire.",
  "Le conseil a adopté le plan d'action ; on commence par le recrutement de bénévoles.",
  "La location du camion est signée pour l'été ; reste à planifier les tournées.",
] as const;
const ACTION_TITLES = [
  "Mesurer les pertes de denrées pendant un mois",
  "Demander trois soumissions pour un camion réfrigéré",
  "Rédiger la politique de tarification sociale",
  "Préparer la demande au fonds régional",
  "Organiser une rencontre avec les épiciers de la MRC",
  "Former deux bénévoles au tri des denrées",
] as const;
const CHAT_LINES = [
  "Bonjour ! Je m'occupe de la collecte dans notre MRC.",
  "Enchanté·e ! Vous récupérez combien de kilos par semaine ?",
  "Environ 800 kg l'hiver, le double l'été.",
  "Nous cherchons justement à partager un camion réfrigéré.",
  "On pourrait comparer nos tournées après la séance ?",
  "Avez-vous un gabarit pour les relevés de températures ?",
  "Oui, je vous l'envoie par courriel.",
  "Quelle est votre grille de tarification sociale ?",
  "Trois paliers selon le revenu, ça fonctionne bien.",
  "Merci, c'était très utile !",
] as const;
const EVALUATION_COMMENTS = [
  "Les rencontres sont concrètes et bien préparées.",
  "Nous avons enfin un plan d'action réaliste.",
  "Difficile de trouver du temps l'été, mais le groupe aide à garder le rythme.",
  "Le partage d'outils entre organismes est la plus grande force du programme.",
] as const;

const ascii = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const fakeHash = (text: string) => createHash("sha256").update(text).digest("hex");

/** Builds the whole store in memory (validated), without writing it. */
export async function scaleStore(options: ScaleOptions): Promise<ScaleStore> {
  const now = options.now ?? new Date();
  const rand = generator(20261128);
  // Quebec wall-clock times to UTC (the conversion is costly; meetings share days and times).
  const zoned = new Map<string, Date>();
  const quebecTime = (day: string, time: string) => {
    const key = `${day} ${time}`;
    let date = zoned.get(key);
    if (!date) zoned.set(key, (date = quebecInstant(day, time)));
    return date;
  };
  const doc = await demoDocument(now);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  const dateOf = (daysAgo: number) => quebecDate(at(daysAgo));
  const program = doc.programs!.find((p) => p.id === DEMO_PROGRAM_ID)!;
  const coordinatorId = program.coordinatorIds[0]!;
  const tags = PILOT_TAXONOMY.map((t) => t.id);
  const slots = ["am", "pm"].flatMap((part) =>
    ["mon", "tue", "wed", "thu", "fri"].map((day) => `${day}-${part}`),
  );
  // One shared hash: every generated account signs in with the demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // Participants, with their account, organization and accepted application.
  const demoParticipants = doc.participants!.filter((p) => p.programId === DEMO_PROGRAM_ID);
  const mentors: string[] = [];
  const mentees: string[] = [];
  const regionOf = new Map<string, string>();
  const nameOf = new Map<string, string>();
  for (const p of demoParticipants) {
    const org = doc.organizations!.find((o) => o.id === p.organizationId);
    regionOf.set(p.id, org?.region ?? "");
  }
  const generated = Math.max(0, options.participants - demoParticipants.length);
  for (let i = 0; i < generated; i++) {
    const first = rand.pick(FIRST_NAMES);
    const last = rand.pick(LAST_NAMES);
    const region = rand.pick(regions);
    const mrc = rand.pick(region.mrcs);
    const kind = rand.pick(ORGANIZATION_KINDS);
    const role = i % 10 < 3 || i % 29 === 0 ? ("mentor" as const) : ("mentee" as const);
    const key = `s${String(i).padStart(4, "0")}`;
    const participantId = `p-${key}`;
    const joinedDaysAgo = rand.int(60, 200);
    doc.organizations!.push({
      id: `org-${key}`,
      name: `${kind.name} de ${mrc.name}`,
      region: region.code,
      mrc: mrc.code,
      sector: kind.sector,
      competitorIds: [],
      createdAt: at(joinedDaysAgo + 10),
    });
    doc.users!.push({
      id: `u-${key}`,
      email: `${ascii(first)}.${ascii(last)}.${i}@exemple.org`,
      name: `${first} ${last}`,
      role: "participant",
      passwordHash,
      locale: rand.chance(0.9) ? "fr" : "en",
      createdAt: at(joinedDaysAgo),
    });
    const needs = rand.some(tags, 1, 3).map((tag, n) => ({ tag, priority: 3 - n }));
    const expertise = rand.some(tags, role === "mentor" ? 3 : 1, role === "mentor" ? 5 : 2);
    const profile = {
      sector: kind.sector,
      field: "Réemploi alimentaire",
      needs: role === "mentor" ? needs.slice(0, 1) : needs,
      needsText: role === "mentor" ? "" : rand.pick(NEEDS_TEXTS),
      expertise,
      expertiseText: role === "mentor" ? rand.pick(EXPERTISE_TEXTS) : "",
      workingStyle: rand.pick(["structured", "intuitive", "between"] as const),
      availability: rand.some(slots, 3, 6),
    };
    const applicationId = `app-${key}`;
    doc.applications!.push({
      id: applicationId,
      programId: DEMO_PROGRAM_ID,
      status: "accepted",
      accessTokenHash: fakeHash(applicationId),
      locale: "fr",
      email: `info@${ascii(kind.name)}-${i}.exemple.org`,
      organizationName: doc.organizations!.at(-1)!.name,
      contactName: `${first} ${last}`,
      contactEmail: doc.users!.at(-1)!.email,
      concept: profile.needsText || profile.expertiseText,
      operations: rand.some(["logistics", "transport", "storage", "marketing"] as const, 1, 3),
      barriers: "Distances, peu de bénévoles l'été, un seul véhicule.",
      mentoringHelp:
        role === "mentor"
          ? "Transmettre nos pratiques à des organismes plus jeunes."
          : "Apprendre d'un organisme qui a déjà franchi ces étapes.",
      revisionOpenness: "Nous sommes prêts à revoir nos façons de faire.",
      comments: "",
      role,
      region: region.code,
      mrc: mrc.code,
      profile,
      competitorsText: "",
      competitorOrgIds: [],
      designatedThroughout: true,
      canImplement: true,
      consent: true,
      createdAt: at(joinedDaysAgo + 30),
      updatedAt: at(joinedDaysAgo + 5),
      submittedAt: at(joinedDaysAgo + 28),
      evaluation: {
        criteria: {
          foodAccess: { score: rand.int(1, 3), comment: "" },
          themeFit: { score: rand.int(1, 3), comment: "" },
          projectQuality: { score: rand.int(1, 3), comment: "" },
        },
        total: rand.int(8, 21),
        scoredBy: coordinatorId,
        scoredAt: at(joinedDaysAgo + 10),
      },
      decision: {
        status: "accepted",
        reason: "Projet bien aligné sur le thème du programme.",
        decidedBy: coordinatorId,
        decidedAt: at(joinedDaysAgo + 7),
      },
      participantId,
    });
    doc.participants!.push({
      id: participantId,
      programId: DEMO_PROGRAM_ID,
      userId: `u-${key}`,
      organizationId: `org-${key}`,
      role,
      profile,
      capacity: role === "mentor" ? rand.int(1, 2) : 1,
      published: rand.chance(0.85),
      applicationId,
      joinedAt: at(joinedDaysAgo),
    });
    (role === "mentor" ? mentors : mentees).push(participantId);
    regionOf.set(participantId, region.code);
    nameOf.set(participantId, `${first} ${last}`);
  }

  // Applications still in the coordinators' hands: about a third more than the participants.
  const pendingApplications = Math.round(generated / 3);
  for (let i = 0; i < pendingApplications; i++) {
    const region = rand.pick(regions);
    const mrc = rand.pick(region.mrcs);
    const kind = rand.pick(ORGANIZATION_KINDS);
    const first = rand.pick(FIRST_NAMES);
    const last = rand.pick(LAST_NAMES);
    const id = `app-attente-${i}`;
    const status = rand.pick([
      "submitted",
      "submitted",
      "waitlisted",
      "rejected",
      "draft",
    ] as const);
    const scored = status !== "draft" && rand.chance(0.6);
    doc.applications!.push({
      id,
      programId: DEMO_PROGRAM_ID,
      status,
      accessTokenHash: fakeHash(id),
      locale: "fr",
      email: `direction@${ascii(kind.name)}-attente-${i}.exemple.org`,
      organizationName: `${kind.name} de ${mrc.name}`,
      contactName: `${first} ${last}`,
      contactEmail: `${ascii(first)}.${ascii(last)}@exemple.org`,
      concept: rand.pick(NEEDS_TEXTS),
      operations: rand.some(["logistics", "transport", "storage", "marketing"] as const, 1, 2),
      barriers: "Manque de temps et d'équipement.",
      mentoringHelp: "Être accompagnés par un organisme d'expérience.",
      revisionOpenness: "Ouverts à revoir nos procédures.",
      comments: "",
      role: rand.chance(0.3) ? "mentor" : "mentee",
      region: region.code,
      mrc: mrc.code,
      profile: {
        sector: kind.sector,
        field: "Réemploi alimentaire",
        needs: rand.some(tags, 1, 3).map((tag, n) => ({ tag, priority: 3 - n })),
        needsText: "",
        expertise: rand.some(tags, 1, 2),
        expertiseText: "",
        workingStyle: "between",
        availability: rand.some(slots, 2, 4),
      },
      competitorsText: "",
      competitorOrgIds: [],
      designatedThroughout: rand.chance(0.8),
      canImplement: rand.chance(0.9),
      consent: status !== "draft",
      createdAt: at(rand.int(5, 60)),
      updatedAt: at(rand.int(1, 4)),
      submittedAt: status === "draft" ? undefined : at(rand.int(1, 4)),
      evaluation: scored
        ? {
            criteria: { foodAccess: { score: rand.int(0, 3), comment: "" } },
            total: rand.int(5, 20),
            scoredBy: coordinatorId,
            scoredAt: at(1),
          }
        : undefined,
      decision:
        status === "waitlisted" || status === "rejected"
          ? {
              status,
              reason: "Assez de candidatures semblables pour cette cohorte.",
              decidedBy: coordinatorId,
              decidedAt: at(1),
            }
          : undefined,
    });
  }

  // Groups of three: a mentor and two mentees, from other regions where possible.
  const grouped = new Set(
    doc.groups!.filter((g) => g.programId === DEMO_PROGRAM_ID).flatMap((g) => g.memberIds),
  );
  const newGroups: Array<{ id: string; mentor: string; mentees: [string, string] }> = [];
  const demoGroupCount = doc.groups!.filter((g) => g.programId === DEMO_PROGRAM_ID).length;
  const freeMentees = mentees.filter((id) => !grouped.has(id));
  for (const mentor of mentors) {
    if (demoGroupCount + newGroups.length >= options.groups) break;
    const chosen: string[] = [];
    for (let k = 0; k < freeMentees.length && chosen.length < 2; k++) {
      const candidate = freeMentees[k]!;
      const regionsSoFar = [mentor, ...chosen].map((id) => regionOf.get(id));
      if (!regionsSoFar.includes(regionOf.get(candidate)) || k > 40) {
        chosen.push(candidate);
        freeMentees.splice(k--, 1);
      }
    }
    if (chosen.length < 2) break;
    const id = `grp-s${String(newGroups.length).padStart(3, "0")}`;
    newGroups.push({ id, mentor, mentees: [chosen[0]!, chosen[1]!] });
  }
  if (demoGroupCount + newGroups.length < options.groups) {
    throw new Error(
      `scale seed: ${options.participants} participants only make ${demoGroupCount + newGroups.length} groups of three, ${options.groups} asked`,
    );
  }

  const meetingsToMake = Math.max(0, options.meetings - doc.meetings!.length);
  const perGroup = newGroups.length ? meetingsToMake / newGroups.length : 0;
  let meetingsMade = 0;
  newGroups.forEach((g, index) => {
    const members = [g.mentor, ...g.mentees];
    const label = rand.pick(PILOT_TAXONOMY).label;
    const createdDaysAgo = rand.int(150, 200);
    doc.groups!.push({
      id: g.id,
      programId: DEMO_PROGRAM_ID,
      memberIds: [...members].sort(),
      mentorId: g.mentor,
      status: "active",
      origin: rand.chance(0.8) ? "solver" : "self",
      score: Math.round(rand.next() * 400) / 10,
      explanation: [
        {
          code: "need-met",
          params: {
            who: nameOf.get(g.mentees[0]!) ?? g.mentees[0]!,
            need: label,
            priority: 2,
            by: nameOf.get(g.mentor) ?? g.mentor,
          },
        },
      ],
      suggestedFirstMeeting: dateOf(createdDaysAgo - 7),
      approvedBy: coordinatorId,
      label: index % 4 === 0 ? label.slice(0, 80) : "",
      createdAt: at(createdDaysAgo),
    });
    doc.agreements!.push({
      id: `agr-${g.id}`,
      groupId: g.id,
      version: 1,
      responsibilities: "La personne mentore anime ; les mentoré·es préparent leurs questions.",
      objectives: `Avancer sur « ${label} » d'ici la fin du programme.`,
      referencePersons: members.map((m) => nameOf.get(m) ?? m).join(", "),
      period: "Quatre à six mois, environ 20 heures.",
      meetings: "2 h toutes les deux à trois semaines, en ligne.",
      communication: "Un court suivi écrit toutes les deux semaines.",
      updatedBy: g.mentor,
      updatedAt: at(createdDaysAgo - 3),
      acceptances: Object.fromEntries(
        members.filter(() => rand.chance(0.95)).map((m) => [m, at(createdDaysAgo - 4)]),
      ),
    });
    // Meetings every two weeks or so, individual ones in between; past ones held (or not).
    const count = Math.round(perGroup * (index + 1)) - Math.round(perGroup * index);
    const firstDaysAgo = rand.int(140, 170);
    for (let m = 0; m < count; m++) {
      const daysAgo = firstDaysAgo - m * 10 - rand.int(0, 3);
      const day = dateOf(daysAgo);
      const individual = m % 3 === 2;
      const start = quebecTime(day, rand.pick(["09:30", "10:00", "13:30", "14:00"]));
      const minutes = individual ? 60 : 120;
      const past = daysAgo > 0;
      const status = past
        ? rand.pick([
            "held",
            "held",
            "held",
            "held",
            "held",
            "held",
            "postponed",
            "cancelled",
          ] as const)
        : ("planned" as const);
      const participantIds = individual ? [g.mentor, g.mentees[m % 2]!] : [];
      const presentIds =
        status === "held"
          ? (individual ? participantIds : members).filter((_, k) => k === 0 || rand.chance(0.9))
          : [];
      const meetingId = `mtg-${g.id}-${m}`;
      doc.meetings!.push({
        id: meetingId,
        groupId: g.id,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
        kind: individual ? "individual" : "collective",
        participantIds,
        presentIds,
        facilitatorId: individual ? g.mentor : members[m % 3],
        facilitatorFixed: false,
        theme: rand.pick(tags),
        agenda: rand.pick(AGENDAS),
        status,
        statusReason: status === "postponed" ? "Tempête de neige : reportée d'une semaine." : "",
        notes: status === "held" ? rand.pick(NOTES) : "",
        tools: "",
        sequence: status === "planned" ? 0 : 1,
        // A running server already sent the reminders of the next two days' meetings.
        reminderSentAt:
          status === "planned" && start.getTime() - now.getTime() <= 2 * 86_400_000
            ? at(1 / 24)
            : undefined,
        createdAt: at(createdDaysAgo - 2),
        updatedAt: at(Math.max(0, daysAgo)),
      });
      meetingsMade++;
      for (const person of presentIds) {
        doc.hourEntries!.push({
          id: `hrs-${meetingId}-${person}`,
          groupId: g.id,
          participantId: person,
          kind: "meeting",
          hours: minutes / 60,
          date: day,
          note: "",
          meetingId,
          createdAt: at(daysAgo - 0.1),
        });
      }
      if (status === "held" && rand.chance(0.5)) {
        doc.hourEntries!.push({
          id: `hrs-${meetingId}-prep`,
          groupId: g.id,
          participantId: g.mentor,
          kind: rand.pick(["preparation", "communication", "follow-up"] as const),
          hours: rand.pick([0.25, 0.5, 0.75, 1]),
          date: dateOf(daysAgo + 1),
          note: "Préparation de l'ordre du jour",
          createdAt: at(daysAgo + 1),
        });
      }
    }
    for (let a = 0; a < 4; a++) {
      const owner = g.mentees[a % 2]!;
      doc.actionItems!.push({
        id: `act-${g.id}-${a}`,
        groupId: g.id,
        title: rand.pick(ACTION_TITLES),
        ownerId: owner,
        rank: a,
        status: rand.pick(["todo", "in-progress", "done", "done", "dropped"] as const),
        notes: "",
        source: a < 2 ? "manual" : "need",
        tag: a < 2 ? undefined : rand.pick(tags),
        createdAt: at(createdDaysAgo - 5),
        updatedAt: at(rand.int(1, 30)),
      });
    }
    for (const mentee of g.mentees) {
      for (let c = 0; c < 4; c++) {
        doc.checkIns!.push({
          id: `chk-${g.id}-${mentee}-${c}`,
          groupId: g.id,
          participantId: mentee,
          needsStatus: rand.pick(["on-track", "on-track", "changed", "blocked"] as const),
          update: rand.pick(CHECK_IN_UPDATES),
          changes: "",
          questions: rand.chance(0.3) ? "Avez-vous un exemple de grille tarifaire ?" : "",
          createdAt: at(c * 14 + rand.int(1, 5)),
        });
      }
    }
    if (rand.chance(0.8)) {
      doc.tools!.push({
        id: `tool-${g.id}`,
        programId: DEMO_PROGRAM_ID,
        groupId: g.id,
        authorId: g.mentor,
        title: rand.pick([
          "Gabarit de relevé de températures",
          "Grille de tarification sociale",
          "Modèle de convention de partage de camion",
          "Tableau de suivi des volumes récupérés",
        ]),
        description: "Partagé après la rencontre.",
        theme: rand.pick(tags),
        url: `https://exemple.org/outils/${g.id}`,
        programWide: rand.chance(0.4),
        createdAt: at(rand.int(5, 90)),
      });
    }
  });

  // Past monthly questionnaires, answered by most grouped participants.
  const groupedIds = newGroups.flatMap((g) => [g.mentor, ...g.mentees]);
  const groupOf = new Map(newGroups.flatMap((g) => [g.mentor, ...g.mentees].map((p) => [p, g.id])));
  for (const [n, daysAgo] of [
    [1, 75],
    [2, 45],
    [3, 15],
  ] as const) {
    const evaluationId = `eval-scale-${n}`;
    doc.evaluations!.push({
      id: evaluationId,
      programId: DEMO_PROGRAM_ID,
      kind: "monthly",
      title: `Questionnaire mensuel n° ${n}`,
      opensOn: dateOf(daysAgo),
      closesOn: dateOf(daysAgo - 10),
      createdBy: coordinatorId,
      announcedAt: at(daysAgo),
      createdAt: at(daysAgo + 5),
    });
    for (const participantId of groupedIds) {
      if (!rand.chance(0.6)) continue;
      doc.evaluationResponses!.push({
        id: `rep-${evaluationId}-${participantId}`,
        evaluationId,
        programId: DEMO_PROGRAM_ID,
        participantId,
        groupId: groupOf.get(participantId),
        appreciation: rand.int(3, 5),
        comment: rand.pick(EVALUATION_COMMENTS),
        quoteConsent: rand.chance(0.5),
        objectives: [
          {
            title: rand.pick(ACTION_TITLES),
            progress: rand.pick(["started", "advanced", "reached"] as const),
          },
        ],
        successFactors: "",
        difficulties: "",
        learning: "",
        recommendations: "",
        submittedAt: at(daysAgo - rand.int(1, 9)),
      });
    }
  }

  // Speed-dating events held before the groups formed: rounds in pairs, ratings, live chat.
  const everyone = [...demoParticipants.map((p) => p.id), ...mentors, ...mentees];
  const eventCount = Math.max(1, Math.min(12, Math.ceil(everyone.length / 100)));
  const chat = new Map<string, ChatMessage[]>();
  const rooms: Array<{
    eventId: string;
    roomId: string;
    round: number;
    members: string[];
    at: number;
  }> = [];
  for (let e = 0; e < eventCount; e++) {
    const eventId = `evt-scale-${e + 1}`;
    const invited = everyone.filter((_, k) => k % eventCount === e);
    const held = quebecInstant(dateOf(200 - e * 3), "13:30");
    const schedule = [1, 2, 3].map((round) => {
      const order = [...invited];
      // A different pairing each round: rotate all but the first (a circle method).
      for (let r = 1; r < round; r++) order.splice(1, 0, order.pop()!);
      const pairs: string[][] = [];
      for (let k = 0; k + 1 < order.length; k += 2) pairs.push([order[k]!, order[k + 1]!]);
      const waiting = order.length % 2 ? [order.at(-1)!] : [];
      return {
        round,
        rooms: pairs.map((members, i) => ({ id: `r${round}-${i + 1}`, number: i + 1, members })),
        waiting,
      };
    });
    doc.events!.push({
      id: eventId,
      programId: DEMO_PROGRAM_ID,
      title: `Séance de speed dating n° ${e + 1}`,
      startsAt: held.toISOString(),
      invitedParticipantIds: invited,
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
      revision: 12,
      createdBy: coordinatorId,
      createdAt: at(220),
      startedAt: held.toISOString(),
      endedAt: new Date(held.getTime() + 30 * 60_000).toISOString(),
    });
    chat.set(eventId, []);
    for (const round of schedule) {
      for (const room of round.rooms) {
        rooms.push({
          eventId,
          roomId: room.id,
          round: round.round,
          members: room.members,
          at: held.getTime() + (round.round - 1) * 8 * 60_000,
        });
        for (const from of room.members) {
          for (const to of room.members) {
            if (from === to) continue;
            doc.ratings!.push({
              id: `rat-${eventId}-${round.round}-${from}-${to}`,
              eventId,
              round: round.round,
              fromParticipantId: from,
              toParticipantId: to,
              answer: rand.pick(["yes", "maybe", "maybe", "no"] as const),
              note: "",
              updatedAt: new Date(held.getTime() + 40 * 60_000).toISOString(),
            });
          }
        }
      }
    }
  }
  const userName = new Map(doc.users!.map((u) => [u.id, u.name]));
  const nameById = new Map(doc.participants!.map((p) => [p.id, userName.get(p.userId) ?? p.id]));
  for (let n = 0; n < options.chatMessages; n++) {
    const room = rooms[n % rooms.length]!;
    const line = Math.floor(n / rooms.length);
    const authorId = room.members[line % room.members.length]!;
    chat.get(room.eventId)!.push({
      id: `msg-${room.eventId}-${n}`,
      eventId: room.eventId,
      roomId: room.roomId,
      round: room.round,
      authorId,
      authorName: nameById.get(authorId) ?? authorId,
      text: CHAT_LINES[line % CHAT_LINES.length]!,
      at: new Date(room.at + Math.min(line * 20_000, 6 * 60_000)).toISOString(),
    });
  }
  for (const list of chat.values()) list.sort((a, b) => a.at.localeCompare(b.at));

  // Notices: a few per account, most read.
  const kinds = ["meetingReminder", "checkInReminder", "evaluationOpen", "groupFormed"] as const;
  for (const p of doc.participants!.filter((x) => x.programId === DEMO_PROGRAM_ID)) {
    for (let k = 0; k < 3; k++) {
      doc.notifications!.push({
        id: `ntf-${p.id}-${k}`,
        userId: p.userId,
        programId: DEMO_PROGRAM_ID,
        kind: kinds[k % kinds.length]!,
        params: { program: program.title },
        link: `/programs/${DEMO_PROGRAM_ID}`,
        createdAt: at(k * 20 + 1),
        readAt: k > 0 ? at(k * 20) : undefined,
      });
    }
  }

  doc.memberships = membershipsOfGroups(doc.groups!, at(0));
  const parsed = documentSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`scale seed: invalid record at ${issue.path.join(".")}: ${issue.message}`);
  }
  for (const list of chat.values()) for (const message of list) chatMessageSchema.parse(message);
  const result = parsed.data;
  return {
    doc: result,
    chat,
    counts: {
      participants: result.participants.filter((p) => p.programId === DEMO_PROGRAM_ID).length,
      groups: result.groups.filter((g) => g.programId === DEMO_PROGRAM_ID).length,
      meetings: result.meetings.length,
      generatedMeetings: meetingsMade,
      chatMessages: [...chat.values()].reduce((sum, list) => sum + list.length, 0),
      applications: result.applications.length,
      hourEntries: result.hourEntries.length,
      ratings: result.ratings.length,
      evaluationResponses: result.evaluationResponses.length,
      notifications: result.notifications.length,
    },
  };
}

/** Writes the store where the server loads it: $DATA_DIR/maillage.json and $DATA_DIR/chat/*.jsonl. */
export async function writeScaleStore(dataDir: string, store: ScaleStore) {
  await mkdir(join(dataDir, "chat"), { recursive: true });
  await writeFile(join(dataDir, DATA_FILE_NAME), JSON.stringify(store.doc));
  for (const [eventId, messages] of store.chat) {
    await writeFile(
      join(dataDir, "chat", `${eventId.replace(/[^\w-]/g, "_")}.jsonl`),
      messages.map((m) => `${JSON.stringify(m)}\n`).join(""),
    );
  }
}
