/**
 * What a running server has stored, read from outside it: the whole document (lowdb's file,
 * written atomically after every commit, or PostgreSQL's records), the audit trail of a program
 * (files beside the data, or the log table) and the outbox (JSON files in each process's data dir).
 * For tests that check the store after the server answered, e.g. with checkInvariants.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { outboxEntrySchema, type OutboxEntry } from "../../core/mail";
import { auditEntrySchema, type AuditEntry } from "../../core/store/audit-log";
import { collectionNames, documentSchema, type StoreDocument } from "../../core/store/schema";

/** Where a server keeps its data: a lowdb data dir, or a PostgreSQL database. */
export type StoreLocation =
  { engine: "lowdb"; dataDir: string } | { engine: "postgres"; url: string };

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The store's committed data, validated as a whole (one consistent read on PostgreSQL). */
export async function storeSnapshot(location: StoreLocation): Promise<StoreDocument> {
  if (location.engine === "lowdb") {
    const text = await readFile(join(location.dataDir, "maillage.json"), "utf8");
    return documentSchema.parse(JSON.parse(text));
  }
  return withClient(location.url, async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const version = await client.query<{ value: unknown }>(
      "SELECT value FROM store_meta WHERE key = 'schemaVersion'",
    );
    const records = await client.query<{ collection: string; data: unknown }>(
      "SELECT collection, data FROM records ORDER BY seq",
    );
    await client.query("COMMIT");
    const raw: Record<string, unknown> = { schemaVersion: version.rows[0]?.value };
    for (const name of collectionNames) raw[name] = [];
    for (const row of records.rows) (raw[row.collection] as unknown[] | undefined)?.push(row.data);
    return documentSchema.parse(raw);
  });
}

/** A program's audit trail, in the order it was written. */
export async function auditTrail(
  location: StoreLocation,
  programId: string,
): Promise<AuditEntry[]> {
  if (location.engine === "postgres") {
    const rows = await withClient(location.url, async (client) =>
      client.query<{ data: unknown }>(
        "SELECT data FROM log_entries WHERE log = 'audit' AND stream = $1 ORDER BY seq",
        [programId],
      ),
    );
    return rows.rows.map((r) => auditEntrySchema.parse(r.data));
  }
  const file = join(location.dataDir, "audit", `${programId.replace(/[^\w-]/g, "_")}.jsonl`);
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => auditEntrySchema.parse(JSON.parse(line)));
}

/** Every message in the outboxes of these data dirs (one per server process, or shared). */
export async function outboxMessages(dataDirs: readonly string[]): Promise<OutboxEntry[]> {
  const messages: OutboxEntry[] = [];
  for (const dir of new Set(dataDirs)) {
    const outbox = join(dir, "outbox");
    let names: string[] = [];
    try {
      names = await readdir(outbox);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    for (const name of names.filter((n) => n.endsWith(".json") && !n.startsWith("."))) {
      messages.push(
        outboxEntrySchema.parse(JSON.parse(await readFile(join(outbox, name), "utf8"))),
      );
    }
  }
  return messages;
}
