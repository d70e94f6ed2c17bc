import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient } from "../helpers/http";
import { makeTempDir, removeDir, runServerExpectingExit, startServer } from "../helpers/server";
import { signUp } from "../helpers/signup";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});
async function tempDir() {
  const dir = await makeTempDir();
  dirs.push(dir);
  return dir;
}

describe("server life cycle", () => {
  it("seeds the French demo on first start, keeps it across restarts, and stops cleanly on SIGTERM", async () => {
    const dataDir = await tempDir();
    const first = await startServer({ dataDir });
    const client = new HttpClient(first.url);
    await client.signIn("coordination@exemple.org");
    await client.post("/lang", { lang: "en", redirectTo: "/" });
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain("flushing the store");

    const doc = JSON.parse(await readFile(join(dataDir, "maillage.json"), "utf8")) as {
      users: Array<{ email: string; locale: string }>;
      participants: Array<{ programId: string }>;
    };
    // 18, and the four of the shared mentor seat's group (server/seeds/co-mentors.ts).
    expect(doc.participants.filter((p) => p.programId === "prog-reemploi-2026")).toHaveLength(22);
    // The pilot cohort: six of the same people took part in the closed 2025–26 program, and the
    // co-mentor who shared Logistique's mentor seat (server/seeds/pilot.ts).
    expect(doc.participants.filter((p) => p.programId === "prog-pilote-2025")).toHaveLength(7);
    expect(doc.users.find((u) => u.email === "coordination@exemple.org")?.locale).toBe("en");

    const second = await startServer({ dataDir });
    try {
      const again = new HttpClient(second.url);
      await again.signIn("louise@exemple.org");
      expect((await again.get("/dashboard")).status).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it("seeds no demo accounts in production with MAILLAGE_DEMO=0", async () => {
    const dataDir = await tempDir();
    const server = await startServer({ dataDir, env: { MAILLAGE_DEMO: "0" } });
    try {
      const client = new HttpClient(server.url);
      const response = await client.post("/login", {
        email: "coordination@exemple.org",
        password: "maillage-demo",
      });
      expect(response.status).toBe(400);
      const doc = JSON.parse(await readFile(join(dataDir, "maillage.json"), "utf8")) as {
        users: unknown[];
        programs: unknown[];
      };
      expect(doc.users).toEqual([]);
      expect(doc.programs).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it("gives a coordinator account to the emails listed in MAILLAGE_COORDINATOR_EMAILS", async () => {
    const server = await startServer({
      dataDir: await tempDir(),
      env: { MAILLAGE_DEMO: "0", MAILLAGE_COORDINATOR_EMAILS: "table@exemple.org" },
    });
    try {
      // The first account of the empty install is its administrator (ADR 0035): another one first.
      const first = new HttpClient(server.url);
      await signUp(first, server.dataDir, {
        name: "Première Personne",
        email: "premiere@exemple.org",
        password: "mot-de-passe-premiere",
      });
      const client = new HttpClient(server.url);
      await signUp(client, server.dataDir, {
        name: "Table régionale",
        email: "table@exemple.org",
        password: "mot-de-passe-table",
      });
      const html = await (await client.get("/dashboard")).text();
      expect(html).toContain("Voici les programmes que vous coordonnez.");
      expect(html).not.toContain("Administration : comptes et rôles");
      expect((await client.get("/admin/users")).status).toBe(404);
      const other = new HttpClient(server.url);
      await signUp(other, server.dataDir, {
        name: "Personne Participante",
        email: "personne@exemple.org",
        password: "mot-de-passe-personne",
      });
      expect(await (await other.get("/dashboard")).text()).toContain(
        "Voici vos programmes et vos prochaines étapes.",
      );
      // The first account administers: it reaches the administration.
      expect((await first.get("/admin/users")).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("refuses to start on a corrupted data file, names it, and never overwrites it", async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, "maillage.json");
    const corrupted = '{"schemaVersion":1,"users":[{"id":"u1","email":"oups"}],';
    await writeFile(file, corrupted);
    const result = await runServerExpectingExit(dataDir);
    expect(result.code).toBe(1);
    expect(result.output).toContain(file);
    expect(result.output).toContain("not valid JSON");
    expect(await readFile(file, "utf8")).toBe(corrupted);

    const invalid = JSON.stringify({
      schemaVersion: 1,
      users: [{ id: "u1", email: "oups" }],
      organizations: [],
      programs: [],
      participants: [],
      invitations: [],
    });
    await writeFile(file, invalid);
    const second = await runServerExpectingExit(dataDir);
    expect(second.code).toBe(1);
    expect(second.output).toContain("users[0].email");
    expect(await readFile(file, "utf8")).toBe(invalid);
  });

  it("refuses to start with an invalid environment variable, naming it", async () => {
    const result = await runServerExpectingExit(await tempDir(), { PORT: "soixante" });
    expect(result.code).toBe(1);
    expect(result.output).toContain("PORT");
  });
});
