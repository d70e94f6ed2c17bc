/**
 * Local re-optimization on the formation page, over HTTP on the production build: the best
 * regrouping of three proposals and a person in no group is computed (nothing written), applied
 * only with its token, refused once a selected proposal changed in between, applied once per
 * submission, and reserved to the program's coordinators (404 for another program's coordinator).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, HttpClient } from "../helpers/http";
import { Factory, FACTORY_PASSWORD, writeLowdbStore } from "../helpers/factory";
import { makeTempDir, startServer, type TestServer } from "../helpers/server";

const f = new Factory("rg");
const program = f.program();
const coordinator = program.coordinators[0]!;
// Three proposals where nobody needs anything the others offer, and Zoé, in no group, who needs
// what the first mentor offers: the best regrouping puts her with him.
const transport = { expertise: ["transport"] };
const [m1, m2, m3] = [
  f.person(program, "mentor", { profile: transport }),
  f.person(program, "mentor"),
  f.person(program, "mentor"),
];
const mentees = Array.from({ length: 6 }, () => f.person(program, "mentee"));
const zoe = f.person(program, "mentee", {
  profile: { needs: [{ tag: "transport", priority: 3 }] },
});
const spare = f.person(program, "mentee");
const run = f.solverRun(program, [
  [m1, mentees[0]!, mentees[1]!],
  [m2, mentees[2]!, mentees[3]!],
  [m3, mentees[4]!, mentees[5]!],
]);
const other = f.program();
const otherRun = f.solverRun(other, []);

let server: TestServer;
beforeAll(async () => {
  const dataDir = await makeTempDir("maillage-regroup-");
  await writeLowdbStore(dataDir, await f.document());
  server = await startServer({ dataDir });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const url = `${program.path}/formation`;
async function as(email: string) {
  const client = new HttpClient(server.url);
  await client.signIn(email, FACTORY_PASSWORD);
  return client;
}
const page = async (r: Response) => decode(await r.text());
async function runGroups() {
  const doc = JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as {
    solverRuns: Array<{
      id: string;
      groups: Array<{ id: string; memberIds: string[]; decision: string; score: number }>;
      unplaced: Array<{ id: string }>;
    }>;
  };
  return doc.solverRuns.find((r) => r.id === run.id)!;
}
/** The apply form's fields, read from the page that shows the comparison. */
function applyForm(html: string): Record<string, string | string[]> {
  const form = html.slice(html.indexOf('name="token"') - 400);
  const values = (name: string) =>
    [...form.matchAll(new RegExp(`name="${name}" value="([^"]*)"`, "g"))].map((m) => m[1]!);
  return {
    runId: values("runId")[0]!,
    token: values("token")[0]!,
    groupIds: values("groupIds"),
    freeIds: values("freeIds"),
    groups: values("groups"),
  };
}
const selection = {
  runId: run.id,
  groupIds: run.groupIds,
  freeIds: [zoe.participantId],
};

describe("regrouping a few proposals", () => {
  it("is for the program's coordinators only: another program's coordinator gets 404", async () => {
    const stranger = await as(other.coordinators[0]!.email);
    for (const intent of ["regroup", "regroup-apply", "replacements"]) {
      const answer = await stranger.post(url, { intent, ...selection });
      expect(answer.status).toBe(404);
    }
    const participant = await as(zoe.email);
    expect((await participant.post(url, { intent: "regroup", ...selection })).status).toBe(403);
    // A run of another program answers like a run that does not exist.
    const mine = await as(coordinator.email);
    expect(
      (await mine.post(url, { intent: "regroup", ...selection, runId: otherRun.id })).status,
    ).toBe(404);
  });

  it("names the field of a selection it cannot take", async () => {
    const client = await as(coordinator.email);
    const one = await client.post(url, { intent: "regroup", runId: run.id, groupIds: ["g1"] });
    expect(one.status).toBe(400);
    expect(await page(one)).toContain(
      "Propositions à regrouper : choisissez de 2 à 6 propositions différentes.",
    );
    const placed = await client.post(url, {
      intent: "regroup",
      ...selection,
      freeIds: [mentees[0]!.participantId],
    });
    expect(placed.status).toBe(409);
    expect(await page(placed)).toContain(
      `Personnes sans groupe : ${mentees[0]!.name} a déjà un groupe ou une proposition.`,
    );
  });

  it("computes the comparison, refuses it once a proposal changed, and applies a fresh one once", async () => {
    const client = await as(coordinator.email);
    const before = await runGroups();
    const computed = await client.post(url, { intent: "regroup", ...selection });
    expect(computed.status).toBe(200);
    const html = await page(computed);
    expect(html).toContain("Meilleur regroupement trouvé");
    expect(html).toContain("Appliquer ce regroupement");
    expect(html).toContain(`${zoe.name}`);
    // Nothing is written by the calculation.
    expect(await runGroups()).toEqual(before);
    const stale = applyForm(html);
    expect(stale.groups).toContainEqual(expect.stringContaining(zoe.participantId));

    const summary = (html: string) =>
      html.slice(html.indexOf('id="solve-title"')).replaceAll("<!-- -->", "");
    const fresh0 = summary(await page(await client.get(url)));
    expect(fresh0).toContain("Optimal (prouvé)");
    expect(fresh0).not.toContain("Modifié depuis le calcul");
    // A proposal in the selection changes (the spare mentee replaces someone in proposal 2).
    const changed = await client.post(url, {
      intent: "change",
      runId: run.id,
      groupId: "g2",
      outId: mentees[2]!.participantId,
      inId: spare.participantId,
    });
    expect(changed.status).toBe(200);
    // The summary no longer claims the calculation's figures for the changed proposals.
    const edited = summary(await page(await client.get(url)));
    expect(edited).not.toContain("Optimal (prouvé)");
    expect(edited).toContain("Modifié depuis le calcul");
    const score = (await runGroups()).groups.reduce((sum, g) => sum + g.score, 0);
    expect(edited).toContain(
      `${new Intl.NumberFormat("fr-CA", { maximumFractionDigits: 1 }).format(score)} /`,
    );
    const refused = await client.post(url, { intent: "regroup-apply", ...stale });
    expect(refused.status).toBe(409);
    expect(await page(refused)).toContain("a changé depuis le calcul");
    const afterRefusal = await runGroups();
    expect(afterRefusal.groups.find((g) => g.id === "g1")!.memberIds).not.toContain(
      zoe.participantId,
    );

    // Computed again, applied: Zoé is with the mentor who offers what she needs.
    const fresh = applyForm(
      await page(await client.post(url, { intent: "regroup", ...selection })),
    );
    const submission = { _submission: "regroup1.default.:r9:", intent: "regroup-apply", ...fresh };
    const applied = await client.post(url, submission);
    expect(applied.status).toBe(200);
    expect(await page(applied)).toContain("Le regroupement est appliqué.");
    const after = await runGroups();
    const withZoe = after.groups.find((g) => g.memberIds.includes(zoe.participantId))!;
    expect(withZoe.memberIds[0]).toBe(m1.participantId);
    expect(withZoe.decision).toBe("proposed");
    expect(withZoe.score).toBeGreaterThan(0);
    expect(after.groups.filter((g) => g.decision === "proposed")).toHaveLength(3);
    // Everyone selected is in a proposal or in the unplaced list, once.
    const selected = [...before.groups.flatMap((g) => g.memberIds), zoe.participantId];
    const placed = after.groups.flatMap((g) => g.memberIds);
    for (const id of new Set([...selected, spare.participantId])) {
      const seats = placed.filter((p) => p === id).length;
      expect(seats + (after.unplaced.some((u) => u.id === id) ? 1 : 0)).toBe(1);
    }

    // The same submission again: the first answer, no second effect; a new one is refused.
    const again = await client.post(url, submission);
    expect(again.status).toBe(200);
    expect(await runGroups()).toEqual(after);
    const other = await client.post(url, { ...submission, _submission: "regroup2.default.:r9:" });
    expect(other.status).toBe(409);
    expect(await runGroups()).toEqual(after);
    const journal = await page(await client.get(url));
    expect(journal.match(/data-action="groups-regrouped"/g)).toHaveLength(1);
  });

  it("ranks the best replacements for a member, and offers them as changes", async () => {
    const client = await as(coordinator.email);
    const state = await runGroups();
    const group = state.groups.find(
      (g) => g.decision === "proposed" && g.memberIds[0] !== m1.participantId,
    )!;
    const answer = await client.post(url, {
      intent: "replacements",
      runId: run.id,
      groupId: group.id,
      outId: group.memberIds[1]!,
    });
    expect(answer.status).toBe(200);
    const html = await page(answer);
    expect(html).toContain("Meilleurs remplaçant·es de");
    expect(html).toMatch(/Remplacer par |Échanger avec /);
  });
});
