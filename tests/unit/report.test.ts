import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReport,
  csvTable,
  MIN_RESPONDENTS,
  programNames,
  REDACTED,
  redactor,
  type Report,
  type ReportInput,
} from "../../core/models/report";
import { documentSchema, type StoreDocument } from "../../core/store/schema";
import { DEMO_PEOPLE, demoDocument } from "../../server/seeds/demo";
import { PILOT_PROGRAM_ID, pilotCohort } from "../../server/seeds/pilot";

let doc: StoreDocument;
let input: ReportInput;
let report: Report;

/** The report's input for a program, the way report.server.ts reads it from the store. */
function inputFor(document: StoreDocument, programId: string): ReportInput {
  const program = document.programs.find((p) => p.id === programId)!;
  const groups = document.groups.filter((g) => g.programId === programId);
  const groupIds = new Set(groups.map((g) => g.id));
  const participants = document.participants.filter((p) => p.programId === programId);
  return {
    program,
    groups,
    participants,
    organizations: document.organizations,
    meetings: document.meetings.filter((m) => groupIds.has(m.groupId)),
    codevSessions: document.codevSessions.filter((c) => groupIds.has(c.groupId)),
    hourEntries: document.hourEntries.filter((e) => groupIds.has(e.groupId)),
    coordinationEntries: document.coordinationEntries.filter((e) => e.programId === programId),
    tools: document.tools.filter((t) => t.programId === programId),
    evaluations: document.evaluations.filter((e) => e.programId === programId),
    responses: document.evaluationResponses.filter((r) => r.programId === programId),
    interviews: document.interviews.filter((i) => i.programId === programId),
    names: programNames({
      participants,
      users: document.users,
      organizations: document.organizations,
      applications: document.applications.filter((a) => a.programId === programId),
    }),
  };
}

beforeAll(async () => {
  doc = documentSchema.parse(await demoDocument(new Date("2026-11-28T12:00:00Z")));
  // The pilot cohort the demo document is built with.
  const coordinator = doc.users.find((u) => u.email === "coordination@exemple.org")!;
  const cohort = pilotCohort(coordinator.id, DEMO_PEOPLE, coordinator.passwordHash);
  expect(doc.groups.filter((g) => g.programId === PILOT_PROGRAM_ID).map((g) => g.id)).toEqual(
    cohort.groups.map((g) => g.id),
  );
  input = inputFor(doc, PILOT_PROGRAM_ID);
  report = buildReport(input);
});

const byLabel = (label: string) => report.groups.find((g) => g.label === label)!;
/**
 * The pilot had no final questionnaire (its final evaluation was the interviews): for the
 * questionnaire's figures, quotes and small counts, the same answers as a final questionnaire,
 * each person's interview notes, quotable by everyone but the mentee whose project left.
 */
function withFinalQuestionnaire(): ReportInput {
  const groupOf = (participantId: string) =>
    input.groups.find((g) => g.memberIds.includes(participantId))!.id;
  return {
    ...input,
    evaluations: [
      ...input.evaluations,
      { id: "eval-final", kind: "final", title: "Évaluation finale", opensOn: "2025-12-01" },
    ],
    responses: [
      ...input.responses,
      ...input.interviews!.map((i) => ({
        id: `resp-final-${i.participantId}`,
        evaluationId: "eval-final",
        participantId: i.participantId,
        groupId: groupOf(i.participantId),
        quoteConsent: i.participantId !== "pp-amelie",
        successFactors: "",
        ...i.notes!,
      })),
    ],
  };
}

/** 1.5 h of preparation logged by a mentee of Logistique (their own time). */
function menteeWork(): ReportInput["hourEntries"][number] {
  const group = input.groups.find((g) => g.label === "Logistique")!;
  const mentee = input.participants.find(
    (p) => p.role === "mentee" && group.memberIds.includes(p.id),
  )!;
  const template = input.hourEntries.find((e) => e.groupId === group.id)!;
  return {
    groupId: group.id,
    participantId: mentee.id,
    kind: "preparation",
    hours: 1.5,
    date: template.date,
  };
}

describe("the pilot cohort's report", () => {
  it("names the groups by their theme, counts roles and regions", () => {
    expect(report.groups.map((g) => [g.number, g.label])).toEqual([
      [1, "Logistique"],
      [2, "Synergies"],
    ]);
    // People by role: Logistique's mentor seat is shared by two co-mentors of one organization.
    expect(byLabel("Logistique").composition).toEqual({ mentor: 2, mentee: 2, peer: 0 });
    expect(byLabel("Synergies").composition).toEqual({ mentor: 1, mentee: 2, peer: 0 });
    for (const g of report.groups) expect(g.regions).toBe(3);
    expect(report.roles).toEqual(["mentor", "mentee"]);
    expect(report.totals.members).toBe(7);
    // Three regions per group, five in all: one region has an organization in each group.
    expect(report.totals.regions).toBe(5);
  });

  it("counts meetings by status and kind", () => {
    expect(byLabel("Logistique").meetings).toEqual({
      held: 5,
      collective: 5,
      individual: 0,
      postponed: 0,
      cancelled: 0,
      planned: 0,
    });
    expect(byLabel("Synergies").meetings).toMatchObject({
      held: 4,
      collective: 2,
      individual: 2,
      postponed: 1,
    });
    expect(report.totals.meetings.held).toBe(9);
  });

  it("counts each meeting's time once in the hour bank, and the mentees' own time apart", () => {
    const logistique = byLabel("Logistique").hours;
    // The pilot: every hour outside meetings is the mentors' (preparation, communication,
    // follow-up), so the whole bank is used in Logistique and 7 hours are left in Synergies.
    expect(logistique).toMatchObject({ bank: 20, used: 20, remaining: 0, meeting: 10 });
    expect(logistique.preparation).toBe(7.5);
    expect(logistique.ownTime).toBe(0);
    expect(logistique.preparationShare).toBeCloseTo(7.5 / 20, 2);
    expect(logistique.outsideMeetingsShare).toBeCloseTo(10 / 20, 2);
    const synergies = byLabel("Synergies").hours;
    expect(synergies).toMatchObject({ bank: 20, used: 13, remaining: 7, meeting: 7 });
    expect(synergies.preparation).toBe(5);
    expect(report.totals.hours).toMatchObject({
      bank: 40,
      used: 33,
      remaining: 7,
      meeting: 17,
      ownTime: 0,
    });
    expect(report.totals.hours.preparationShare).toBeCloseTo(12.5 / 33, 2);
    // A mentee's own preparation is recorded apart and never drains the bank.
    const withOwn = buildReport({ ...input, hourEntries: [...input.hourEntries, menteeWork()] });
    const ownLogistique = withOwn.groups.find((g) => g.label === "Logistique")!.hours;
    expect(ownLogistique).toMatchObject({ used: 20, remaining: 0, ownTime: 1.5 });
    expect(withOwn.totals.hours).toMatchObject({ used: 33, ownTime: 1.5 });
  });

  it("gives the compensation and the coordination time next to the hours", () => {
    // The pilot: 2 500 $ per mentor seat, the shared seat's split between its two co-mentors;
    // the coordination's logged time.
    expect(report.budget).toMatchObject({
      mentors: 3,
      mentorCompensation: 5000,
      compensationPerMentor: 2500,
      coordinationBudget: 10000,
      coordinationHours: 120,
    });
    // Synergies' mentor with another figure, the coordination's time replaced.
    const sylvie = input.participants.find((p) => p.id === "pp-sylvie");
    const coordinated = buildReport({
      ...input,
      participants: input.participants.map((p) =>
        p.id === sylvie!.id ? { ...p, compensation: 1500 } : p,
      ),
      hourEntries: [...input.hourEntries, menteeWork()],
      coordinationEntries: [
        { hours: 6, task: "recruitment" },
        { hours: 2.5, task: "pairing" },
        { hours: 1.25, task: "recruitment" },
      ],
    });
    expect(coordinated.budget).toEqual({
      mentors: 3,
      mentorCompensation: 4000,
      compensationPerMentor: 2500,
      coordinationBudget: 10000,
      coordinationHours: 9.75,
      coordinationByTask: {
        recruitment: 7.25,
        selection: 0,
        pairing: 2.5,
        "follow-up": 0,
        evaluation: 0,
        other: 0,
      },
      hoursOffered: 40,
      hoursUsed: 33,
      ownTime: 1.5,
    });
    const rows = csvTable(coordinated, "budget", "fr").rows;
    expect(rows).toContainEqual(["Rémunération des personnes mentores ($)", 4000]);
    expect(rows).toContainEqual(["Temps de coordination inscrit (h)", 9.75]);
    expect(rows).toContainEqual(["Temps de coordination : Recrutement (h)", 7.25]);
    expect(rows).toContainEqual(["Temps des mentorés et des pairs, hors banque (h)", 1.5]);
    const hours = csvTable(coordinated, "hours", "fr");
    const own = hours.header.indexOf("Temps des mentorés et des pairs (hors banque)");
    expect(hours.rows.map((r) => r[own])).toEqual([1.5, 0, 1.5]);
  });

  it("lists the tools by theme with the program library's share", () => {
    expect(report.tools.total).toBe(13);
    expect(report.tools.programWide).toBe(10);
    const sorting = report.tools.themes.find((t) => t.theme === "tri-denrees")!;
    expect(sorting.label).toBe("Tri des denrées");
    expect(sorting.count).toBe(2);
    expect(sorting.programWide).toBe(1);
    expect(sorting.tools.map((t) => t.title)).toEqual([
      "Guide de tri des invendus",
      "Plan d'aménagement de l'espace de tri",
    ]);
    expect(byLabel("Logistique").tools + byLabel("Synergies").tools).toBe(13);
  });

  it("summarizes the questionnaires and the validated interviews", () => {
    const { monthly, final } = report.evaluations;
    expect(monthly.questionnaires).toBe(4);
    expect(monthly.total).toMatchObject({ responses: 19, respondents: 6, shown: true });
    expect(monthly.total.averageAppreciation).toBe(4.3);
    expect(monthly.byQuestionnaire.map((q) => q.stats.responses)).toEqual([6, 5, 4, 4]);
    // The pilot's final evaluation was an interview with each of its seven people, validated.
    expect(final.questionnaires).toBe(0);
    expect(final.total.responses).toBe(0);
    expect(report.interviews).toMatchObject({ scheduled: 7, validated: 7 });
    expect(report.interviews.stats).toMatchObject({
      responses: 7,
      averageAppreciation: 4.4,
      objectivesReached: { yes: 4, partly: 2, no: 1 },
      continueMeeting: { yes: 4, maybe: 2, no: 1 },
    });
    // The interviews' texts are redacted: the organization named in one is hidden.
    expect(report.interviews.recommendations).toContain(
      `Au ${REDACTED}, nommer la personne mentorée avant de commencer.`,
    );
    // The same answers as a final questionnaire, per group.
    const asQuestionnaire = buildReport(withFinalQuestionnaire()).evaluations.final;
    expect(asQuestionnaire.total).toMatchObject({
      responses: 7,
      averageAppreciation: 4.4,
      objectivesReached: { yes: 4, partly: 2, no: 1 },
    });
    const logistique = asQuestionnaire.byGroup.find((b) => b.groupId === byLabel("Logistique").id)!;
    expect(logistique.stats).toMatchObject({
      responses: 4,
      objectivesReached: { yes: 4, partly: 0, no: 0 },
      continueMeeting: { yes: 4, maybe: 0, no: 0 },
    });
  });

  it("quotes only consenting answers, with names hidden", () => {
    // No pilot answer consented to be quoted (its monthly answers; no final questionnaire).
    expect(report.recommendations).toEqual([]);
    const quoted = buildReport(withFinalQuestionnaire());
    expect(quoted.recommendations).toContain(
      `Merci à ${REDACTED} pour ses outils ; prévoir une visite en personne.`,
    );
    expect(quoted.recommendations).toHaveLength(6);
    // The recommendation without consent (it names an organization) is left out entirely.
    expect(quoted.recommendations.join(" ")).not.toMatch(/Rimouski|Panier|nommer la personne/);
    expect(quoted.quotes.filter((q) => q.source === "learning")).toHaveLength(6);
    expect(quoted.quotes.map((q) => q.text)).not.toContain(
      "Le plan d'action de départ reste utile pour la suite.",
    );
    // No monthly answer consented to be quoted.
    expect(quoted.quotes.some((q) => q.source === "successFactors")).toBe(false);
  });

  it("never contains a name, organization or email of the program, even in the CSV tables", () => {
    const pilotUsers = new Set(
      doc.participants.filter((p) => p.programId === PILOT_PROGRAM_ID).map((p) => p.userId),
    );
    const people = doc.users.filter((u) => pilotUsers.has(u.id));
    const words = people.flatMap((u) => [u.email, ...u.name.split(" ")]);
    const orgIds = new Set(
      doc.participants.filter((p) => p.programId === PILOT_PROGRAM_ID).map((p) => p.organizationId),
    );
    const orgs = doc.organizations.filter((o) => orgIds.has(o.id)).map((o) => o.name);
    const texts = [
      JSON.stringify(report),
      ...(["groups", "meetings", "hours", "budget", "tools", "evaluations"] as const).flatMap(
        (table) =>
          (["fr", "en"] as const).map((locale) => JSON.stringify(csvTable(report, table, locale))),
      ),
    ];
    for (const text of texts) {
      for (const word of [...words, ...orgs]) expect(text, word).not.toContain(word);
    }
  });
});

describe("the redactor", () => {
  const redact = redactor({
    organizations: ["Le Grenier partagé de la Mitis", "Récup'Aliments Laval", "Lemieux Transport"],
    people: ["Louise Bérubé", "Jean-François D'Amours", "Émilie de la Fontaine"],
    emails: ["louise@exemple.org"],
  });

  it("hides full names, first and last names, whatever the case or accents", () => {
    expect(redact("Merci à Louise Bérubé !")).toBe(`Merci à ${REDACTED} !`);
    expect(redact("louise et BERUBE")).toBe(`${REDACTED} et ${REDACTED}`);
    expect(redact("Avec emilie et Mme Fontaine")).toBe(`Avec ${REDACTED} et Mme ${REDACTED}`);
    expect(redact("Jean-François, François et D'Amours")).toBe(
      `${REDACTED}, ${REDACTED} et ${REDACTED}`,
    );
  });

  it("hides organization names and emails, and keeps everything else", () => {
    expect(redact("Au grenier partage de la mitis, on trie.")).toBe(`Au ${REDACTED}, on trie.`);
    expect(redact("Récup’Aliments Laval et recup'aliments laval")).toBe(
      `${REDACTED} et ${REDACTED}`,
    );
    expect(redact("Écrire à louise@exemple.org ou à x.y@autre.ca")).toBe(
      `Écrire à ${REDACTED} ou à ${REDACTED}`,
    );
    // Only a leading article is dropped ("Le Grenier…" is "au Grenier…"), never part of a word.
    expect(redact("mieux Transport")).toBe("mieux Transport");
    // Whole words only, and particles ("de", "la") are ordinary words.
    expect(redact("Louiseville, de la farine et des louises")).toBe(
      "Louiseville, de la farine et des louises",
    );
  });

  it("keeps the text's own characters around a name in decomposed form", () => {
    const decomposed = "Merci à Chloe\u0301 !".normalize("NFD");
    const hide = redactor({ organizations: [], people: ["Chloé Pelletier"], emails: [] });
    expect(hide(decomposed)).toBe(`${"Merci à ".normalize("NFD")}${REDACTED} !`);
  });
});

describe("small counts", () => {
  it(`breaks answers down only when at least ${MIN_RESPONDENTS} people answered`, () => {
    const logistique = byLabel("Logistique").id;
    // Two of Logistique's members did not answer the final evaluation: two answers left.
    const answered = withFinalQuestionnaire();
    const finalIds = new Set(["eval-final"]);
    const fewer = buildReport({
      ...answered,
      responses: answered.responses.filter(
        (r) =>
          !(
            finalIds.has(r.evaluationId) &&
            r.groupId === logistique &&
            (r.participantId === "pp-thomas" || r.participantId === "pp-rejean")
          ),
      ),
    });
    const final = fewer.evaluations.final;
    expect(final.byGroup.find((b) => b.groupId === logistique)!.stats).toBeNull();
    expect(final.byGroup.find((b) => b.groupId !== logistique)!.stats).not.toBeNull();
    // The program total (5 people) is still given.
    expect(final.total).toMatchObject({ responses: 5, shown: true });
    const rows = csvTable(fewer, "evaluations", "fr").rows;
    expect(rows).toContainEqual([
      "Final",
      "Logistique",
      "Ventilation",
      "Moins de 3 réponses : non ventilé",
    ]);

    // Two answers in the whole program: only their count.
    const two = buildReport({
      ...answered,
      responses: answered.responses.filter((r) => finalIds.has(r.evaluationId)).slice(0, 2),
    });
    expect(two.evaluations.final.total).toEqual({
      responses: 2,
      respondents: 2,
      shown: false,
      averageAppreciation: null,
      objectivesReached: null,
      continueMeeting: null,
    });
    expect(two.evaluations.final.byGroup.every((b) => b.stats === null)).toBe(true);
    // Group figures about meetings and hours are not about a person: always given.
    expect(two.groups[0]!.hours.used).toBe(20);
  });

  it("names unlabelled groups by their order of creation, and hides names in labels", () => {
    const unlabelled = buildReport({
      ...input,
      groups: input.groups.map((g, i) => ({ ...g, label: i === 0 ? "" : "Chez Louise" })),
    });
    expect(unlabelled.groups.map((g) => g.label)).toEqual(["", `Chez ${REDACTED}`]);
    const rows = csvTable(unlabelled, "groups", "fr").rows;
    expect(rows.map((r) => r[0])).toEqual(["Groupe 1", `Chez ${REDACTED}`]);
    expect(csvTable(unlabelled, "groups", "en").rows[0]![0]).toBe("Group 1");
  });
});
