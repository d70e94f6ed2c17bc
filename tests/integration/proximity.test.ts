/**
 * The pilot's proximity option over HTTP, on the demo's Montérégie program
 * (server/seeds/proximity.ts): a group is one region and three MRCs, without competitors or
 * conflicts of interest, and each participant declares on their profile the organizations of their
 * region with which they have a conflict of interest.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PROGRAM = "/programs/prog-proximite-monteregie-2027";
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const as = (email: string) => signedIn(server.url, email);
async function stored() {
  return JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as {
    participants: Array<{ id: string; conflictOrgIds?: string[] }>;
    groupProposals: Array<{ memberIds: string[]; status: string }>;
  };
}

/** Gabriel's profile as the demo has it, for the profile form. */
const gabrielProfile = {
  intent: "save",
  sector: "Cuisine collective",
  field: "Réemploi alimentaire",
  needTag: ["entreposage", "mutualisation"],
  needPriority: ["3", "2"],
  needsText: "",
  expertise: ["evenements"],
  expertiseText: "",
  workingStyle: "between",
  availability: ["tue-am", "wed-pm", "thu-am"],
  published: "on",
};

describe("proximity rule: one region, three MRCs, no conflict of interest", () => {
  it("the program page names the rule in the pilot's words", async () => {
    const annie = await as("annie@exemple.org");
    expect(await pageText(await annie.get(PROGRAM))).toContain(
      "Proximité : une même région, des MRC différentes",
    );
  });

  it("refuses a group of one MRC or of two regions, and one with a declared conflict of interest, each with its cause", async () => {
    const annie = await as("annie@exemple.org");
    const sameMrc = await annie.post(`${PROGRAM}/groups`, {
      intent: "propose",
      first: "px-ginette",
      second: "px-simon",
    });
    expect(sameMrc.status).toBe(409);
    expect(await pageText(sameMrc)).toContain("Même MRC : Ginette Gagnon et Simon Côté.");
    const twoRegions = await annie.post(`${PROGRAM}/groups`, {
      intent: "check",
      first: "px-robert",
      second: "px-maude",
    });
    expect(await pageText(twoRegions)).toContain(
      "Régions administratives différentes, alors que les trois membres doivent être d'une même région : Annie Roy et Maude Fortin.",
    );
    // Annie declared a conflict of interest with Gabriel's organization.
    const conflict = await annie.post(`${PROGRAM}/groups`, {
      intent: "check",
      first: "px-ginette",
      second: "px-gabriel",
    });
    expect(await pageText(conflict)).toContain(
      "Organismes concurrents ou en conflit d'intérêts : Annie Roy et Gabriel Ouellet.",
    );
    expect((await stored()).groupProposals).toHaveLength(0);
  });

  it("accepts a group of three MRCs of one region", async () => {
    const annie = await as("annie@exemple.org");
    // Haut-Richelieu, Longueuil, La Vallée-du-Richelieu.
    const proposed = await annie.post(`${PROGRAM}/groups`, {
      intent: "propose",
      first: "px-ginette",
      second: "px-etienne",
    });
    expect(proposed.status).toBe(200);
    expect((await stored()).groupProposals.map((p) => [...p.memberIds].sort())).toEqual([
      ["px-annie", "px-etienne", "px-ginette"],
    ]);
  });

  it("a conflict of interest declared on the profile keeps two organizations apart", async () => {
    const nadia = await as("nadia@exemple.org");
    const group = { intent: "check", first: "px-robert", second: "px-gabriel" };
    // Vaudreuil-Soulanges, Les Maskoutains, Roussillon: allowed before the declaration.
    expect(await pageText(await nadia.post(`${PROGRAM}/groups`, group))).toContain(
      "Ce groupe respecte toutes les règles.",
    );
    const gabriel = await as("gabriel@exemple.org");
    const form = await pageText(await gabriel.get(`${PROGRAM}/profile`));
    expect(form).toContain("Conflits d'intérêts dans votre région");
    // Only the program's organizations of his region are offered (not Maude's, in Centre-du-Québec).
    expect(form).toContain("Frigo communautaire de Vaudreuil-Soulanges");
    expect(form).toContain('id="conflict-org-nadia"');
    expect(form).not.toContain('id="conflict-org-maude"');
    const outside = await gabriel.post(`${PROGRAM}/profile`, {
      ...gabrielProfile,
      conflictOrgIds: ["org-nadia", "org-maude"],
    });
    expect(outside.status).toBe(400);
    expect(await pageText(outside)).toContain(
      "Conflits d'intérêts : choisissez seulement des organismes du programme situés dans votre région.",
    );
    expect((await stored()).participants.find((p) => p.id === "px-gabriel")?.conflictOrgIds).toBe(
      undefined,
    );
    const saved = await gabriel.post(`${PROGRAM}/profile`, {
      ...gabrielProfile,
      conflictOrgIds: ["org-nadia"],
    });
    expect(saved.status).toBe(200);
    expect(
      (await stored()).participants.find((p) => p.id === "px-gabriel")?.conflictOrgIds,
    ).toEqual(["org-nadia"]);
    expect(await pageText(await gabriel.get(`${PROGRAM}/profile`))).toContain(
      "Conflits d'intérêts déclarés : Frigo communautaire de Vaudreuil-Soulanges.",
    );
    // The same group, proposed this time: refused.
    const refused = await nadia.post(`${PROGRAM}/groups`, { ...group, intent: "propose" });
    expect(refused.status).toBe(409);
    expect(await pageText(refused)).toContain(
      "Organismes concurrents ou en conflit d'intérêts : Nadia Bélanger et Gabriel Ouellet.",
    );
  });

  it("the directory lists last, with the cause, whoever can never share the viewer's group", async () => {
    const etienne = await as("etienne@exemple.org");
    const html = await pageText(await etienne.get(`${PROGRAM}/directory`));
    const cards = [...html.matchAll(/<h2 class="card-title">([^<]+)/g)].map((m) => m[1]!);
    expect(cards[0]).toBe("Étienne Poirier");
    // Maude (Centre-du-Québec) is last, without an affinity; the others of Montérégie have one.
    expect(cards.at(-1)).toBe("Maude Fortin");
    const maude = html.slice(html.lastIndexOf('<h2 class="card-title">'));
    expect(maude).toContain("Jamais dans votre groupe selon la règle de jumelage du programme :");
    expect(maude).toContain("autre région administrative que la vôtre");
    expect(maude).not.toContain('class="fit ');
    expect([...html.matchAll(/<p class="fit fit--/g)]).toHaveLength(cards.length - 2);
  });
});
