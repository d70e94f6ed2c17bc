import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function as(email: string) {
  const client = new HttpClient(server.url);
  await client.signIn(email);
  return client;
}
const page = async (r: Response) => decode(await r.text()).replace(/<!-- -->/g, "");

describe("the demo group's hour bank", () => {
  it("logs time by members, refuses invalid entries, and keeps it from everyone else", async () => {
    const marc = await as("marc@exemple.org");
    const before = await page(await marc.get(`${GROUP}/hours`));
    expect(before).toContain("20 h sur 20 h");

    const invalid = await marc.post(`${GROUP}/hours`, {
      intent: "add",
      kind: "sieste",
      hours: "0.3",
      date: "hier",
    });
    expect(invalid.status).toBe(400);
    const html = await page(invalid);
    expect(html).toContain('id="field-kind-error"');
    expect(html).toContain("Entrez un nombre de quarts d'heure");
    expect(html).toContain('id="field-date-error"');

    expect(
      (
        await marc.post(`${GROUP}/hours`, {
          intent: "add",
          kind: "meeting",
          hours: "2",
          date: "2026-12-03",
          note: "Première rencontre",
        })
      ).status,
    ).toBe(200);
    const benoit = await as("benoit@exemple.org");
    expect(
      (
        await benoit.post(`${GROUP}/hours`, {
          intent: "add",
          kind: "preparation",
          hours: "1,5",
          date: "2026-12-02",
        })
      ).status,
    ).toBe(200);
    const after = await page(await benoit.get(`${GROUP}/hours`));
    expect(after).toContain("16,5 h sur 20 h");
    expect(after).toContain("Première rencontre");
    expect(await page(await benoit.get(GROUP))).toContain("16,5 h restantes sur 20 h");

    // Only one's own entries can be removed.
    const entryId = /name="entryId" value="(hrs-[\w-]+)"/.exec(after)![1]!;
    expect((await marc.post(`${GROUP}/hours`, { intent: "remove", entryId })).status).toBe(404);
    expect((await benoit.post(`${GROUP}/hours`, { intent: "remove", entryId })).status).toBe(200);

    for (const email of ["amelie@exemple.org", "coordination@exemple.org"]) {
      const outsider = await as(email);
      expect((await outsider.get(`${GROUP}/hours`)).status, email).toBe(404);
      expect(
        (
          await outsider.post(`${GROUP}/hours`, {
            intent: "add",
            kind: "meeting",
            hours: "1",
            date: "2026-12-03",
          })
        ).status,
        email,
      ).toBe(404);
      expect((await outsider.get(`${GROUP}/agreement`)).status, email).toBe(404);
    }
  });
});
