/**
 * A mentor seat shared by two co-mentors (the demo's grp-demo-co-mentorat, ADR 0026): both open the
 * group and its pages, everyone else gets 404; they alternate as leads; the coordination declares
 * co-mentors on the formation page and gets a translated refusal for a pair that cannot share.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PROGRAM = "/programs/prog-reemploi-2026";
const GROUP = `${PROGRAM}/groups/grp-demo-co-mentorat`;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const as = (email: string) => signedIn(server.url, email);

describe("a shared mentor seat", () => {
  it("lets both co-mentors and the mentees in, and no one else", async () => {
    for (const email of ["anne", "gilles", "olivier", "rose"]) {
      const client = await as(`${email}@exemple.org`);
      for (const path of ["", "/meetings", "/hours", "/agreement"])
        expect((await client.get(`${GROUP}${path}`)).status, `${email} ${path}`).toBe(200);
    }
    const page = await pageText(await (await as("gilles@exemple.org")).get(GROUP));
    expect(page).toContain("Anne Gagnon");
    expect(page).toContain("Gilles Roy");
    for (const email of ["marc", "louise", "benoit", "coordination"]) {
      const client = await as(`${email}@exemple.org`);
      expect((await client.get(GROUP)).status, email).toBe(404);
      expect((await client.get(`${GROUP}/meetings`)).status, email).toBe(404);
    }
  });

  it("has the co-mentors take turns leading", async () => {
    const anne = await as("anne@exemple.org");
    const rotated = await anne.post(`${GROUP}/meetings`, { intent: "rotate" });
    expect(rotated.status).toBe(200);
    const list = await pageText(await anne.get(`${GROUP}/meetings`));
    const leads = [...list.matchAll(/Animation : ([^<]+)</g)].map((m) => m[1]!.trim());
    expect(leads.length).toBeGreaterThan(3);
    // The kickoff was Anne's; then Gilles, Anne, Gilles…
    leads.forEach((name, i) => expect(name).toBe(i % 2 === 0 ? "Anne Gagnon" : "Gilles Roy"));
  });

  it("is declared by the coordination, and refused with a message for a pair that cannot share", async () => {
    const coordination = await as("coordination@exemple.org");
    const formation = await pageText(await coordination.get(`${PROGRAM}/formation`));
    expect(formation).toMatch(
      /Anne Gagnon \(Réseau Partage-Nord\) et Gilles Roy \(Réseau Partage-Nord\) partagent un siège de mentor/,
    );
    const refused = async (a: string, b: string) => {
      const answer = await coordination.post(`${PROGRAM}/formation`, {
        intent: "co-mentor-add",
        a,
        b,
      });
      expect(answer.status).toBe(400);
      return pageText(answer);
    };
    expect(await refused("p-louise", "p-nathalie")).toContain(
      "Les deux co-mentor·es doivent venir du même organisme.",
    );
    expect(await refused("p-louise", "p-benoit")).toContain(
      "Seul·es des mentor·es de ce programme peuvent partager un siège de mentor.",
    );
    expect(await refused("p-louise", "p-marc")).toContain(
      "Cette personne fait déjà partie d'un groupe ou d'une proposition en cours",
    );
    expect(await refused("p-louise", "p-anne")).toContain(
      "Cette personne partage déjà son siège avec quelqu'un d'autre",
    );
    // A participant may not declare one: the formation page is the coordination's (404).
    const anne = await as("anne@exemple.org");
    expect(
      (
        await anne.post(`${PROGRAM}/formation`, {
          intent: "co-mentor-add",
          a: "p-anne",
          b: "p-gilles",
        })
      ).status,
    ).toBe(403);
  });
});
