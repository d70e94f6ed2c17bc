/**
 * Backups of a running server, and a full disk under a running server (a small tmpfs where this
 * user may mount one, and a simulated ENOSPC: tests/helpers/full-disk.ts). The archive format and
 * the refusals are in tests/store/backup.test.ts.
 */
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { fullDisk, type FullDisk } from "../helpers/full-disk";
import type { HttpClient } from "../helpers/http";
import { pageText, signedIn } from "../helpers/http";
import { makeTempDir, removeDir, ROOT, startServer, type TestServer } from "../helpers/server";

const run = promisify(execFile);
const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";
const servers: TestServer[] = [];
const dirs: string[] = [];
const disks: FullDisk[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of disks) await d.close();
  for (const d of dirs) await removeDir(d);
});

async function tempDir(prefix = "maillage-backup-") {
  const dir = await makeTempDir(prefix);
  dirs.push(dir);
  return dir;
}
async function start(dataDir?: string) {
  const server = await startServer(dataDir ? { dataDir } : {});
  servers.push(server);
  if (!dataDir) dirs.push(server.dataDir);
  return server;
}

function cli(script: "backup" | "restore", args: string[], env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", `server/cli/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      out: e.stdout + e.stderr,
    }),
  );
}

function upload(client: HttpClient, title: string, bytes: Uint8Array<ArrayBuffer>) {
  const body = new FormData();
  for (const [k, v] of Object.entries({
    intent: "create",
    title,
    description: "",
    theme: "tri-denrees",
  }))
    body.append(k, v);
  body.append("url", "");
  body.append("file", new File([bytes], "plan.pdf", { type: "application/pdf" }));
  return client.request(`${GROUP}/tools`, {
    method: "POST",
    body,
    headers: { Origin: client.base },
  });
}

const addHours = (client: HttpClient, note: string) =>
  client.post(`${GROUP}/hours`, {
    intent: "add",
    kind: "communication",
    hours: "0.25",
    date: "2026-12-01",
    note,
  });

describe("npm run db:backup while the server runs and writes", () => {
  it("restores into an empty dir, and a server started on it has the same data", async () => {
    const server = await start();
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    const pdf = new Uint8Array(4096).fill(0x20);
    pdf.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]); // %PDF-1.4
    expect((await upload(benoit, "Plan sauvegardé", pdf)).status).toBe(200);
    // A chat line the app is writing when the backup runs: the complete line is kept, the torn one cut.
    const line = JSON.stringify({
      id: "m1",
      eventId: "evt-sauvegarde",
      roomId: "room-1",
      round: 1,
      authorId: "p-marc",
      authorName: "Marc Tremblay",
      text: "Bonjour !",
      at: "2026-11-20T14:00:00.000Z",
    });
    await mkdir(join(server.dataDir, "chat"), { recursive: true });
    await writeFile(
      join(server.dataDir, "chat", "evt-sauvegarde.jsonl"),
      `${line}\n{"id":"m2","ev`,
    );

    // Marc logs time, one entry after the other, during the whole backup.
    const marc = await signedIn(server.url, "marc@exemple.org");
    const confirmed: string[] = [];
    let stop = false;
    let firstWrite: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstWrite = resolve));
    const writer = (async () => {
      for (let i = 1; i <= 50 && !stop; i++) {
        const response = await addHours(marc, `Écriture ${i}`);
        expect(response.status).toBe(200);
        confirmed.push(`Écriture ${i}`);
        firstWrite();
      }
    })();
    await started;
    const before = confirmed.length;
    const out = await tempDir();
    const made = await cli("backup", ["--out", out], { DATA_DIR: server.dataDir });
    const after = confirmed.length;
    stop = true;
    await writer;
    expect(made.out).toContain("Backup written:");
    expect(made.code).toBe(0);
    const [file] = (await readdir(out)).map((n) => join(out, n));

    const target = join(await tempDir(), "data");
    const restored = await cli("restore", [file!, "--data-dir", target], {});
    expect(restored.out).toContain("Restored");
    expect(restored.code).toBe(0);
    expect(await readFile(join(target, "chat", "evt-sauvegarde.jsonl"), "utf8")).toBe(`${line}\n`);

    const copy = await start(target);
    const marcAgain = await signedIn(copy.url, "marc@exemple.org");
    const hours = await pageText(await marcAgain.get(`${GROUP}/hours`));
    const notes = [...hours.matchAll(/Écriture (\d+)/g)].map((m) => Number(m[1]));
    // Every write confirmed before the backup started is there; none that came after it ended;
    // and the writes in between are a prefix (one consistent version of the store).
    const restoredCount = new Set(notes).size;
    expect(restoredCount).toBeGreaterThanOrEqual(before);
    expect(restoredCount).toBeLessThanOrEqual(after);
    expect([...new Set(notes)].sort((a, b) => a - b)).toEqual(
      Array.from({ length: restoredCount }, (_, i) => i + 1),
    );
    // The uploaded file came back with its tool.
    const benoitAgain = await signedIn(copy.url, "benoit@exemple.org");
    const tools = await pageText(await benoitAgain.get(`${GROUP}/tools`));
    expect(tools).toContain("Plan sauvegardé");
    const fileUrl = /href="([^"]+\/tools\/tool-[\w-]+\/file)"/.exec(tools)![1]!;
    const download = await benoitAgain.get(fileUrl);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
  }, 240_000);
});

describe.each([
  ["a real 1 MiB tmpfs, or a simulated ENOSPC where mount is refused", false],
  ["a simulated ENOSPC", true],
])("a full disk under a running server (%s)", (_, simulate) => {
  it("answers a write with a clear 503 page, keeps the data, and works again once space is freed", async () => {
    const disk = await fullDisk({ simulate });
    disks.push(disk);
    const dataDir = join(disk.dir, "data");
    const server = await startServer({ dataDir, env: disk.env });
    servers.push(server);
    const marc = await signedIn(server.url, "marc@exemple.org");
    const file = join(dataDir, "maillage.json");
    const stored = await readFile(file, "utf8");

    await disk.fill();
    const refused = await addHours(marc, "Pendant que le disque est plein");
    expect(refused.status).toBe(503);
    const page = await pageText(refused);
    expect(page).toContain(
      "Espace disque insuffisant : votre modification n'a pas pu être enregistrée.",
    );
    expect(page).not.toContain("ENOSPC");
    expect(server.output()).toContain("Espace disque insuffisant / disk full");
    // The previous data is intact, on disk and in memory.
    expect(await readFile(file, "utf8")).toBe(stored);
    expect((await readdir(dataDir)).filter((n) => n.includes(".tmp"))).toEqual([]);
    const hours = await marc.get(`${GROUP}/hours`);
    expect(hours.status).toBe(200);
    expect(await pageText(hours)).not.toContain("Pendant que le disque est plein");

    await disk.free();
    expect((await addHours(marc, "Après avoir libéré de l'espace")).status).toBe(200);
    expect(await pageText(await marc.get(`${GROUP}/hours`))).toContain(
      "Après avoir libéré de l'espace",
    );
    expect(await server.stop()).toBe(0);
  }, 120_000);
});
