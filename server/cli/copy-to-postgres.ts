/**
 * `npm run db:copy-to-postgres -- --from data/maillage.json [--to postgres://…]`: copies a lowdb
 * store (the data file, and the chat and audit logs beside it) into an empty PostgreSQL database,
 * then checks the counts per entity. A database that already holds data is refused.
 * Uploaded files stay in $DATA_DIR/uploads (give every process the same directory).
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { z } from "zod";
import { auditEntrySchema } from "../../core/store/audit-log";
import { chatMessageSchema } from "../../core/store/chat-log";
import { migrate } from "../../core/store/migrations";
import { applyMigrations, describeUrl, importDocument } from "../../core/store/pg-store";
import { collectionNames, documentSchema, formatIssuePath } from "../../core/store/schema";
import { cliEnv } from "./env";

const argsSchema = z
  .object({
    from: z
      .string("--from FILE is required (the lowdb data file, e.g. data/maillage.json)")
      .min(1, "--from FILE is required (the lowdb data file, e.g. data/maillage.json)"),
    to: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "--to (or DATABASE_URL) must be a postgres:// URL"),
  })
  .strict();

function parseArgs(argv: string[]) {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const match = /^--(from|to)(?:=(.*))?$/.exec(flag);
    if (!match) throw new Error(`unknown argument "${flag}" (use --from FILE [--to URL])`);
    out[match[1]!] = match[2] ?? argv[++i] ?? "";
  }
  return argsSchema.safeParse({ to: cliEnv().DATABASE_URL ?? "", ...out });
}

class CopyError extends Error {}

async function readLogs(dir: string, schema: z.ZodType, keyOf: (r: never) => string) {
  if (!existsSync(dir)) return [];
  const rows: Array<{ stream: string; data: unknown }> = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".jsonl")).sort()) {
    for (const line of (await readFile(join(dir, name), "utf8")).split("\n")) {
      if (!line.trim()) continue;
      try {
        const parsed = schema.safeParse(JSON.parse(line));
        if (parsed.success) rows.push({ stream: keyOf(parsed.data as never), data: parsed.data });
      } catch {
        // A torn last line (a kill mid-write) is skipped, as the app does when reading.
      }
    }
  }
  return rows;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`db:copy-to-postgres: ${(error as Error).message}`);
    process.exit(2);
  }
  if (!args.success) {
    console.error(`db:copy-to-postgres: ${args.error.issues[0]!.message}`);
    process.exit(2);
  }
  const file = resolve(args.data.from);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new CopyError(`${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  const parsed = documentSchema.safeParse(migrate(raw as Record<string, unknown>).doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CopyError(`${file}: invalid at ${formatIssuePath(issue.path)}: ${issue.message}`);
  }
  const doc = parsed.data;
  const base = dirname(file);
  const chat = await readLogs(
    join(base, "chat"),
    chatMessageSchema,
    (m: { eventId: string }) => m.eventId,
  );
  const audit = await readLogs(
    join(base, "audit"),
    auditEntrySchema,
    (e: { programId: string }) => e.programId,
  );

  const where = describeUrl(args.data.to);
  const client = new pg.Client({ connectionString: args.data.to, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new CopyError(`cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`);
  }
  try {
    await applyMigrations(client as unknown as pg.PoolClient);
    await client.query("BEGIN");
    const used = await client.query(
      "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM store_meta) + (SELECT count(*) FROM log_entries) AS n",
    );
    if (Number(used.rows[0].n) > 0)
      throw new CopyError(`${where} already holds data: copy only into an empty database`);
    await importDocument(client as unknown as pg.PoolClient, doc);
    for (const [log, rows] of [
      ["chat", chat],
      ["audit", audit],
    ] as const) {
      for (let i = 0; i < rows.length; i += 1000) {
        const batch = rows.slice(i, i + 1000);
        await client.query(
          `INSERT INTO log_entries (log, stream, data)
           SELECT $1, r.value->>'stream', r.value->'data'
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS r ORDER BY r.ordinality`,
          [log, JSON.stringify(batch)],
        );
      }
    }
    // Check every count before committing: all or nothing.
    const counts = await client.query<{ collection: string; n: string }>(
      "SELECT collection, count(*) AS n FROM records GROUP BY collection",
    );
    const got = new Map(counts.rows.map((r) => [r.collection, Number(r.n)]));
    const table: Array<{ entity: string; file: number; database: number }> = collectionNames.map(
      (c) => ({ entity: c, file: doc[c].length, database: got.get(c) ?? 0 }),
    );
    const logs = await client.query<{ log: string; n: string }>(
      "SELECT log, count(*) AS n FROM log_entries GROUP BY log",
    );
    const logCount = new Map(logs.rows.map((r) => [r.log, Number(r.n)]));
    table.push({ entity: "chat messages", file: chat.length, database: logCount.get("chat") ?? 0 });
    table.push({
      entity: "audit entries",
      file: audit.length,
      database: logCount.get("audit") ?? 0,
    });
    const wrong = table.filter((r) => r.file !== r.database);
    if (wrong.length)
      throw new CopyError(
        `counts differ, nothing was copied: ${wrong.map((r) => `${r.entity} ${r.file}≠${r.database}`).join(", ")}`,
      );
    await client.query("COMMIT");
    console.log(`Copied ${file} into ${where}:`);
    console.table(table.filter((r) => r.file > 0));
    console.log("Every count matches.");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  if (error instanceof CopyError) {
    console.error(`db:copy-to-postgres: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
