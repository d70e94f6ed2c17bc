/**
 * Taking a backup's contents while the server runs: the store document, logs, outbox and uploads of
 * a lowdb data dir, or the records and logs of a PostgreSQL database in one read-only snapshot
 * (docs/decisions/0011-backups.md).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { legacyOutboxEntrySchema } from "../records/outbox";
import { DATA_FILE_NAME } from "../lowdb-store";
import { describeUrl } from "../pg-store";
import { collectionNames, type StoreDocument } from "../schema";
import { UPLOAD_NAME } from "../uploads";
import {
  BackupError,
  completeLogLines,
  kindOf,
  logFileOf,
  logKey,
  logSchemas,
  parseDocument,
  sha256,
  uploadRefs,
} from "./format";

/**
 * An archive entry: its bytes, or (uploads, which can be many and large) a file hashed while
 * collecting and read again only while the archive is written, one at a time.
 */
export type Entry =
  { path: string; data: Buffer } | { path: string; file: string; size: number; sha256: string };

export interface Collected {
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

export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return undefined;
    throw error;
  }
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
      valid = legacyOutboxEntrySchema.safeParse(JSON.parse(data.toString("utf8"))).success;
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
export async function collectLowdb(dataDir: string): Promise<Collected> {
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
export async function collectPostgres(url: string, dataDir: string): Promise<Collected> {
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
