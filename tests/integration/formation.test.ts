import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { outboxMessages } from "../helpers/store-snapshot";

const PROGRAM = "/programs/prog-reemploi-2026";
/** The demo's own finished run (proposals to regroup on the formation page). */
const DEMO_RUN = "run-demo-automne";
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const as = (email: string) => signedIn(server.url, email);
const page = async (r: Response) => decode(await r.text());
async function doc() {
  return JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as {
    groups: Array<{
      id: string;
      programId: string;
      memberIds: string[];
      status: string;
      origin: string;
    }>;
    groupProposals: Array<{ id: string; memberIds: string[]; status: string }>;
    solverRuns: Array<{
      id: string;
      status: string;
      groups: Array<{
        id: string;
        memberIds: string[];
        decision: string;
        explanation: Array<{ code: string; params: Record<string, unknown> }>;
      }>;
    }>;
  };
}
async function outbox() {
  return outboxMessages([server.dataDir]);
}

describe("self-formed groups", () => {
  it("refuses a group that breaks a rule, with the reason", async () => {
    const benoit = await as("benoit@exemple.org");
    const sameRegion = await benoit.post(`${PROGRAM}/groups`, {
      intent: "propose",
      first: "p-chloe",
      second: "p-marc",
    });
    expect(sameRegion.status).toBe(409);
    expect(await page(sameRegion)).toContain(
      "Même région administrative : Benoît Girard et Chloé Pelletier.",
    );
    const sophie = await as("sophie@exemple.org");
    const competitors = await sophie.post(`${PROGRAM}/groups`, {
      intent: "check",
      first: "p-nathalie",
      second: "p-thomas",
    });
    expect(await page(competitors)).toContain("Organismes concurrents ou en conflit d'intérêts");
    const twoMentors = await sophie.post(`${PROGRAM}/groups`, {
      intent: "check",
      first: "p-marc",
      second: "p-louise",
    });
    expect(await page(twoMentors)).toContain(
      "Un groupe compte un·e mentor·e et deux mentoré·es ; ce n'est pas le cas du groupe de",
    );
    expect((await doc()).groupProposals).toHaveLength(0);
  });

  it("forms a group when all three accept, and only members see it", async () => {
    const amelie = await as("amelie@exemple.org");
    const check = await amelie.post(`${PROGRAM}/groups`, {
      intent: "check",
      first: "p-nathalie",
      second: "p-karine",
    });
    const checked = await page(check);
    expect(checked).toContain("Ce groupe respecte toutes les règles.");
    // A fit in words with the engine's reasons, never the engine's score (issue #20).
    expect(checked).toMatch(
      /(Très bonne complémentarité|Bonne complémentarité|Complémentarité modeste) entre vous trois\./,
    );
    expect(checked).toContain("Ce qui vous rapproche :");
    expect(checked).toMatch(/Trois (régions administratives|MRC|organismes) différent/);
    expect(checked).not.toMatch(/Affinité du groupe|\/5\b/);
    const proposed = await amelie.post(`${PROGRAM}/groups`, {
      intent: "propose",
      first: "p-nathalie",
      second: "p-karine",
      message: "On forme un groupe ?",
    });
    expect(proposed.status).toBe(200);
    const proposal = (await doc()).groupProposals[0]!;
    expect(
      (await outbox())
        .filter((m) => m.subject.startsWith("Proposition de groupe"))
        .map((m) => m.to)
        .sort(),
    ).toEqual(["karine@exemple.org", "nathalie@exemple.org"]);

    // Someone else cannot answer it, nor see it.
    const louise = await as("louise@exemple.org");
    expect(
      (await louise.post(`${PROGRAM}/groups`, { intent: "accept", proposalId: proposal.id }))
        .status,
    ).toBe(404);
    expect(await page(await louise.get(`${PROGRAM}/groups`))).not.toContain("On forme un groupe ?");
    // A second proposal with a busy person is refused.
    const busy = await louise.post(`${PROGRAM}/groups`, {
      intent: "propose",
      first: "p-karine",
      second: "p-david",
    });
    expect(await page(busy)).toContain("Déjà dans une proposition en attente : Karine Caron.");

    const nathalie = await as("nathalie@exemple.org");
    expect(await page(await nathalie.get(`${PROGRAM}/groups`))).toContain("On forme un groupe ?");
    await nathalie.post(`${PROGRAM}/groups`, { intent: "accept", proposalId: proposal.id });
    // The demo groups only (the pilot cohort's groups belong to another program): the cold-chain
    // group and the shared mentor seat's group.
    expect((await doc()).groups.filter((g) => g.programId === "prog-reemploi-2026")).toHaveLength(
      2,
    );
    const karine = await as("karine@exemple.org");
    await karine.post(`${PROGRAM}/groups`, { intent: "accept", proposalId: proposal.id });
    const group = (await doc()).groups.find(
      (g) => g.origin === "self" && g.programId === "prog-reemploi-2026",
    )!;
    expect(group).toMatchObject({ origin: "self", status: "active" });
    expect(group.memberIds).toEqual(["p-amelie", "p-karine", "p-nathalie"]);
    const formedMails = (await outbox())
      .filter((m) => m.subject.startsWith("Votre groupe est formé"))
      .map((m) => m.to)
      .sort();
    expect(formedMails).toEqual([
      "amelie@exemple.org",
      "karine@exemple.org",
      "nathalie@exemple.org",
    ]);

    // In-app notice too, counted in the header until read.
    expect(await page(await amelie.get("/dashboard"))).toMatch(/1 non lu/);
    const notices = await page(await amelie.get("/notifications"));
    expect(notices).toContain("Votre groupe est formé – Maillages et mentorat 2026-2027");
    expect(await page(await amelie.get("/dashboard"))).not.toMatch(/non lu/);
    // The past proposal names its members, although they are no longer candidates.
    const groupsPage = await page(await amelie.get(`${PROGRAM}/groups`));
    const pastList = groupsPage.slice(groupsPage.indexOf('id="past-title"'));
    const past = pastList.slice(0, pastList.indexOf("</ul>"));
    expect(past).toContain("Groupe formé");
    expect(past).toContain("Karine Caron");
    expect(past).toContain("Nathalie");
    expect(past).not.toContain("…");

    const space = await page(await amelie.get(`${PROGRAM}/groups/${group.id}`));
    expect(space).toContain("karine@exemple.org"); // contact details inside the group
    expect(space).toContain("Première rencontre suggérée");
    expect((await louise.get(`${PROGRAM}/groups/${group.id}`)).status).toBe(404);
    // Group content is for members only: the coordinators too get 404.
    const coordination = await as("coordination@exemple.org");
    expect((await coordination.get(`${PROGRAM}/groups/${group.id}`)).status).toBe(404);

    // The agreement: written together, accepted by each member, re-accepted after a change.
    const agreement = `${PROGRAM}/groups/${group.id}/agreement`;
    const points = {
      intent: "save",
      responsibilities: "Nathalie anime ; Amélie et Karine préparent leurs questions.",
      objectives: "Une grille de tarification sociale pour chaque organisme.",
      referencePersons: "Amélie Roy, Karine Caron, Nathalie Gagnon.",
      period: "De janvier à juin 2027.",
      meetings: "2 h toutes les trois semaines, en ligne.",
      communication: "Un court suivi écrit toutes les deux semaines.",
    };
    const invalid = await amelie.post(agreement, { ...points, objectives: "" });
    expect(invalid.status).toBe(400);
    expect(await page(invalid)).toContain('id="field-objectives-error"');
    expect((await amelie.post(agreement, points)).status).toBe(200);
    expect((await nathalie.post(agreement, { intent: "accept", version: "1" })).status).toBe(200);
    await amelie.post(agreement, {
      ...points,
      meetings: "2 h toutes les deux semaines, en ligne.",
    });
    const stale = await karine.post(agreement, { intent: "accept", version: "1" });
    expect(stale.status).toBe(409);
    expect(await page(stale)).toContain("L'entente a changé depuis votre lecture");
    expect((await karine.post(agreement, { intent: "accept", version: "2" })).status).toBe(200);
    const agreementPage = await page(await karine.get(agreement));
    expect(agreementPage).toContain("Version 2");
    expect(agreementPage).toContain("Versions précédentes");
    expect(agreementPage.replace(/<!-- -->/g, "")).toMatch(/Nathalie Gagnon — pas encore acceptée/);
    for (const outsider of [louise, coordination]) {
      expect((await outsider.get(agreement)).status).toBe(404);
      expect((await outsider.post(agreement, points)).status).toBe(404);
    }
  });
});

describe("answering a proposal", () => {
  it("lets the proposer withdraw, and anyone asked decline, freeing everyone for a new proposal", async () => {
    const david = await as("david@exemple.org");
    await david.post(`${PROGRAM}/groups`, {
      intent: "propose",
      first: "p-yves",
      second: "p-isabelle",
    });
    let proposal = (await doc()).groupProposals.find((p) => p.memberIds.includes("p-david"))!;
    // Only the proposer withdraws; the others answer.
    const yves = await as("yves@exemple.org");
    expect(
      (await yves.post(`${PROGRAM}/groups`, { intent: "withdraw", proposalId: proposal.id }))
        .status,
    ).toBe(404);
    await david.post(`${PROGRAM}/groups`, { intent: "withdraw", proposalId: proposal.id });
    expect((await doc()).groupProposals.find((p) => p.id === proposal.id)!.status).toBe(
      "withdrawn",
    );
    expect(
      (await yves.post(`${PROGRAM}/groups`, { intent: "accept", proposalId: proposal.id })).status,
    ).toBe(409);

    await david.post(`${PROGRAM}/groups`, {
      intent: "propose",
      first: "p-yves",
      second: "p-isabelle",
    });
    proposal = (await doc()).groupProposals.find(
      (p) => p.memberIds.includes("p-david") && p.status === "pending",
    )!;
    await yves.post(`${PROGRAM}/groups`, { intent: "decline", proposalId: proposal.id });
    expect((await doc()).groupProposals.find((p) => p.id === proposal.id)!.status).toBe("declined");
    expect(await page(await david.get(`${PROGRAM}/groups`))).toContain("Refusée");
    // Nobody is held by a closed proposal.
    const again = await david.post(`${PROGRAM}/groups`, {
      intent: "check",
      first: "p-yves",
      second: "p-isabelle",
    });
    expect(await page(again)).toContain("Ce groupe respecte toutes les règles.");
  });
});

describe("proposals by the solver (coordinator)", () => {
  it("solves, refuses a swap that breaks a rule, applies a valid one, approves, and keeps approved groups on re-solve", async () => {
    const coordinator = await as("coordination@exemple.org");
    const participant = await as("julien@exemple.org");
    expect((await participant.post(`${PROGRAM}/formation`, { intent: "solve" })).status).toBe(403);
    expect((await participant.get(`${PROGRAM}/formation`)).status).toBe(403);

    expect((await coordinator.post(`${PROGRAM}/formation`, { intent: "solve" })).status).toBe(200);
    await expect
      .poll(async () => (await doc()).solverRuns.find((r) => r.id !== DEMO_RUN)?.status, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe("done");
    const run = (await doc()).solverRuns.find((r) => r.id !== DEMO_RUN)!;
    expect(run.groups.length).toBeGreaterThanOrEqual(4);
    const grouped = new Set(run.groups.flatMap((g) => g.memberIds));
    for (const id of ["p-amelie", "p-nathalie", "p-karine", "p-marc", "p-benoit"]) {
      expect(grouped.has(id)).toBe(false); // in active groups already
    }
    const html = await page(await coordinator.get(`${PROGRAM}/formation`));
    expect(html).toContain("Pourquoi ce groupe");
    // The run stores the engine's reason codes; the page words them in the reader's language.
    expect(run.groups[0]!.explanation[0]).toMatchObject({ code: "triad" });
    const mentor = String(run.groups[0]!.explanation[0]!.params.mentor);
    expect(html).toContain(`Triade : ${mentor} (mentor·e) avec`);
    expect(html).toContain("Trois organismes différents, sans concurrent déclaré entre eux");
    coordinator.cookies.set("maillage_lang", "en");
    const english = await page(await coordinator.get(`${PROGRAM}/formation`));
    expect(english).toContain(`Triad: ${mentor} (mentor) with`);
    expect(english).toContain("Three different organizations, no declared competitor");
    coordinator.cookies.set("maillage_lang", "fr");

    // A second mentor into a group: refused with the reason.
    const g1 = run.groups[0]!;
    const g2 = run.groups[1]!;
    const mentors = new Set([
      "p-louise",
      "p-marc",
      "p-nathalie",
      "p-patrice",
      "p-sylvie",
      "p-yves",
    ]);
    const outId = g1.memberIds.find((id) => !mentors.has(id))!;
    const inId = g2.memberIds.find((id) => mentors.has(id))!; // a mentor into a group that has one
    const refused = await coordinator.post(`${PROGRAM}/formation`, {
      intent: "change",
      runId: run.id,
      groupId: g1.id,
      outId,
      inId,
    });
    expect(refused.status).toBe(409);
    expect(await page(refused)).toContain("Ce groupe n'est pas possible");

    const approved = await coordinator.post(`${PROGRAM}/formation`, {
      intent: "approve",
      runId: run.id,
      groupId: g1.id,
    });
    expect(approved.status).toBe(200);
    let state = await doc();
    // The self-formed group, the new one, and the demo's two.
    expect(
      state.groups.filter((g) => g.status === "active" && g.programId === "prog-reemploi-2026"),
    ).toHaveLength(4);
    expect(
      state.solverRuns.find((r) => r.id === run.id)!.groups.find((g) => g.id === g1.id)!.decision,
    ).toBe("approved");
    // Its members read the engine's explanation, worded, in the group's space.
    const formed = state.groups.find(
      (g) =>
        g.status === "active" && g.memberIds.includes(g1.memberIds[0]!) && g.origin === "solver",
    )!;
    const member = await as(`${formed.memberIds[0]!.slice(2)}@exemple.org`);
    const space = await page(await member.get(`${PROGRAM}/groups/${formed.id}`));
    expect(space).toContain("Pourquoi ce groupe");
    expect(space).toContain("Trois organismes différents, sans concurrent déclaré entre eux");
    await coordinator.post(`${PROGRAM}/formation`, {
      intent: "reject",
      runId: run.id,
      groupId: g2.id,
    });
    await coordinator.post(`${PROGRAM}/formation`, {
      intent: "pair-add",
      kind: "forbid",
      a: "p-louise",
      b: "p-thomas",
    });

    // Re-solve: approved groups stay as they are and nobody in them is proposed again.
    await coordinator.post(`${PROGRAM}/formation`, { intent: "solve" });
    await expect
      .poll(
        async () =>
          (await doc()).solverRuns.filter((r) => r.status === "done" && r.id !== DEMO_RUN).length,
        {
          timeout: 60_000,
          interval: 250,
        },
      )
      .toBe(2);
    state = await doc();
    const second = state.solverRuns.find((r) => r.id !== run.id && r.id !== DEMO_RUN)!;
    const fixedMembers = new Set(state.groups.flatMap((g) => g.memberIds));
    for (const g of second.groups)
      for (const id of g.memberIds) expect(fixedMembers.has(id)).toBe(false);
    for (const g of second.groups)
      expect(g.memberIds.includes("p-louise") && g.memberIds.includes("p-thomas")).toBe(false);

    const audit = await page(await coordinator.get(`${PROGRAM}/formation`));
    for (const action of ["solve-started", "group-approved", "group-rejected", "forbid-added"])
      expect(audit).toContain(`data-action="${action}"`);
  }, 150_000);
});
