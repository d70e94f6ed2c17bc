/**
 * npm run db:backup / db:restore on a data dir (and a PostgreSQL database), and what a full disk
 * does to every writer of the data dir (a simulated ENOSPC, and a real one on a small tmpfs where
 * this user may mount one, a simulated one again where not: tests/helpers/full-disk.ts). The backup
 * of a running server is in tests/integration/backup.test.ts.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip, gunzipSync } from "node:zlib";
import { promisify } from "node:util";
import pg from "pg";
import { extract, pack } from "tar-stream";
import { afterAll, describe, expect, inject, it } from "vitest";
import { Mailer } from "../../core/mail";
import { AuditLog } from "../../core/store/audit-log";
import { BackupError, createBackup, restoreBackup } from "../../core/store/backup";
import { FileChatLog, type ChatMessage } from "../../core/store/chat-log";
import { LowStore } from "../../core/store/lowdb-store";
import { PgAuditLog, PgChatLog } from "../../core/store/pg-logs";
import { PgStore } from "../../core/store/pg-store";
import { demoDocument } from "../../server/seeds/demo";
import { emptyDocument } from "../../core/store/schema";
import { DiskFullError } from "../../core/store/types";
import { UploadDir } from "../../core/store/uploads";
import { failingAtomicFs, failingStreamFs, fullDisk } from "../helpers/full-disk";
import { makeTempDir, removeDir, ROOT } from "../helpers/server";

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});
async function tempDir() {
  const dir = await makeTempDir("maillage-backup-");
  dirs.push(dir);
  return dir;
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
const backup = (dataDir: string, out: string, env: Record<string, string> = {}) =>
  cli("backup", ["--out", out], { DATA_DIR: dataDir, ...env });
const restore = (file: string, target: string) => cli("restore", [file, "--data-dir", target], {});

/** The one .tar.gz in a directory. */
async function archiveIn(dir: string) {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".tar.gz"));
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(/^maillage-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/);
  return join(dir, names[0]!);
}

interface TarEntry {
  name: string;
  data: Buffer;
}

/** The entries of a .tar.gz, read with tar-stream (independently of backup.ts). */
async function entriesOf(file: string): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  const entries = extract();
  Readable.from([gunzipSync(await readFile(file))]).pipe(entries);
  for await (const entry of entries) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    out.push({ name: entry.header.name, data: Buffer.concat(chunks) });
  }
  return out;
}

/** Writes an archive from entries (to forge tampered backups). */
async function writeArchive(file: string, entries: TarEntry[]) {
  const archive = pack();
  for (const e of entries) archive.entry({ name: e.name, size: e.data.byteLength }, e.data);
  archive.finalize();
  await pipeline(archive, createGzip(), createWriteStream(file));
}

const message = (id: string, eventId: string, text: string): ChatMessage => ({
  id,
  eventId,
  roomId: "room-1",
  round: 1,
  authorId: "p-marc",
  authorName: "Marc Tremblay",
  text,
  at: "2026-11-20T14:00:00.000Z",
});

/** A demo data dir with chat (and a line being written), an audit trail, an email and a file. */
async function populatedDataDir() {
  const dir = await tempDir();
  const store = await LowStore.open({ dataDir: dir, seed: () => demoDocument() });
  const uploads = new UploadDir(join(dir, "uploads"));
  const storedAs = await uploads.save(new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3]), "pdf");
  const group = (await store.find("groups"))[0]!;
  await store.insert("tools", {
    id: "tool-backup",
    programId: group.programId,
    groupId: group.id,
    title: "Plan de la chambre froide",
    file: { name: "plan.pdf", storedAs, size: 7, type: "application/pdf" },
    createdAt: new Date().toISOString(),
  });
  await store.close();
  const chat = new FileChatLog(join(dir, "chat"));
  await chat.append(message("m1", "evt-demo-novembre", "Bonjour !"));
  await chat.append(message("m2", "evt-demo-novembre", "Ça va ?"));
  await chat.close();
  // A line being written when the backup runs: cut.
  await writeFile(join(dir, "chat", "evt-demo-novembre.jsonl"), '{"id":"m3","eventId":"evt-d', {
    flag: "a",
  });
  const audit = new AuditLog(join(dir, "audit"));
  await audit.append({
    id: "a1",
    programId: group.programId,
    at: "2026-11-20T14:00:00.000Z",
    actorId: "u-coord",
    actorName: "Coordination",
    action: "group.approved",
    details: { groupId: group.id },
  });
  await audit.close();
  await mkdir(join(dir, "outbox"));
  await writeFile(
    join(dir, "outbox", "2026-11-20T14-00-00-000Z-m.json"),
    JSON.stringify({
      id: "mail-1",
      createdAt: "2026-11-20T14:00:00.000Z",
      to: "marc@exemple.org",
      subject: "Rappel",
      text: "Bonjour",
      kind: "reminder",
    }),
  );
  await writeFile(join(dir, "session-secret"), "x".repeat(64));
  return { dir, storedAs };
}

describe("npm run db:backup and db:restore (lowdb data dir)", () => {
  it("backs up every kind of data and restores it into an empty dir that the store opens as it was", async () => {
    const { dir, storedAs } = await populatedDataDir();
    const out = await tempDir();
    const made = await backup(dir, out);
    expect(made.out).toContain("Backup written:");
    expect(made.code).toBe(0);
    const file = await archiveIn(out);
    expect((await entriesOf(file)).map((e) => e.name)).toEqual([
      "manifest.json",
      "maillage.json",
      "chat/evt-demo-novembre.jsonl",
      `audit/prog-reemploi-2026.jsonl`,
      "outbox/2026-11-20T14-00-00-000Z-m.json",
      `uploads/${storedAs}`,
    ]);
    // A standard archive: GNU tar reads it too (for a recovery without Maillage).
    const listed = await run("tar", ["-tzf", file]);
    expect(listed.stdout.trim().split("\n")).toEqual((await entriesOf(file)).map((e) => e.name));

    const target = join(await tempDir(), "restored");
    const restored = await restore(file, target);
    expect(restored.out).toContain(`Restored 5 files into ${target}`);
    expect(restored.code).toBe(0);
    // No temporary directory is left beside the target.
    expect((await readdir(join(target, ".."))).filter((n) => n.includes(".restore-"))).toEqual([]);

    expect(await readFile(join(target, "maillage.json"), "utf8")).toBe(
      await readFile(join(dir, "maillage.json"), "utf8"),
    );
    expect(await readFile(join(target, "uploads", storedAs))).toEqual(
      await readFile(join(dir, "uploads", storedAs)),
    );
    // The line being written is cut; the complete ones are there.
    const chat = new FileChatLog(join(target, "chat"));
    expect((await chat.history("evt-demo-novembre", "room-1")).map((m) => m.text)).toEqual([
      "Bonjour !",
      "Ça va ?",
    ]);
    await chat.close();
    const audit = new AuditLog(join(target, "audit"));
    expect((await audit.list("prog-reemploi-2026")).map((e) => e.action)).toEqual([
      "group.approved",
    ]);
    await audit.close();
    // The session secret is not part of a backup (see the ADR): a new one is made at start.
    expect(existsSync(join(target, "session-secret"))).toBe(false);

    const original = await LowStore.open({ dataDir: dir, seed: () => ({}) });
    const copy = await LowStore.open({ dataDir: target, seed: () => ({}) });
    expect(copy.counts()).toEqual(original.counts());
    expect((await copy.get("tools", "tool-backup"))?.file?.storedAs).toBe(storedAs);
    await original.close();
    await copy.close();
  }, 180_000);

  it("refuses a non-empty target and bad arguments with exit code 2, writing nothing", async () => {
    const { dir } = await populatedDataDir();
    const out = await tempDir();
    expect((await backup(dir, out)).code).toBe(0);
    const file = await archiveIn(out);

    const target = await tempDir();
    await writeFile(join(target, "maillage.json"), "{}");
    const refused = await restore(file, target);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain(`${target} is not empty`);
    expect(await readdir(target)).toEqual(["maillage.json"]);
    expect(await readFile(join(target, "maillage.json"), "utf8")).toBe("{}");

    const noFile = await cli("restore", [], {});
    expect(noFile.code).toBe(2);
    expect(noFile.out).toContain("the backup FILE (npm run db:restore -- FILE) is required");
    const unknown = await cli("restore", [file, "--into", target], {});
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain("unknown option");
    expect(unknown.out).toContain("--into");
    const notTarGz = await cli("restore", [join(dir, "maillage.json")], {});
    expect(notTarGz.code).toBe(2);
    expect(notTarGz.out).toContain("must be a .tar.gz");
    const missing = await restore(join(out, "nope.tar.gz"), join(target, "x"));
    expect(missing.code).toBe(2);
    expect(missing.out).toContain("no such file");
    const noDataFile = await backup(await tempDir(), out);
    expect(noDataFile.code).toBe(2);
    expect(noDataFile.out).toContain("no data file at");
    const badOut = await cli("backup", ["--out"], { DATA_DIR: dir });
    expect(badOut.code).toBe(2);
    expect(badOut.out).toContain("--out needs a value");
  }, 180_000);

  it("refuses corrupted and tampered backups before writing anything", async () => {
    const { dir } = await populatedDataDir();
    const out = await tempDir();
    expect((await backup(dir, out)).code).toBe(0);
    const file = await archiveIn(out);
    const good = await entriesOf(file);
    const bytes = await readFile(file);
    const forged = await tempDir();
    const parent = await tempDir();
    let n = 0;

    /** In this process (the command's exit code 2 is checked once, on the first case). */
    async function expectRefused(archive: string, pattern: RegExp | string) {
      const target = join(parent, `target-${n++}`);
      const error = await restoreBackup(archive, target).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(pattern);
      expect(existsSync(target)).toBe(false);
      expect(await readdir(parent)).toEqual([]);
    }
    async function forge(name: string, edit: (entries: TarEntry[]) => TarEntry[]) {
      const path = join(forged, `${name}.tar.gz`);
      await writeArchive(
        path,
        edit(good.map((e) => ({ name: e.name, data: Buffer.from(e.data) }))),
      );
      return path;
    }
    const replace = (entries: TarEntry[], name: string, data: string) =>
      entries.map((e) => (e.name === name ? { name, data: Buffer.from(data) } : e));
    /** The manifest recomputed, so that only the content checks can catch the change. */
    const resealed = (entries: TarEntry[]) => {
      const manifest = JSON.parse(entries[0]!.data.toString()) as {
        files: Array<{ path: string; size: number; sha256: string }>;
      };
      manifest.files = entries.slice(1).map((e) => ({
        path: e.name,
        size: e.data.byteLength,
        sha256: createHash("sha256").update(e.data).digest("hex"),
      }));
      return [
        { name: "manifest.json", data: Buffer.from(JSON.stringify(manifest)) },
        ...entries.slice(1),
      ];
    };

    // A flipped byte in the middle of the compressed file.
    const flipped = join(forged, "flipped.tar.gz");
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    await writeFile(flipped, damaged);
    const command = await restore(flipped, join(parent, "target"));
    expect(command.out).toMatch(/^db:restore: .*(corrupted|not a gzip file)/);
    expect(command.out).not.toMatch(/\n\s+at /); // no stack trace
    expect(command.code).toBe(2);
    expect(await readdir(parent)).toEqual([]);
    await expectRefused(flipped, /corrupted|not a gzip file/);
    // Cut short.
    const truncated = join(forged, "truncated.tar.gz");
    await writeFile(truncated, bytes.subarray(0, bytes.length - 100));
    await expectRefused(truncated, /truncated/);
    // The store document changed after the backup (manifest untouched).
    const doc = good.find((e) => e.name === "maillage.json")!.data.toString();
    await expectRefused(
      await forge("edited", (es) =>
        replace(es, "maillage.json", doc.replace("Marc Tremblay", "Marc Trembley")),
      ),
      '"maillage.json" does not match its checksum',
    );
    // A file removed from the archive, or one added.
    await expectRefused(
      await forge("removed", (es) => es.filter((e) => !e.name.startsWith("outbox/"))),
      "missing from the archive: outbox/2026-11-20T14-00-00-000Z-m.json",
    );
    await expectRefused(
      await forge("path", (es) => [...es, { name: "../evil.sh", data: Buffer.from("rm -rf") }]),
      'unexpected entry "../evil.sh"',
    );
    // Checksums recomputed: the content itself is checked against the schemas.
    const invalidEmail = JSON.parse(doc) as { users: Array<{ email: string }> };
    invalidEmail.users[0]!.email = "pas-un-courriel";
    await expectRefused(
      await forge("schema", (es) =>
        resealed(replace(es, "maillage.json", JSON.stringify(invalidEmail))),
      ),
      /maillage\.json: invalid data at users\[0\]\.email/,
    );
    const chat = good.find((e) => e.name.startsWith("chat/"))!.data.toString();
    await expectRefused(
      await forge("jsonl", (es) =>
        resealed(replace(es, "chat/evt-demo-novembre.jsonl", `${chat}{"id":"m9"}\n`)),
      ),
      "chat/evt-demo-novembre.jsonl, line 3 is not a valid chat record",
    );
    await expectRefused(
      await forge("torn", (es) =>
        resealed(replace(es, "chat/evt-demo-novembre.jsonl", chat.trimEnd())),
      ),
      "does not end with a complete line",
    );
    await expectRefused(
      await forge("upload", (es) => resealed(es.filter((e) => !e.name.startsWith("uploads/")))),
      "uploaded file(s) the store refers to are missing",
    );
    await expectRefused(
      await forge("manifest", (es) => es.slice(1)),
      "not a Maillage backup (no manifest.json first)",
    );
  }, 180_000);
});

describe("the archive container", () => {
  it("keeps long upload names (a pax header), readable by GNU tar, and restores into an existing empty dir", async () => {
    const { dir } = await populatedDataDir();
    const longName = `${"a".repeat(116)}.pdf`; // the longest name uploads allow (120)
    await writeFile(join(dir, "uploads", longName), "%PDF-1.4 long");
    const out = await tempDir();
    const made = await createBackup({ dataDir: dir, out });
    const names = (await entriesOf(made.file)).map((e) => e.name);
    expect(names).toContain(`uploads/${longName}`);
    const listed = await run("tar", ["-tzf", made.file]);
    expect(listed.stdout).toContain(`uploads/${longName}\n`);

    const target = await tempDir(); // exists, empty
    const restored = await restoreBackup(made.file, target);
    expect(restored.files).toBe(names.length - 1);
    expect(await readFile(join(target, "uploads", longName), "utf8")).toBe("%PDF-1.4 long");
    expect((await readdir(join(target, ".."))).filter((n) => n.includes(".restore-"))).toEqual([]);
  });
});

describe("archives made by GNU tar", () => {
  it("restores an archive that GNU tar made from an unpacked backup, byte for byte", async () => {
    const { dir } = await populatedDataDir();
    const longName = `${"b".repeat(116)}.pdf`; // past ustar's 100 bytes: GNU tar's long-name entry
    await writeFile(join(dir, "uploads", longName), "%PDF-1.4 long");
    const made = await createBackup({ dataDir: dir, out: await tempDir() });
    const names = made.manifest.files.map((f) => f.path);
    // Unpacked by hand, then packed again by GNU tar in its own format (the manifest first).
    const unpacked = await tempDir();
    await run("tar", ["-xzf", made.file, "-C", unpacked]);
    const gnu = join(await tempDir(), "gnu.tar.gz");
    await run("tar", ["--format=gnu", "-czf", gnu, "-C", unpacked, "manifest.json", ...names]);
    const raw = gunzipSync(await readFile(gnu));
    expect(raw.includes("././@LongLink")).toBe(true);

    const target = join(await tempDir(), "from-gnu-tar");
    const restored = await restoreBackup(gnu, target);
    expect(restored.files).toBe(names.length);
    for (const name of names)
      expect(await readFile(join(target, name)), name).toEqual(
        await readFile(join(unpacked, name)),
      );
    expect(await readFile(join(target, "maillage.json"))).toEqual(
      await readFile(join(dir, "maillage.json")),
    );
    expect(await readFile(join(target, "uploads", longName), "utf8")).toBe("%PDF-1.4 long");
  });

  it("refuses an archive with a directory or a link in it", async () => {
    const { dir } = await populatedDataDir();
    const made = await createBackup({ dataDir: dir, out: await tempDir() });
    const unpacked = await tempDir();
    await run("tar", ["-xzf", made.file, "-C", unpacked]);
    const names = made.manifest.files.map((f) => f.path);
    const parent = await tempDir();
    const withDir = join(await tempDir(), "dir.tar.gz");
    await run("tar", ["-czf", withDir, "-C", unpacked, "manifest.json", "chat", ...names]);
    const error = await restoreBackup(withDir, join(parent, "a")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toContain('"chat/" is not a regular file (directory)');
    await symlink("/etc/passwd", join(unpacked, "uploads", "lien.pdf"));
    const withLink = join(await tempDir(), "link.tar.gz");
    await run("tar", [
      "-czf",
      withLink,
      "-C",
      unpacked,
      "manifest.json",
      ...names,
      "uploads/lien.pdf",
    ]);
    const linkError = await restoreBackup(withLink, join(parent, "b")).catch((e: unknown) => e);
    expect((linkError as Error).message).toContain(
      '"uploads/lien.pdf" is not a regular file (symlink)',
    );
    expect(await readdir(parent)).toEqual([]);
  });
});

describe("a full disk (simulated ENOSPC)", () => {
  it("fails the transaction with a clear error and leaves the previous file and memory as they were", async () => {
    const dir = await tempDir();
    let full = false;
    const store = await LowStore.open({
      dataDir: dir,
      seed: () => demoDocument(),
      fs: failingAtomicFs(() => full),
    });
    const counts = store.counts();
    const file = join(dir, "maillage.json");
    const before = await readFile(file, "utf8");
    full = true;

    const error = await store
      .transaction(async (tx) => {
        await tx.update("users", "u-marc", { name: "Marc Changé" });
        await tx.remove("organizations", (await tx.find("organizations"))[0]!.id);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskFullError);
    expect((error as Error).message).toMatch(/^Espace disque insuffisant \/ disk full/);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain("The previous data is intact");
    // The file is untouched and no temporary file is left.
    expect(await readFile(file, "utf8")).toBe(before);
    expect(await readdir(dir)).toEqual(["maillage.json"]);
    // Memory matches the file: the transaction was rolled back.
    expect((await store.get("users", "u-marc"))?.name).toBe("Marc Tremblay");
    expect(store.counts()).toEqual(counts);

    // Space freed: the next write goes through, and the file reopens with it.
    full = false;
    await store.update("users", "u-marc", { name: "Marc Changé" });
    await store.close();
    const reopened = await LowStore.open({ dataDir: dir, seed: () => ({}) });
    expect((await reopened.get("users", "u-marc"))?.name).toBe("Marc Changé");
    await reopened.close();
  });

  it("removes an upload's partial file", async () => {
    const dir = await tempDir();
    const uploads = new UploadDir(
      dir,
      failingAtomicFs(() => true),
    );
    const error = await uploads.save(new Uint8Array(5000), "pdf").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskFullError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("keeps the chat and the audit trail as they were on disk and in memory, a torn line skipped", async () => {
    const dir = await tempDir();
    let full = false;
    const chat = new FileChatLog(
      join(dir, "chat"),
      failingStreamFs(() => full),
    );
    const audit = new AuditLog(
      join(dir, "audit"),
      failingStreamFs(() => full),
    );
    const entry = (id: string) => ({
      id,
      programId: "prog-reemploi-2026",
      at: "2026-11-20T14:00:00.000Z",
      actorId: "u-coord",
      actorName: "Coordination",
      action: "group.approved",
      details: {},
    });
    await chat.append(message("m1", "evt-demo-novembre", "Avant"));
    await audit.append(entry("a1"));
    full = true;
    const chatError = await chat
      .append(message("m2", "evt-demo-novembre", "x".repeat(5000)))
      .catch((e: unknown) => e);
    expect(chatError).toBeInstanceOf(DiskFullError);
    expect((chatError as Error).message).toContain(join(dir, "chat", "evt-demo-novembre.jsonl"));
    const auditError = await audit.append(entry("a2")).catch((e: unknown) => e);
    expect(auditError).toBeInstanceOf(DiskFullError);
    expect((await chat.history("evt-demo-novembre", "room-1")).map((m) => m.text)).toEqual([
      "Avant",
    ]);
    expect((await audit.list("prog-reemploi-2026")).map((e) => e.id)).toEqual(["a1"]);
    // Part of each failed line reached the disk: torn, skipped when read back.
    expect(await readFile(join(dir, "chat", "evt-demo-novembre.jsonl"), "utf8")).toMatch(
      /"Avant".*\n\{"id":"m2"/,
    );

    full = false;
    await chat.append(message("m3", "evt-demo-novembre", "Après"));
    await audit.append(entry("a3"));
    await chat.close();
    await audit.close();
    const chatAgain = new FileChatLog(join(dir, "chat"));
    expect((await chatAgain.history("evt-demo-novembre", "room-1")).map((m) => m.text)).toEqual([
      "Avant",
      "Après",
    ]);
    await chatAgain.close();
    const auditAgain = new AuditLog(join(dir, "audit"));
    expect((await auditAgain.list("prog-reemploi-2026")).map((e) => e.id)).toEqual(["a1", "a3"]);
    await auditAgain.close();
  });

  it("fails an email with a clear error on a full disk, stores nothing of it, and queues it once space is freed", async () => {
    const dir = await tempDir();
    let full = false;
    const store = await LowStore.open({
      dataDir: dir,
      seed: () => emptyDocument(),
      fs: failingAtomicFs(() => full),
    });
    const mailer = new Mailer(store, () => new Date());
    const mail = {
      to: "marc@exemple.org",
      subject: "Rappel",
      text: "Bonjour",
      kind: "meetingReminder" as const,
    };
    full = true;
    const error = await mailer.enqueue(mail).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskFullError);
    expect((error as Error).message).toMatch(/^Espace disque insuffisant \/ disk full/);
    expect(await mailer.list()).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.includes("tmp"))).toEqual([]);
    full = false;
    await mailer.enqueue(mail);
    expect((await mailer.list()).map((m) => [m.subject, m.status])).toEqual([["Rappel", "kept"]]);
    await store.close();
  });
});

describe.each([
  ["a real 1 MiB tmpfs, or a simulated ENOSPC where mount is refused", false],
  ["a simulated ENOSPC", true],
])("a full disk (%s)", (_, simulate) => {
  it("keeps the store, the chat, uploads, the outbox and a backup consistent, and recovers once space is freed", async () => {
    const disk = await fullDisk({ simulate });
    try {
      const dataDir = join(disk.dir, "data");
      const store = await LowStore.open({
        dataDir,
        seed: () => demoDocument(),
        fs: disk.atomicFs,
      });
      const chat = new FileChatLog(join(dataDir, "chat"), disk.streamFs);
      await chat.append(message("m1", "evt-demo-novembre", "Avant"));
      const mailer = new Mailer(store, () => new Date());
      const file = join(dataDir, "maillage.json");
      const before = await readFile(file, "utf8");
      await disk.fill();

      const error = await store
        .update("users", "u-marc", { name: "Marc Changé" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiskFullError);
      expect((error as Error).message).toContain("disk full");
      expect(await readFile(file, "utf8")).toBe(before);
      expect((await readdir(dataDir)).filter((n) => n.includes("tmp"))).toEqual([]);
      expect((await store.get("users", "u-marc"))?.name).toBe("Marc Tremblay");

      const chatError = await chat
        .append(message("m2", "evt-demo-novembre", "x".repeat(200_000)))
        .catch((e: unknown) => e);
      expect(chatError).toBeInstanceOf(DiskFullError);
      expect((await chat.history("evt-demo-novembre", "room-1")).map((m) => m.text)).toEqual([
        "Avant",
      ]);

      const uploadError = await new UploadDir(join(dataDir, "uploads"), disk.atomicFs)
        .save(new Uint8Array(300_000), "pdf")
        .catch((e: unknown) => e);
      expect((uploadError as Error).message).toContain("disk full");
      expect(await readdir(join(dataDir, "uploads")).catch(() => [])).toEqual([]);

      const mailError = await mailer
        .enqueue({
          to: "marc@exemple.org",
          subject: "Rappel",
          text: "x".repeat(40_000),
          kind: "meetingReminder",
        })
        .catch((e: unknown) => e);
      expect(mailError).toBeInstanceOf(DiskFullError);
      expect(await mailer.list()).toEqual([]);

      const made = await backup(dataDir, join(disk.dir, "backups"), disk.env);
      expect(made.code).toBe(1);
      expect(made.out).toContain("Espace disque insuffisant / disk full");
      expect(made.out).toContain("No backup was written");
      expect(made.out).not.toMatch(/\n\s+at /); // no stack trace
      expect(await readdir(join(disk.dir, "backups")).catch(() => [])).toEqual([]);

      await disk.free();
      await store.update("users", "u-marc", { name: "Marc Changé" });
      await chat.append(message("m3", "evt-demo-novembre", "Après"));
      await chat.close();
      await store.close();
      const reopened = await LowStore.open({ dataDir, seed: () => ({}) });
      expect((await reopened.get("users", "u-marc"))?.name).toBe("Marc Changé");
      await reopened.close();
      const again = new FileChatLog(join(dataDir, "chat"));
      // The torn line of the failed append is skipped; the later message is on its own line.
      expect((await again.history("evt-demo-novembre", "room-1")).map((m) => m.text)).toEqual([
        "Avant",
        "Après",
      ]);
      await again.close();
      const retried = await backup(dataDir, join(disk.dir, "backups"), disk.env);
      expect(retried.code).toBe(0);
    } finally {
      await disk.close();
    }
  }, 180_000);
});

describe("npm run db:backup with PostgreSQL", () => {
  it("exports the records and logs in one snapshot, restorable into a data dir", async () => {
    const admin = new pg.Client({ connectionString: inject("pgUrl") });
    await admin.connect();
    await admin.query("CREATE DATABASE backup_source");
    await admin.end();
    const url = `postgres://maillage@127.0.0.1:${inject("pgPort")}/backup_source`;
    const store = await PgStore.open({ url, seed: () => demoDocument() });
    const counts = await store.counts();
    await new PgChatLog(store.pool).append(message("m1", "evt-demo-novembre", "Bonjour !"));
    await new PgAuditLog(store.pool).append({
      id: "a1",
      programId: "prog-reemploi-2026",
      at: "2026-11-20T14:00:00.000Z",
      actorId: "u-coord",
      actorName: "Coordination",
      action: "group.approved",
      details: {},
    });
    await store.close();

    const dataDir = await tempDir(); // uploads and outbox: none here
    const out = await tempDir();
    const made = await backup(dataDir, out, { DATABASE_URL: url });
    expect(made.out).toContain("1 chat messages, 1 audit entries");
    expect(made.code).toBe(0);
    const manifest = JSON.parse((await entriesOf(await archiveIn(out)))[0]!.data.toString()) as {
      source: { engine: string; location: string };
    };
    expect(manifest.source.engine).toBe("postgresql");

    const target = join(await tempDir(), "from-pg");
    expect((await restore(await archiveIn(out), target)).code).toBe(0);
    const low = await LowStore.open({ dataDir: target, seed: () => ({}) });
    expect(low.counts()).toEqual(counts);
    expect((await low.get("users", "u-marc"))?.name).toBe("Marc Tremblay");
    await low.close();
    const chat = new FileChatLog(join(target, "chat"));
    expect((await chat.history("evt-demo-novembre", "room-1")).map((m) => m.text)).toEqual([
      "Bonjour !",
    ]);
    await chat.close();
  }, 180_000);
});
