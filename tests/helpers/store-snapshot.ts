/**
 * What a running server has stored, read from outside it: the whole document (lowdb's file,
 * written atomically after every commit, or PostgreSQL's records), the audit trail of a program
 * (files beside the data, or the log table) and the outbox (the store's `outbox` collection).
 * For tests that check the store after the server answered, e.g. with checkInvariants.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { OutboxMessage } from "../../core/mail";
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

/**
 * Every message of the outbox: the store's `outbox` collection, read from the lowdb file of each
 * of these data dirs, or from PostgreSQL.
 */
export async function outboxMessages(
  where: readonly string[] | StoreLocation,
): Promise<OutboxMessage[]> {
  if (!Array.isArray(where)) return (await storeSnapshot(where as StoreLocation)).outbox;
  const messages: OutboxMessage[] = [];
  for (const dataDir of new Set(where as readonly string[])) {
    let data: StoreDocument;
    try {
      data = await storeSnapshot({ engine: "lowdb", dataDir });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    messages.push(...data.outbox);
  }
  return messages;
}
