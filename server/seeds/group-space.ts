/**
 * Demo data for the demo group's space (grp-demo-chaine-froid): an agreement everyone accepted, a
 * kickoff meeting held two days ago, a first co-development session ended yesterday, the meeting
 * series of the mentoring period led by the mentor (the program's lead rule), an action plan and an hour bank
 * (the mentor's work drawing from it, the mentees' own time recorded apart).
 * The group invites the coordination as observer (demo.ts sets the agreement's point): the kickoff
 * was online, its notes shared with the observer, who wrote a note about it; the third meeting
 * of the series was cancelled for the spring break, so the site visit at the mentor's warehouse
 * that follows it comes six weeks after the previous meeting and is flagged (ADR 0027).
 */
import { PILOT_TAXONOMY } from "../../core/data/pilot-taxonomy";
import { generateSeries } from "../../core/models/meeting-series";
import { quebecDate, quebecInstant } from "../../core/utils/quebec-time";
import { assignLeads, leadRuleOf } from "../../core/models/meeting-lead";
import type { z } from "zod";
import type { documentSchema } from "../../core/store/schema";

type DocumentInput = z.input<typeof documentSchema>;
type Rows<K extends keyof DocumentInput> = NonNullable<DocumentInput[K]>;

const GROUP = "grp-demo-chaine-froid";
const MARC = "p-marc";
const BENOIT = "p-benoit";
const MATHIEU = "p-mathieu";
const MEMBERS = [BENOIT, MARC, MATHIEU];
const label = (id: string) => PILOT_TAXONOMY.find((t) => t.id === id)?.label ?? id;

export function demoGroupSpace(now: Date, mentoringEnd: string, firstMeeting: string) {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  const day = (daysAgo: number) => quebecDate(at(daysAgo));
  const agreements: Rows<"agreements"> = [
    {
      id: "agr-demo-1",
      groupId: GROUP,
      version: 1,
      responsibilities:
        "Marc prépare et anime une rencontre sur deux et partage ses outils d'entreposage. Benoît et Mathieu préparent leurs questions et font le suivi de leurs actions entre les rencontres.",
      objectives:
        "Réduire les pertes de denrées l'été (Entraide alimentaire des Cantons) ; transporter les plats cuisinés en respectant la chaîne de froid (Cuisines partagées de Lévis).",
      referencePersons:
        "Marc Tremblay (Moisson Saguenay), Benoît Girard (Entraide alimentaire des Cantons), Mathieu Bélanger (Cuisines partagées de Lévis).",
      period: `Du ${firstMeeting} au ${mentoringEnd}, environ 20 heures.`,
      meetings:
        "2 h toutes les trois semaines, en ligne ; une visite de l'entrepôt de Marc au printemps.",
      communication:
        "Un court suivi écrit toutes les deux semaines par courriel ; un appel au besoin entre les rencontres.",
      updatedBy: MARC,
      updatedAt: at(2.9),
      acceptances: { [MARC]: at(2.9), [BENOIT]: at(2.8), [MATHIEU]: at(2.5) },
    },
  ];

  // The kickoff, two days ago at 13:30, 1 h 30.
  const kickoffDay = day(2);
  const kickoffStart = quebecInstant(kickoffDay, "13:30");
  const meetings: Rows<"meetings"> = [
    {
      id: "mtg-demo-demarrage",
      groupId: GROUP,
      startsAt: kickoffStart.toISOString(),
      endsAt: new Date(kickoffStart.getTime() + 90 * 60_000).toISOString(),
      kind: "collective",
      participantIds: [],
      presentIds: MEMBERS,
      facilitatorId: MARC,
      theme: "chaine-froid",
      agenda: "Présentations ; lecture de l'entente ; priorités de chacun ; calendrier.",
      status: "held",
      statusReason: "",
      notes:
        "Entente relue et acceptée. Priorité commune : la chaîne de froid. Benoît mesure ses pertes de juillet ; Mathieu vérifie les températures de ses glacières.",
      tools: "Gabarit de relevé de températures\nGuide de gestion des risques (Moisson Saguenay)",
      format: "online",
      place: "https://exemple.org/rencontres/chaine-de-froid",
      notesShared: true,
      sequence: 1,
      createdAt: at(3),
      updatedAt: at(2),
    },
  ];
  const series = generateSeries({
    firstDate: firstMeeting,
    time: "13:30",
    everyWeeks: 3,
    durationMinutes: 120,
    until: mentoringEnd,
  });
  const themes = ["chaine-froid", "entreposage", "risques", "transport"];
  // The demo program is a mentorship program with the default setting: the mentor leads.
  const facilitators = assignLeads({
    rule: leadRuleOf({ composition: "mentorship" }),
    members: [
      { id: BENOIT, role: "mentee", expertise: ["partenaires"] },
      {
        id: MARC,
        role: "mentor",
        expertise: ["chaine-froid", "entreposage", "tri-denrees", "risques"],
      },
      { id: MATHIEU, role: "mentee", expertise: ["commercialisation"] },
    ],
    meetings: series.map((slot, i) => ({
      id: slot.localDate,
      theme: themes[i % themes.length],
      participantIds: MEMBERS,
    })),
    history: [MARC],
  });
  series.forEach((slot, i) => {
    const siteVisit = i === 3;
    meetings.push({
      id: `mtg-demo-${slot.localDate}`,
      groupId: GROUP,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      kind: "collective",
      format: siteVisit ? "site-visit" : "online",
      place: siteVisit
        ? "Entrepôt de Moisson Saguenay, 1000 rue de l'Exemple, Saguenay"
        : "https://exemple.org/rencontres/chaine-de-froid",
      participantIds: [],
      presentIds: [],
      facilitatorId: facilitators[i],
      theme: themes[i % themes.length]!,
      agenda:
        i === 0
          ? "Retour sur les relevés de températures ; plan d'entreposage estival."
          : siteVisit
            ? "Visite de l'entrepôt et des chambres froides ; questions de Benoît et Mathieu."
            : "",
      status: i === 2 ? "cancelled" : "planned",
      statusReason: i === 2 ? "Semaine de relâche : la visite de l'entrepôt suit." : "",
      notes: "",
      tools: "",
      sequence: 0,
      createdAt: at(2),
      updatedAt: at(2),
    });
  });

  const hourEntries: Rows<"hourEntries"> = [];
  const line = (
    id: string,
    participantId: string,
    kind: "meeting" | "preparation" | "communication" | "follow-up",
    hours: number,
    daysAgo: number,
    extra: { note?: string; meetingId?: string; codevSessionId?: string } = {},
  ) =>
    hourEntries.push({
      id,
      groupId: GROUP,
      participantId,
      kind,
      hours,
      date: day(daysAgo),
      note: extra.note ?? "",
      meetingId: extra.meetingId,
      codevSessionId: extra.codevSessionId,
      createdAt: at(daysAgo),
    });
  line("hrs-demo-prep-marc", MARC, "preparation", 1, 2.2, { note: "Ordre du jour et outils" });
  for (const id of MEMBERS) {
    line(`hrs-demo-kickoff-${id}`, id, "meeting", 1.5, 2, { meetingId: "mtg-demo-demarrage" });
    line(`hrs-demo-codev-${id}`, id, "meeting", 1.5, 1, { codevSessionId: "cdv-demo-1" });
  }
  // The mentor's work outside meetings draws from the bank (ADR 0025): the kickoff's agenda above,
  // the action plan after the session. The mentees' own time is recorded apart and never drains it.
  line("hrs-demo-plan-marc", MARC, "follow-up", 0.5, 0.9, {
    note: "Plan d'action après la séance de codéveloppement",
  });
  line("hrs-demo-comm-benoit", BENOIT, "communication", 0.25, 1, {
    note: "Suivi écrit au groupe",
  });
  line("hrs-demo-prep-mathieu", MATHIEU, "preparation", 0.75, 0.7, {
    note: "Relevés de températures pour la prochaine rencontre",
  });

  const actionItems: Rows<"actionItems"> = [];
  let rank = 0;
  const item = (
    id: string,
    title: string,
    ownerId: string,
    source: "need" | "codev",
    status: "todo" | "in-progress" | "done",
    tag?: string,
    notes = "",
  ) =>
    actionItems.push({
      id,
      groupId: GROUP,
      title,
      ownerId,
      tag,
      rank: rank++,
      status,
      notes,
      source,
      createdAt: at(2),
      updatedAt: at(1),
    });
  item(
    "act-demo-1",
    label("chaine-froid"),
    MATHIEU,
    "need",
    "in-progress",
    "chaine-froid",
    "Relevés de températures commencés.",
  );
  item("act-demo-2", label("chaine-froid"), BENOIT, "need", "todo", "chaine-froid");
  item("act-demo-3", label("entreposage"), BENOIT, "need", "todo", "entreposage");
  item("act-demo-4", "Louer deux glacières certifiées pour l'été", MATHIEU, "codev", "todo");
  item("act-demo-5", "Appeler la Ville pour le permis de traiteur", MATHIEU, "codev", "todo");
  item("act-demo-6", label("transport"), MATHIEU, "need", "todo", "transport");
  item("act-demo-7", label("risques"), MATHIEU, "need", "todo", "risques");

  const codevStart = quebecInstant(day(1), "10:00");
  const codevSessions: Rows<"codevSessions"> = [
    {
      id: "cdv-demo-1",
      groupId: GROUP,
      number: 1,
      clientId: MATHIEU,
      facilitatorId: BENOIT,
      scribeId: MARC,
      subject: "Livrer des plats cuisinés à 40 km sans briser la chaîne de froid",
      minutes: [10, 10, 15, 10, 25, 15, 10],
      status: "ended",
      currentStep: 6,
      stepElapsedMs: 0,
      elapsedMs: 92 * 60_000,
      notes: [
        "Première séance : pas de retour sur une séance précédente. Sujet choisi : les livraisons de Mathieu.",
        "Trois livraisons par semaine vers deux HLM ; glacières ordinaires ; 50 minutes de route l'été.",
        "Quelle température à l'arrivée ? Non mesurée. Qui livre ? Des bénévoles avec leur auto.",
        "Mathieu veut deux ou trois options réalistes et leur coût.",
        "Glacières certifiées en location ; blocs réfrigérants congelés la veille ; relevés à l'arrivée ; entente avec un traiteur.",
        "Mathieu retient la location de glacières et l'appel à la Ville.",
        "Benoît : mesurer avant d'acheter. Marc : la méthode aide à ne pas conseiller trop vite.",
      ],
      actionItems: [
        { id: "cda-demo-1", title: "Louer deux glacières certifiées pour l'été" },
        { id: "cda-demo-2", title: "Appeler la Ville pour le permis de traiteur" },
      ],
      presentIds: MEMBERS,
      startedAt: codevStart.toISOString(),
      endedAt: new Date(codevStart.getTime() + 92 * 60_000).toISOString(),
      hours: 1.5,
      version: 40,
      createdBy: BENOIT,
      createdAt: at(2),
      updatedAt: at(1),
    },
    {
      id: "cdv-demo-2",
      groupId: GROUP,
      meetingId: meetings[1]?.id,
      number: 2,
      clientId: BENOIT,
      facilitatorId: MARC,
      scribeId: MATHIEU,
      subject: "",
      minutes: [10, 10, 15, 10, 25, 15, 10],
      status: "planned",
      currentStep: 0,
      stepElapsedMs: 0,
      elapsedMs: 0,
      notes: ["", "", "", "", "", "", ""],
      actionItems: [],
      presentIds: [],
      version: 0,
      createdBy: MARC,
      createdAt: at(1),
      updatedAt: at(1),
    },
  ];
  const checkIns: Rows<"checkIns"> = [
    {
      id: "chk-demo-1",
      groupId: GROUP,
      participantId: MATHIEU,
      needsStatus: "on-track",
      update:
        "Relevés de températures commencés sur trois livraisons : 7 °C à l'arrivée dans les glacières ordinaires.",
      changes: "",
      questions: "Quelles glacières certifiées louer pour l'été ?",
      createdAt: at(0.8),
    },
    {
      id: "chk-demo-2",
      groupId: GROUP,
      participantId: BENOIT,
      needsStatus: "changed",
      update: "Les pertes de juillet sont mesurées : environ 300 kg.",
      changes: "L'entreposage passe avant la chaîne de froid : la chambre froide déborde.",
      questions: "",
      createdAt: at(0.5),
    },
  ];
  const tools: Rows<"tools"> = [
    {
      id: "tool-demo-1",
      programId: "prog-reemploi-2026",
      groupId: GROUP,
      authorId: MARC,
      title: "Gabarit de relevé de températures",
      description: "Une ligne par livraison : heure de départ, d'arrivée, température mesurée.",
      theme: "chaine-froid",
      url: "https://exemple.org/outils/releve-temperatures",
      programWide: true,
      sharedAt: at(1.5),
      createdAt: at(2),
    },
    {
      id: "tool-demo-2",
      programId: "prog-reemploi-2026",
      groupId: GROUP,
      authorId: MATHIEU,
      title: "Horaire des livraisons aux HLM",
      description: "Trois circuits par semaine, avec les temps de route.",
      theme: "transport",
      url: "https://exemple.org/outils/horaire-livraisons",
      programWide: false,
      shareRequest: { by: BENOIT, at: at(0.4), status: "pending" },
      createdAt: at(1),
    },
  ];
  const evaluations: Rows<"evaluations"> = [
    {
      id: "eval-demo-fevrier",
      programId: "prog-reemploi-2026",
      kind: "monthly",
      title: "Questionnaire mensuel — février 2027",
      opensOn: "2027-02-08",
      closesOn: "2027-02-19",
      createdBy: "u-coordination",
      createdAt: at(1),
    },
  ];
  const observerNotes: Rows<"observerNotes"> = [
    {
      id: "obs-demo-demarrage",
      programId: "prog-reemploi-2026",
      groupId: GROUP,
      meetingId: "mtg-demo-demarrage",
      meetingDate: kickoffDay,
      note: "Démarrage clair : l'entente a été relue ensemble. Marc laisse beaucoup de place aux questions ; prévoir du temps pour la visite de l'entrepôt.",
      createdBy: "u-coordination",
      createdAt: at(1.9),
    },
  ];
  return {
    agreements,
    observerNotes,
    meetings,
    hourEntries,
    actionItems,
    codevSessions,
    checkIns,
    tools,
    evaluations,
  };
}
