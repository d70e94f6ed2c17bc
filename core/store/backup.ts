/**
 * Backups of a Maillage data dir (or database), and their restoration: see
 * docs/decisions/0011-backups.md.
 *
 * A backup is one `maillage-backup-<UTC time>.tar.gz`: `manifest.json` first (format, source,
 * counts, and the size and sha256 of every other entry), then the store document
 * (`maillage.json`), the append-only logs (`chat/*.jsonl`, `audit/*.jsonl`), the outbox
 * (`outbox/*.json`) and the uploaded files (`uploads/*`). It is taken while the server runs:
 * - the store document is replaced by atomic rename, so one read gets one whole version; it is
 *   validated against the schema before it goes in;
 * - append-only logs are copied up to their last complete line (a line being written is cut), and
 *   only lines that the app itself would read back are kept;
 * - every upload the document refers to must be in the archive (a tool deleted during the backup
 *   makes it read the document again).
 * With PostgreSQL, records and logs are exported in one REPEATABLE READ, READ ONLY transaction.
 *
 * A restore reads the archive twice: first to validate everything (manifest, checksums, schemas,
 * every JSON line, references to uploads) without writing anything, then to write the files into a
 * temporary directory beside the target, which is renamed into place at the end.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { extract, pack, type Pack } from "tar-stream";
import { z } from "zod";
import { outboxEntrySchema } from "../mail";
import { auditEntrySchema } from "./audit-log";
import { chatMessageSchema } from "./chat-log";
import { DATA_FILE_NAME } from "./lowdb-store";
import { migrate, MigrationError } from "./migrations";
import { describeUrl } from "./pg-store";
import { collectionNames, documentSchema, formatIssuePath, type StoreDocument } from "./schema";
import { asDiskFull } from "./types";
import { UPLOAD_NAME } from "./uploads";

export const MANIFEST_NAME = "manifest.json";
/** The largest entry accepted when reading (an upload or a data file), against hostile archives. */
export const MAX_ENTRY_BYTES = 2 * 1024 ** 3;

/** The backup cannot be taken or used as asked: a clear message, nothing was written. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in hexadecimal");

export const manifestSchema = z.strictObject({
  format: z.literal("maillage-backup"),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  source: z.strictObject({
    engine: z.enum(["lowdb", "postgresql"]),
    /** The data dir, or the database URL without its password. */
    location: z.string(),
  }),
  schemaVersion: z.number().int().min(1),
  counts: z.record(z.string(), z.number().int().min(0)),
  /** Lines of the append-only logs, and outbox files, that the app would not read back either. */
  skipped: z.number().int().min(0),
  /** Uploads the store document refers to that were not in the data dir (already missing). */
  missingUploads: z.array(z.string()),
  files: z.array(
    z.strictObject({
      path: z.string(),
      size: z.number().int().min(0),
      sha256: sha256Schema,
    }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

type Kind = "store" | "chat" | "audit" | "outbox" | "upload";

/** What an archive entry is, from its path; undefined for any other path (refused). */
export function kindOf(path: string): Kind | undefined {
  if (path === DATA_FILE_NAME) return "store";
  if (/^chat\/[\w-]{1,200}\.jsonl$/.test(path)) return "chat";
  if (/^audit\/[\w-]{1,200}\.jsonl$/.test(path)) return "audit";
  if (/^outbox\/(?!\.)[\w.-]{1,200}\.json$/.test(path)) return "outbox";
  if (path.startsWith("uploads/") && UPLOAD_NAME.test(path.slice("uploads/".length)))
    return "upload";
  return undefined;
}

/** The log file a record belongs in (as append-log.ts names them). */
function logFileOf(kind: "chat" | "audit", key: string) {
  return `${kind}/${key.replace(/[^\w-]/g, "_")}.jsonl`;
}

const logSchemas = { chat: chatMessageSchema, audit: auditEntrySchema } as const;
const logKey = {
  chat: (r: unknown) => (r as { eventId: string }).eventId,
  audit: (r: unknown) => (r as { programId: string }).programId,
} as const;

function sha256(data: Uint8Array) {
  return createHash("sha256").update(data).digest("hex");
}

/** Parses and validates a store document (migrating an older one, as the server does). */
function parseDocument(text: string, where: string): StoreDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BackupError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new BackupError(`${where}: expected a JSON object`);
  let doc: Record<string, unknown>;
  try {
    doc = migrate(raw as Record<string, unknown>).doc;
  } catch (error) {
    if (error instanceof MigrationError) throw new BackupError(`${where}: ${error.message}`);
    throw error;
  }
  const result = documentSchema.safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BackupError(
      `${where}: invalid data at ${formatIssuePath(issue.path)}: ${issue.message}`,
    );
  }
  return result.data;
}

/** The uploads a store document refers to. */
function uploadRefs(doc: StoreDocument): string[] {
  return doc.tools.flatMap((t) => (t.file ? [t.file.storedAs] : []));
}

/** Whether a log line is one the app reads back, in the file the app would read it from. */
function validLogLine(kind: "chat" | "audit", path: string, line: string) {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return false;
  }
  const parsed = logSchemas[kind].safeParse(value);
  return parsed.success && logFileOf(kind, logKey[kind](parsed.data)) === path;
}

/**
 * An archive entry: its bytes, or (uploads, which can be many and large) a file hashed while
 * collecting and read again only while the archive is written, one at a time.
 */
type Entry =
  { path: string; data: Buffer } | { path: string; file: string; size: number; sha256: string };

interface Collected {
  entries: Entry[];
  schemaVersion: number;
  counts: Record<string, number>;
  skipped: number;
  missingUploads: string[];
  warnings: string[];
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return undefined;
    throw error;
  }
}

/**
 * An append-only log file as of now: up to its last complete line (a line being written is cut),
 * keeping only the lines the app would read back.
 */
export function completeLogLines(kind: "chat" | "audit", path: string, text: string) {
  const end = text.lastIndexOf("\n");
  const lines = end < 0 ? [] : text.slice(0, end).split("\n");
  const kept: string[] = [];
  let skipped = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    if (validLogLine(kind, path, line)) kept.push(line);
    else skipped++;
  }
  return { text: kept.length ? `${kept.join("\n")}\n` : "", kept: kept.length, skipped };
}

/** The files beside the store: logs (lowdb engine only), outbox and uploads. */
async function collectFiles(dataDir: string, withLogs: boolean, out: Collected) {
  if (withLogs) {
    for (const kind of ["chat", "audit"] as const) {
      let total = 0;
      for (const name of await listDir(join(dataDir, kind))) {
        const path = `${kind}/${name}`;
        if (kindOf(path) !== kind) continue;
        const data = await readIfExists(join(dataDir, kind, name));
        if (!data) continue;
        const log = completeLogLines(kind, path, data.toString("utf8"));
        out.skipped += log.skipped;
        if (log.skipped)
          out.warnings.push(
            `${path}: ${log.skipped} unreadable line(s) left out (as the app does)`,
          );
        if (log.kept) out.entries.push({ path, data: Buffer.from(log.text, "utf8") });
        total += log.kept;
      }
      out.counts[kind === "chat" ? "chatMessages" : "auditEntries"] = total;
    }
  }
  let outbox = 0;
  for (const name of await listDir(join(dataDir, "outbox"))) {
    const path = `outbox/${name}`;
    if (kindOf(path) !== "outbox") continue;
    const data = await readIfExists(join(dataDir, "outbox", name));
    if (!data) continue;
    let valid = false;
    try {
      valid = outboxEntrySchema.safeParse(JSON.parse(data.toString("utf8"))).success;
    } catch {
      valid = false;
    }
    if (!valid) {
      out.skipped++;
      out.warnings.push(`${path}: not a valid outbox message, left out`);
      continue;
    }
    out.entries.push({ path, data });
    outbox++;
  }
  out.counts.outbox = outbox;
}

/** Uploads: every file present, then any the document refers to that appeared meanwhile. */
async function collectUploads(
  dataDir: string,
  readDoc: () => Promise<{ doc: StoreDocument; text: Buffer }>,
  first: { doc: StoreDocument; text: Buffer },
  out: Collected,
) {
  const dir = join(dataDir, "uploads");
  const uploads = new Map<string, { size: number; sha256: string }>();
  const hashed = (data: Buffer) => ({ size: data.byteLength, sha256: sha256(data) });
  for (const name of await listDir(dir)) {
    if (!UPLOAD_NAME.test(name)) continue;
    const data = await readIfExists(join(dir, name));
    if (data) uploads.set(name, hashed(data));
  }
  let current = first;
  let missing: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    missing = [];
    for (const ref of uploadRefs(current.doc)) {
      if (uploads.has(ref)) continue;
      const data = UPLOAD_NAME.test(ref) ? await readIfExists(join(dir, ref)) : undefined;
      if (data) uploads.set(ref, hashed(data));
      else missing.push(ref);
    }
    if (!missing.length) break;
    // A tool deleted after the document was read: read it again (it no longer refers to it).
    current = await readDoc();
  }
  if (missing.length)
    out.warnings.push(
      `${missing.length} upload(s) the store refers to are missing from ${dir}: ${missing.join(", ")}`,
    );
  out.missingUploads = missing;
  for (const [name, hash] of [...uploads].sort(([a], [b]) => a.localeCompare(b)))
    out.entries.push({ path: `uploads/${name}`, file: join(dir, name), ...hash });
  out.counts.uploads = uploads.size;
  return current;
}

function countRecords(doc: StoreDocument, counts: Record<string, number>) {
  for (const c of collectionNames) counts[c] = doc[c].length;
}

/** A lowdb data dir, read while the server may be writing to it. */
async function collectLowdb(dataDir: string): Promise<Collected> {
  const file = join(dataDir, DATA_FILE_NAME);
  const readDoc = async () => {
    let text: Buffer;
    try {
      text = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw new BackupError(`no data file at ${file} (is DATA_DIR right?)`);
      throw error;
    }
    return { text, doc: parseDocument(text.toString("utf8"), file) };
  };
  const out: Collected = {
    entries: [],
    schemaVersion: 0,
    counts: {},
    skipped: 0,
    missingUploads: [],
    warnings: [],
  };
  const first = await readDoc();
  await collectFiles(dataDir, true, out);
  const final = await collectUploads(dataDir, readDoc, first, out);
  out.entries.unshift({ path: DATA_FILE_NAME, data: final.text });
  out.schemaVersion = final.doc.schemaVersion;
  countRecords(final.doc, out.counts);
  return out;
}

/**
 * PostgreSQL: records, schema version and logs read in one REPEATABLE READ, READ ONLY transaction
 * (one snapshot, which never blocks the server's writers), exported in the same format as lowdb.
 */
async function collectPostgres(url: string, dataDir: string): Promise<Collected> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(
      `cannot connect to PostgreSQL at ${describeUrl(url)}: ${(error as Error).message}`,
    );
  }
  let records: Array<{ collection: string; data: unknown }>;
  let logs: Array<{ log: string; stream: string; data: unknown }>;
  let version: unknown;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const meta = await client.query<{ value: unknown }>(
      "SELECT value FROM store_meta WHERE key = 'schemaVersion'",
    );
    version = meta.rows[0]?.value;
    records = (
      await client.query<{ collection: string; data: unknown }>(
        "SELECT collection, data FROM records ORDER BY seq",
      )
    ).rows;
    logs = (
      await client.query<{ log: string; stream: string; data: unknown }>(
        "SELECT log, stream, data FROM log_entries WHERE log IN ('chat', 'audit') ORDER BY seq",
      )
    ).rows;
    await client.query("COMMIT");
  } catch (error) {
    throw new BackupError(
      `cannot read the database at ${describeUrl(url)}: ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  const raw: Record<string, unknown> = { schemaVersion: version };
  for (const c of collectionNames) raw[c] = [];
  for (const r of records) {
    const list = raw[r.collection];
    if (!Array.isArray(list))
      throw new BackupError(`the database holds records of an unknown kind "${r.collection}"`);
    list.push(r.data);
  }
  const text = Buffer.from(JSON.stringify(raw, null, 2), "utf8");
  const doc = parseDocument(text.toString("utf8"), describeUrl(url));
  const out: Collected = {
    entries: [],
    schemaVersion: doc.schemaVersion,
    counts: {},
    skipped: 0,
    missingUploads: [],
    warnings: [],
  };
  for (const kind of ["chat", "audit"] as const) {
    const files = new Map<string, string[]>();
    let total = 0;
    for (const row of logs.filter((l) => l.log === kind)) {
      const parsed = logSchemas[kind].safeParse(row.data);
      if (!parsed.success) {
        out.skipped++;
        continue;
      }
      const path = logFileOf(kind, logKey[kind](parsed.data));
      files.set(path, [...(files.get(path) ?? []), JSON.stringify(row.data)]);
      total++;
    }
    for (const [path, lines] of [...files].sort(([a], [b]) => a.localeCompare(b)))
      out.entries.push({ path, data: Buffer.from(`${lines.join("\n")}\n`, "utf8") });
    out.counts[kind === "chat" ? "chatMessages" : "auditEntries"] = total;
  }
  if (out.skipped) out.warnings.push(`${out.skipped} unreadable log entries left out`);
  await collectFiles(dataDir, false, out);
  // Uploads live on disk; the records were read once, so there is no document to read again.
  await collectUploads(dataDir, async () => ({ doc, text }), { doc, text }, out);
  out.entries.unshift({ path: DATA_FILE_NAME, data: text });
  countRecords(doc, out.counts);
  return out;
}

/** `maillage-backup-2026-11-28T14-05-09Z.tar.gz` */
export function backupFileName(at: Date) {
  return `maillage-backup-${at
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-")}.tar.gz`;
}

export interface BackupOptions {
  dataDir: string;
  /** PostgreSQL instead of the data dir's lowdb file (uploads and outbox stay in dataDir). */
  databaseUrl?: string;
  /** A directory (the file gets a timestamped name) or a file path ending in .tar.gz. */
  out: string;
  now?: Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
  warnings: string[];
}

/**
 * One regular file of the archive (tar-stream writes a pax extended header before it when its
 * name does not fit ustar's fields: an upload's name can be 120 bytes).
 */
function addEntry(archive: Pack, name: string, data: Uint8Array, mtime: Date) {
  return new Promise<void>((resolve, reject) =>
    archive.entry(
      { name, size: data.byteLength, mtime, mode: 0o644, uname: "maillage", gname: "maillage" },
      data,
      (error) => (error ? reject(error) : resolve()),
    ),
  );
}

/** Writes the archive to a temporary file beside `file`, flushes it, then renames it. */
async function writeArchive(file: string, manifest: Manifest, collected: Collected, at: Date) {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  const archive = pack();
  async function fill() {
    await addEntry(archive, MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 2)), at);
    for (const entry of collected.entries) {
      if ("data" in entry) {
        await addEntry(archive, entry.path, entry.data, at);
        continue;
      }
      // Uploads never change once written (random names); one deleted since it was hashed fails
      // the backup rather than leaving the archive short of a file its manifest lists.
      const data = await readIfExists(entry.file);
      if (!data || data.byteLength !== entry.size || sha256(data) !== entry.sha256)
        throw new BackupError(
          `${entry.path} was deleted or changed during the backup; nothing was written: run db:backup again`,
        );
      await addEntry(archive, entry.path, data, at);
    }
    archive.finalize();
  }
  try {
    const [filled, written] = await Promise.allSettled([
      fill().catch((error: unknown) => {
        archive.destroy(error as Error);
        throw error;
      }),
      pipeline(archive, createGzip(), createWriteStream(temp, { mode: 0o600 })),
    ]);
    // The reason the archive stopped (a file changed) rather than the stream's "destroyed".
    if (filled.status === "rejected") throw filled.reason;
    if (written.status === "rejected") throw written.reason;
    const handle = await open(temp, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw asDiskFull(error, file);
  }
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const at = options.now ?? new Date();
  const collected = options.databaseUrl
    ? await collectPostgres(options.databaseUrl, options.dataDir)
    : await collectLowdb(options.dataDir);
  const manifest: Manifest = {
    format: "maillage-backup",
    formatVersion: 1,
    createdAt: at.toISOString(),
    source: options.databaseUrl
      ? { engine: "postgresql", location: describeUrl(options.databaseUrl) }
      : { engine: "lowdb", location: options.dataDir },
    schemaVersion: collected.schemaVersion,
    counts: collected.counts,
    skipped: collected.skipped,
    missingUploads: collected.missingUploads,
    files: collected.entries.map((e) =>
      "data" in e
        ? { path: e.path, size: e.data.byteLength, sha256: sha256(e.data) }
        : { path: e.path, size: e.size, sha256: e.sha256 },
    ),
  };
  const file = options.out.endsWith(".tar.gz")
    ? options.out
    : join(options.out, backupFileName(at));
  try {
    await mkdir(dirname(file), { recursive: true });
  } catch (error) {
    throw asDiskFull(error, dirname(file));
  }
  await writeArchive(file, manifest, collected, at);
  return { file, bytes: (await stat(file)).size, manifest, warnings: collected.warnings };
}

/**
 * The entries of an archive file, gunzipped, each read whole; a damaged file is a BackupError.
 * Only regular files are accepted (Maillage never writes anything else): links, devices and
 * directories are refused, which also keeps a restore inside its directory.
 */
async function* archiveEntries(file: string): AsyncGenerator<{ name: string; data: Buffer }> {
  const entries = extract();
  const reading = pipeline(createReadStream(file), createGunzip(), entries);
  // Its error (a missing file, a damaged gzip stream) also ends the iteration below.
  reading.catch(() => undefined);
  try {
    for await (const entry of entries) {
      const { name, type, size } = entry.header;
      if (type !== "file")
        throw new BackupError(`${file}: "${name}" is not a regular file (${type})`);
      if (size > MAX_ENTRY_BYTES) throw new BackupError(`${file}: "${name}" is too large`);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      yield { name, data: Buffer.concat(chunks) };
    }
    await reading;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupError(`${file}: no such file`);
    if (code === "EISDIR") throw new BackupError(`${file}: a directory, not a backup file`);
    if (typeof code === "string" && code.startsWith("Z_"))
      throw new BackupError(
        `${file}: not a gzip file, or the file is truncated or corrupted (${(error as Error).message})`,
      );
    // tar-stream's own errors (a bad header checksum, an archive cut short) carry no code.
    if (code === undefined)
      throw new BackupError(
        `${file}: not a valid tar archive, or the archive is truncated or corrupted (${(error as Error).message})`,
      );
    throw error;
  } finally {
    entries.destroy();
  }
}

/** Checks one entry's content against the manifest and its kind's schema. */
function checkEntry(
  entry: { name: string; data: Buffer },
  expected: Map<string, Manifest["files"][number]>,
  seen: Set<string>,
  where: string,
) {
  const kind = kindOf(entry.name);
  if (!kind) throw new BackupError(`${where}: unexpected entry "${entry.name}"`);
  const listed = expected.get(entry.name);
  if (!listed) throw new BackupError(`${where}: "${entry.name}" is not in the manifest`);
  if (seen.has(entry.name)) throw new BackupError(`${where}: "${entry.name}" appears twice`);
  seen.add(entry.name);
  if (entry.data.byteLength !== listed.size || sha256(entry.data) !== listed.sha256)
    throw new BackupError(
      `${where}: "${entry.name}" does not match its checksum (the backup is corrupted or was modified)`,
    );
  return kind;
}

function checkContent(kind: Kind, name: string, data: Buffer, where: string) {
  const text = () => data.toString("utf8");
  if (kind === "store") return parseDocument(text(), `${where}: ${name}`);
  if (kind === "chat" || kind === "audit") {
    const body = text();
    if (!body.endsWith("\n"))
      throw new BackupError(`${where}: ${name} does not end with a complete line`);
    const lines = body.slice(0, -1).split("\n");
    lines.forEach((line, i) => {
      if (!validLogLine(kind, name, line))
        throw new BackupError(`${where}: ${name}, line ${i + 1} is not a valid ${kind} record`);
    });
    return lines.length;
  }
  if (kind === "outbox") {
    let valid = false;
    try {
      valid = outboxEntrySchema.safeParse(JSON.parse(text())).success;
    } catch {
      valid = false;
    }
    if (!valid) throw new BackupError(`${where}: ${name} is not a valid outbox message`);
  }
  return undefined;
}

/** Validates a whole backup file without writing anything; returns its manifest. */
export async function verifyBackup(file: string): Promise<Manifest> {
  let manifest: Manifest | undefined;
  let expected = new Map<string, Manifest["files"][number]>();
  const seen = new Set<string>();
  let doc: StoreDocument | undefined;
  const uploads = new Set<string>();
  for await (const entry of archiveEntries(file)) {
    if (!manifest) {
      if (entry.name !== MANIFEST_NAME)
        throw new BackupError(`${file}: not a Maillage backup (no ${MANIFEST_NAME} first)`);
      let raw: unknown;
      try {
        raw = JSON.parse(entry.data.toString("utf8"));
      } catch {
        throw new BackupError(`${file}: ${MANIFEST_NAME} is not valid JSON`);
      }
      const parsed = manifestSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new BackupError(
          `${file}: ${MANIFEST_NAME}: invalid at ${formatIssuePath(issue.path)}: ${issue.message}`,
        );
      }
      manifest = parsed.data;
      expected = new Map(manifest.files.map((f) => [f.path, f]));
      if (expected.size !== manifest.files.length)
        throw new BackupError(`${file}: ${MANIFEST_NAME} lists a file twice`);
      continue;
    }
    const kind = checkEntry(entry, expected, seen, file);
    const checked = checkContent(kind, entry.name, entry.data, file);
    if (kind === "store") doc = checked as StoreDocument;
    if (kind === "upload") uploads.add(entry.name.slice("uploads/".length));
  }
  if (!manifest) throw new BackupError(`${file}: the archive is empty`);
  const absent = manifest.files.filter((f) => !seen.has(f.path)).map((f) => f.path);
  if (absent.length)
    throw new BackupError(`${file}: missing from the archive: ${absent.slice(0, 5).join(", ")}`);
  if (!doc) throw new BackupError(`${file}: no ${DATA_FILE_NAME} in the backup`);
  const allowedMissing = new Set(manifest.missingUploads);
  const dangling = uploadRefs(doc).filter((r) => !uploads.has(r) && !allowedMissing.has(r));
  if (dangling.length)
    throw new BackupError(
      `${file}: uploaded file(s) the store refers to are missing: ${dangling.slice(0, 5).join(", ")}`,
    );
  return manifest;
}

/** Whether a directory is absent or empty. */
async function isEmptyOrAbsent(dir: string) {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return false;
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/** Writes a file and flushes it to the disk. */
async function writeDurably(file: string, data: Uint8Array) {
  const handle = await open(file, "wx", 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface RestoreResult {
  manifest: Manifest;
  files: number;
}

/**
 * Restores a backup into `target`, which must be absent or empty (else a BackupError, nothing
 * written). The backup is validated whole first; the files go to a temporary directory beside
 * the target, renamed into place once all are written.
 */
export async function restoreBackup(file: string, target: string): Promise<RestoreResult> {
  if (!(await isEmptyOrAbsent(target)))
    throw new BackupError(
      `${target} is not empty: restore only into an empty or new data dir (nothing was written)`,
    );
  const manifest = await verifyBackup(file);
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const parent = dirname(target);
  const temp = join(parent, `.${basename(target)}.restore-${process.pid}`);
  let files = 0;
  try {
    await mkdir(parent, { recursive: true });
    await rm(temp, { recursive: true, force: true });
    await mkdir(temp, { mode: 0o700 });
    const seen = new Set<string>();
    let first = true;
    for await (const entry of archiveEntries(file)) {
      if (first) {
        first = false;
        continue; // The manifest, already validated.
      }
      // Checked again: the file must not have changed since it was validated.
      checkEntry(entry, expected, seen, file);
      const path = join(temp, ...entry.name.split("/"));
      await mkdir(dirname(path), { recursive: true });
      await writeDurably(path, entry.data);
      files++;
    }
    if (seen.size !== expected.size)
      throw new BackupError(`${file}: the archive changed while it was being restored`);
    if (!(await isEmptyOrAbsent(target)))
      throw new BackupError(`${target} is not empty any more: nothing was restored`);
    await moveIntoPlace(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw asDiskFull(error, target);
  }
  return { manifest, files };
}

/**
 * Renames the restored directory onto the (absent or empty) target. When the target cannot be
 * replaced (a mount point, typically), its contents are moved in one by one, the store document last
 * so that a server never starts on a half-restored directory with a fresh seed.
 */
async function moveIntoPlace(temp: string, target: string) {
  try {
    await rename(temp, target);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!["EBUSY", "EXDEV", "ENOTEMPTY", "EEXIST", "EPERM", "EACCES"].includes(code ?? ""))
      throw error;
  }
  await mkdir(target, { recursive: true });
  const names = (await readdir(temp)).sort(
    (a, b) => Number(a === DATA_FILE_NAME) - Number(b === DATA_FILE_NAME),
  );
  for (const name of names) await rename(join(temp, name), join(target, name));
  await rmdir(temp);
}
