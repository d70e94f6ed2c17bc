/**
 * Selection as the pilot did it: mentor applications are scored on the mentors' rubric (rich
 * experience, flexibility and agility, communication and transparency), mentees' projects on the
 * seven criteria, each list ranked on its own scale; the interest form asks about coaching or
 * mentoring received recently, and coordinators read the answer.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { MENTOR_CRITERIA, SELECTION_CRITERIA } from "../../core/data/vocabulary";

const PROGRAM_ID = "prog-reemploi-2026";
const PROGRAM = `/programs/${PROGRAM_ID}`;
const MENTOR_APP = `${PROGRAM}/applications/app-victoriaville`;
const MENTEE_APP = `${PROGRAM}/applications/app-sept-iles`;

let server: TestServer;
let coordinator: HttpClient;

beforeAll(async () => {
  server = await startServer();
  coordinator = await signedIn(server.url, "coordination@exemple.org");
});
afterAll(async () => {
  await server?.stop();
});

interface StoredApplication {
  id: string;
  organizationName: string;
  recentSupport?: string;
  recentSupportText: string;
  evaluation?: { rubric?: string; total: number; criteria: Record<string, { score: number }> };
}
async function application(test: (a: StoredApplication) => boolean) {
  const doc = JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as {
    applications: StoredApplication[];
  };
  return doc.applications.find(test);
}

const scores = (criteria: readonly string[], score: string) =>
  Object.fromEntries(
    criteria.flatMap((c) => [
      [`score.${c}`, score],
      [`comment.${c}`, ""],
    ]),
  );

describe("mentor rubric", () => {
  it("scores a mentor application on the mentors' rubric, out of 9", async () => {
    const page = await pageText(await coordinator.get(MENTOR_APP));
    expect(page).toContain("Flexibilité et agilité");
    expect(page).toContain("Communication et transparence");
    expect(page).not.toContain('name="score.foodAccess"');
    // The seven project criteria are not a mentor's: refused, nothing stored.
    const wrong = await coordinator.post(MENTOR_APP, {
      intent: "score",
      ...scores(SELECTION_CRITERIA, "3"),
    });
    expect(wrong.status).toBe(400);
    expect((await application((a) => a.id === "app-victoriaville"))!.evaluation?.total).toBe(6);

    const scored = await coordinator.post(MENTOR_APP, {
      intent: "score",
      ...scores(MENTOR_CRITERIA, "3"),
      "score.experience": "2",
    });
    expect(scored.status).toBe(200);
    const stored = (await application((a) => a.id === "app-victoriaville"))!.evaluation!;
    expect(stored.rubric).toBe("mentor");
    expect(stored.total).toBe(8);
    expect(Object.keys(stored.criteria).sort()).toEqual([...MENTOR_CRITERIA].sort());
    expect(await pageText(await coordinator.get(MENTOR_APP))).toContain("8 / 9");
  });

  it("scores a mentee's project on the seven criteria, and ranks each on its own scale", async () => {
    const page = await pageText(await coordinator.get(MENTEE_APP));
    expect(page).toContain('name="score.foodAccess"');
    expect(page).not.toContain('name="score.flexibility"');
    const mentorOnly = await coordinator.post(MENTEE_APP, {
      intent: "score",
      ...scores(MENTOR_CRITERIA, "3"),
    });
    expect(mentorOnly.status).toBe(400);
    expect(
      (
        await coordinator.post(MENTEE_APP, {
          intent: "score",
          ...scores(SELECTION_CRITERIA, "2"),
        })
      ).status,
    ).toBe(200);
    const stored = (await application((a) => a.id === "app-sept-iles"))!.evaluation!;
    expect(stored.rubric).toBe("project");
    expect(stored.total).toBe(14);
    // 8 / 9 (89 %) ranks above 14 / 21 (67 %) and Granby's 14 / 21 (ties keep submission order).
    const list = await pageText(await coordinator.get(`${PROGRAM}/applications?sort=score`));
    expect(list).toContain("8 / 9");
    expect(list).toContain("14 / 21");
    const order = ["Entrepôt communautaire des Bois-Francs", "Frigo-Partage de Sept-Îles"].map(
      (name) => list.indexOf(name),
    );
    expect(order[0]).toBeGreaterThan(-1);
    expect(order[0]).toBeLessThan(order[1]!);
  });
});

describe("the interest form's recent coaching question", () => {
  const form = {
    intent: "submit",
    email: "info@cuisine-matane.exemple.org",
    organizationName: "La Cuisine partagée de Matane",
    contactName: "Rosalie Bérubé",
    contactEmail: "rosalie@exemple.org",
    region: "01",
    mrc: "10",
    sector: "Cuisine collective",
    field: "Réemploi alimentaire",
    role: "mentee",
    concept:
      "Une cuisine collective qui transforme les invendus en repas ; nous voulons vendre une gamme de conserves.",
    operations: ["marketing"],
    operationsText: "Mise en marché au comptoir et dans deux épiceries.",
    barriers: "Pas d'étiquetage conforme.",
    mentoringHelp: "Apprendre la mise en marché.",
    revisionOpenness: "Beaucoup.",
    "need.commercialisation": "3",
    workingStyle: "between",
    availability: ["mon-am"],
    designatedThroughout: "on",
    canImplement: "on",
    consent: "on",
  };

  it("asks yes or no, and what and when on yes; the coordinators read the answer", async () => {
    const applicant = new HttpClient(server.url);
    // A client address per post, so that the form's rate limit does not hide validation.
    let address = 0;
    const from = () => ({ "X-Forwarded-For": `10.9.0.${++address}` });
    const unanswered = await applicant.post(`/apply/${PROGRAM_ID}`, form, from());
    expect(unanswered.status).toBe(400);
    expect(await pageText(unanswered)).toMatch(
      /id="field-recentSupport-error">[^<]*Répondez oui ou non\./,
    );
    const yesWithoutWhat = await applicant.post(
      `/apply/${PROGRAM_ID}`,
      { ...form, recentSupport: "yes" },
      from(),
    );
    expect(yesWithoutWhat.status).toBe(400);
    expect(await pageText(yesWithoutWhat)).toMatch(
      /id="field-recentSupportText-error">[^<]*Dites quel coaching ou mentorat, et quand\./,
    );
    expect(await application((a) => a.organizationName === form.organizationName)).toBeUndefined();

    const sent = await applicant.post(
      `/apply/${PROGRAM_ID}`,
      {
        ...form,
        recentSupport: "yes",
        recentSupportText: "Coaching en commercialisation, automne 2026.",
      },
      from(),
    );
    expect(sent.status).toBeLessThan(400);
    const stored = (await application((a) => a.organizationName === form.organizationName))!;
    expect(stored.recentSupport).toBe("yes");
    expect(stored.recentSupportText).toBe("Coaching en commercialisation, automne 2026.");

    const page = await pageText(await coordinator.get(`${PROGRAM}/applications/${stored.id}`));
    expect(page).toContain("Votre organisme a-t-il reçu du coaching ou du mentorat récemment ?");
    expect(page).toContain("Coaching en commercialisation, automne 2026.");
    expect(page).toContain("gardez des objectifs distincts");
    // The operations question in the pilot's words.
    const blank = await pageText(await new HttpClient(server.url).get(`/apply/${PROGRAM_ID}`));
    expect(blank).toContain("Décrivez vos opérations");
    expect(blank).toContain("Mise en marché");
  });
});
