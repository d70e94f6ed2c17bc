/**
 * Taking one's data and deleting one's account (#21, ADR 0038), against the production server:
 * the archive holds the signed-in person's own data and files only; the deletion asks for the
 * password; afterwards the person's name and e-mail appear nowhere — not on any page their group's
 * other member, another participant or the coordinator can reach, not in the report or its CSV
 * files, not in a store record, the audit trail, the outbox, the chat or the uploads — and the
 * report's figures are those of before.
 */
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Readable } from "node:stream";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, HttpClient, location, signedIn } from "../helpers/http";
import { makeTempDir, startServer, type TestServer } from "../helpers/server";
import { outboxMessages, storeSnapshot } from "../helpers/store-snapshot";

const PROGRAM = "/programs/prog-reemploi-2026";
const GROUP = `${PROGRAM}/groups/grp-demo-chaine-froid`;
const PERSON = { email: "benoit@exemple.org", name: "Benoît Girard" };
const TABLES = ["groups", "meetings", "hours", "budget", "tools", "evaluations", "interviews"];

let server: TestServer;
beforeAll(async () => {
  // Two messages of an older outbox (one file each), read into the store's outbox when the server
  // starts (core/mail): one to the person, one to another member naming them.
  const dataDir = await makeTempDir();
  const outbox = join(dataDir, "outbox");
  await mkdir(outbox, { recursive: true });
  const message = (id: string, to: string, text: string) =>
    writeFile(
      join(outbox, `2026-12-01T12-00-00-000Z-${id}.json`),
      JSON.stringify({
        id,
        createdAt: "2026-12-01T12:00:00.000Z",
        to,
        subject: "Votre groupe",
        text,
        kind: "group-formed",
        programId: "prog-reemploi-2026",
      }),
    );
  await message("m-to-person", PERSON.email, "Bonjour, votre prochaine rencontre approche.");
  await message("m-naming", "marc@exemple.org", `${PERSON.name} a partagé un outil.`);
  server = await startServer({ dataDir });
});
afterAll(async () => {
  await server?.stop();
});

/** Accents, case and spacing do not hide a name: "BENOIT  girard" is Benoît Girard. */
const fold = (s: string) =>
  s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ");
function mentions(text: string) {
  const folded = fold(decode(text).replace(/<!-- -->/g, ""));
  return [PERSON.name, PERSON.email].filter((term) => folded.includes(fold(term)));
}

/** The entries of a .tar.gz, by path. */
async function untar(gz: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => chunks.push(c as Buffer));
      stream.on("end", () => {
        files.set(header.name, Buffer.concat(chunks));
        next();
      });
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  Readable.from([gunzipSync(gz)]).pipe(extract);
  await done;
  return files;
}

/**
 * Every same-site page reachable from `start` by links (the program's pages, the group's space,
 * notices), at most `limit`; downloads and sign-out are left out. Returns each page's text.
 */
async function crawl(client: HttpClient, start: string[], limit = 120) {
  const seen = new Set<string>();
  const queue = [...start];
  const pages = new Map<string, string>();
  while (queue.length && pages.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await client.get(path);
    if (response.status !== 200) continue;
    const type = response.headers.get("content-type") ?? "";
    const body = await response.text();
    pages.set(path, body);
    if (!type.includes("text/html")) continue;
    for (const match of body.matchAll(/href="(\/[^"#]*)"/g)) {
      const href = decode(match[1]!);
      if (/logout|\/file$|\.ics|\/assets\/|\/lang/.test(href)) continue;
      if (!/^\/(programs|dashboard|notifications)/.test(href)) continue;
      if (!seen.has(href)) queue.push(href);
    }
  }
  return pages;
}

/** The report's figures as the CSV files give them, with the text columns left out. */
async function reportFigures(coordinator: HttpClient) {
  const figures: Record<string, string> = {};
  for (const table of TABLES) {
    const csv = await (await coordinator.get(`${PROGRAM}/report.csv?table=${table}`)).text();
    // Numbers only: a tool's title or a quote may lose a name, a count may not change.
    figures[table] = csv
      .split("\n")
      .map((line) => (line.match(/(?<=^|,)-?\d+(?:[.,]\d+)?(?=,|$)/g) ?? []).join(" "))
      .join("\n");
  }
  return figures;
}

describe("a person's own data", () => {
  it("the closed pilot shows when its personal information will be purged", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const pilot = "/programs/prog-pilote-2025";
    for (const path of [pilot, `${pilot}/settings`]) {
      const text = decode(await (await coordinator.get(path)).text()).replace(/<!-- -->/g, "");
      expect(text, path).toContain(
        "Les renseignements personnels seront supprimés le 16 janvier 2028.",
      );
    }
  });

  it("refuses hostile deletion forms without a failure and keeps the account", async () => {
    const person = await signedIn(server.url, "amelie@exemple.org");
    const hostile: Array<Record<string, string | string[]>> = [
      { password: "<script>alert(1)</script>", confirm: "on" },
      { password: "x".repeat(300_000), confirm: "on" },
      { password: "\u0000\uD800", confirm: "<svg/onload=alert(1)>" },
      { password: "maillage-demo", confirm: "off" },
      { "__proto__[isAdmin]": "1", constructor: "x", password: "" },
      { password: ["maillage-demo", "autre"], confirm: ["on", "on"] },
    ];
    let n = 0;
    for (const form of hostile) {
      const response = await person.post("/account/delete", form, {
        // A distinct address each time: the sign-in throttle must not hide validation.
        "X-Forwarded-For": `10.9.0.${++n}`,
      });
      const html = await response.text();
      expect(response.status, JSON.stringify(form).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(html).not.toContain("<script>alert(1)</script>");
      expect(html).not.toContain("<svg/onload");
    }
    expect((await person.get("/dashboard")).status).toBe(200);
  });

  it("downloads an archive of one's own data and files, nobody else's", async () => {
    const person = await signedIn(server.url, PERSON.email);
    // A file of theirs, shared in their group.
    const body = new FormData();
    body.set("intent", "create");
    body.set("title", "Grille de suivi des températures");
    body.set("url", "");
    body.set("file", new File(["date,température\n2026-11-02,3\n"], "temperatures.csv"));
    const shared = await person.request(`${GROUP}/tools`, {
      method: "POST",
      body,
      headers: { Origin: server.url },
    });
    expect(shared.status).toBeLessThan(400);

    const response = await person.get("/account/data.tar.gz");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="maillage-/);
    const files = await untar(Buffer.from(await response.arrayBuffer()));
    const data = JSON.parse(files.get("maillage-data.json")!.toString("utf8")) as {
      format: string;
      account: { email: string; name: string };
      participations: Array<{ tools: Array<{ file?: string }>; profile: { needsText: string } }>;
      files: string[];
    };
    expect(data.format).toBe("maillage-personal-data");
    expect(data.account).toMatchObject({ email: PERSON.email, name: PERSON.name });
    expect(data.participations[0]!.profile.needsText).not.toBe("");
    const file = data.files.find((f) => f.endsWith("temperatures.csv"))!;
    expect(files.get(file)!.toString("utf8")).toContain("2026-11-02,3");
    // The other members' addresses are not theirs to take.
    const json = files.get("maillage-data.json")!.toString("utf8");
    for (const other of ["marc@exemple.org", "mathieu@exemple.org", "amelie@exemple.org"])
      expect(json).not.toContain(other);

    // Signed out, the address leads to the sign-in page.
    const anonymous = await new HttpClient(server.url).get("/account/data.tar.gz");
    expect(anonymous.status).toBe(302);
    expect(location(anonymous)).toContain("/login");
  });

  // It crawls every page three people reach: minutes on a busy machine.
  it("deletes the account with its password; afterwards its name and e-mail appear nowhere", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const before = await reportFigures(coordinator);
    const doc = await storeSnapshot({ engine: "lowdb", dataDir: server.dataDir });
    const user = doc.users.find((u) => u.email === PERSON.email)!;
    const uploads = doc.tools
      .filter((t) => doc.participants.some((p) => p.id === t.authorId && p.userId === user.id))
      .flatMap((t) => (t.file ? [t.file.storedAs] : []));
    expect(uploads.length).toBeGreaterThan(0);

    const walk = async (dir: string): Promise<string[]> => {
      const out: string[] = [];
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const path = join(dir, name);
        if ((await stat(path)).isDirectory()) {
          // Backups are copies of the past, kept for a limited time (ADR 0038).
          if (name !== "backups") out.push(...(await walk(path)));
        } else out.push(path);
      }
      return out;
    };
    // Before: the scan finds them (the store, the outbox), so that it can fail.
    const named = [];
    for (const file of await walk(server.dataDir))
      if (mentions((await readFile(file)).toString("utf8")).length) named.push(file);
    expect(named.some((f) => f.endsWith("maillage.json"))).toBe(true);
    const queued = await outboxMessages({ engine: "lowdb", dataDir: server.dataDir });
    expect(queued.some((m) => m.id === "m-to-person")).toBe(true);
    expect(queued.find((m) => m.id === "m-naming")!.text).toContain(PERSON.name);

    // Before: the group's other member reads their name on the group's page.
    const member = await signedIn(server.url, "marc@exemple.org");
    expect(mentions(await (await member.get(GROUP)).text())).toContain(PERSON.name);

    const person = await signedIn(server.url, PERSON.email);
    const page = await person.get("/account/delete");
    expect(page.status).toBe(200);
    const html = decode(await page.text());
    expect(html).toContain("Ce qui est supprimé");
    expect(html).toContain("Ce qui reste");

    // A wrong password, or no confirmation: refused, nothing changes.
    const wrong = await person.post("/account/delete", { password: "pas-le-bon", confirm: "on" });
    expect(wrong.status).toBe(400);
    expect(decode(await wrong.text())).toContain("Ce mot de passe n’est pas le bon.");
    const unconfirmed = await person.post("/account/delete", { password: "maillage-demo" });
    expect(unconfirmed.status).toBe(400);
    expect((await person.get("/dashboard")).status).toBe(200);

    const deleted = await person.post("/account/delete", {
      password: "maillage-demo",
      confirm: "on",
    });
    expect(deleted.status).toBe(302);
    expect(location(deleted)).toBe("/account/delete?done");
    expect(decode(await (await person.get("/account/delete?done")).text())).toContain(
      "Votre compte a été supprimé.",
    );
    // The session is over and the account cannot sign in again.
    expect(location(await person.get("/dashboard"))).toContain("/login");
    const again = await new HttpClient(server.url).post("/login", {
      email: PERSON.email,
      password: "maillage-demo",
      redirectTo: "/dashboard",
    });
    expect(again.status).not.toBe(302);

    // Every page the group's other member, another participant and the coordinator reach.
    const viewers = {
      member,
      participant: await signedIn(server.url, "amelie@exemple.org"),
      coordinator,
    };
    const starts = [
      "/dashboard",
      "/notifications",
      PROGRAM,
      `${PROGRAM}/directory`,
      `${PROGRAM}/groups`,
      GROUP,
      `${PROGRAM}/report`,
      `${PROGRAM}/report?all=1`,
      `${PROGRAM}/outbox`,
      `${PROGRAM}/applications`,
      `${PROGRAM}/formation`,
    ];
    let crawled = 0;
    for (const [who, client] of Object.entries(viewers)) {
      const pages = await crawl(client, starts);
      crawled += pages.size;
      for (const [path, text] of pages) expect(mentions(text), `${who} ${path}`).toEqual([]);
    }
    expect(crawled).toBeGreaterThan(40);
    // The coordinator's list of participants keeps the row, without the placeholder address.
    const overview = await (await coordinator.get(PROGRAM)).text();
    expect(overview).toContain("Personne supprimée");
    expect(overview).not.toContain("@maillage.invalid");
    for (const table of TABLES) {
      const csv = await (await coordinator.get(`${PROGRAM}/report.csv?table=${table}`)).text();
      expect(mentions(csv), table).toEqual([]);
    }
    // The report's figures did not move.
    expect(await reportFigures(coordinator)).toEqual(before);

    // The store, the audit trail, the chat and the outbox: every file of the data dir.
    const after = await storeSnapshot({ engine: "lowdb", dataDir: server.dataDir });
    expect(mentions(JSON.stringify(after))).toEqual([]);
    const files = await walk(server.dataDir);
    for (const file of files) {
      const text = (await readFile(file)).toString("utf8");
      expect(mentions(text), file).toEqual([]);
    }
    // The message to them is gone; the other member's is kept, without the name.
    expect(after.outbox.some((m) => m.id === "m-to-person")).toBe(false);
    const naming = after.outbox.find((m) => m.id === "m-naming")!;
    expect(naming.text).toContain("Personne supprimée a partagé");
    // Their uploads are gone; the group keeps its members.
    const left = new Set(await readdir(join(server.dataDir, "uploads")).catch(() => []));
    for (const storedAs of uploads) expect(left.has(storedAs), storedAs).toBe(false);
    const group = after.groups.find((g) => g.id === "grp-demo-chaine-froid")!;
    expect(group.memberIds).toContain("p-benoit");
  }, 180_000);
});
