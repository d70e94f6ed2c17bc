/**
 * The PostgreSQL store: the same `Store` interface as lowdb, for deployments with several server
 * processes (see docs/decisions/0009-postgresql-store.md).
 *
 * - One `records` table: (collection, id) → jsonb, with an insertion sequence so `find` returns
 *   records in the order lowdb would. Every write is validated with the entity's zod schema.
 * - Transactions run at READ COMMITTED under a transaction-level advisory lock taken first: they
 *   are serialized across every process, exactly like lowdb's queue, so models keep their
 *   read-check-write logic and nothing is retried (no side effect runs twice).
 * - Versioned migrations (pg-migrations.ts) run on start; the demo or empty seed is written
 *   once, whichever process gets there first.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { PG_MIGRATIONS } from "./pg-migrations";
import {
  collectionNames,
  collectionSchemas,
  documentSchema,
  formatIssuePath,
  type CollectionName,
  type EntityOf,
} from "./schema";
import { migrate } from "./migrations";
import { BaseStore } from "./base-store";
import {
  NotFoundError,
  StoreLoadError,
  StoreValidationError,
  type NewRecord,
  type StoreWriter,
  type Where,
} from "./types";

/** Any number: the key of the advisory lock that serializes Maillage's transactions. */
const WRITE_LOCK = 0x6d61_696c; // "mail"
const MIGRATION_LOCK = 0x6d61_696d;

type Queryable = Pick<pg.PoolClient, "query">;
type Row = { id: string } & Record<string, unknown>;

function matches(row: Row, where: Record<string, unknown> | undefined): boolean {
  if (!where) return true;
  for (const [key, value] of Object.entries(where)) if (row[key] !== value) return false;
  return true;
}

function checkedWhere(where: Record<string, unknown> | undefined) {
  for (const [key, value] of Object.entries(where ?? {})) {
    // An undefined filter value is a caller bug that would match everything: refuse it.
    if (value === undefined) throw new Error(`find: the filter on "${key}" is undefined`);
  }
  return JSON.stringify(where ?? {});
}

function validate<C extends CollectionName>(collection: C, record: unknown, id: string) {
  const result = collectionSchemas[collection].safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new StoreValidationError(
      collection,
      formatIssuePath([collection, id || "new", ...issue.path]),
      issue.message,
    );
  }
  return result.data as EntityOf<C>;
}

/** Reads and writes on one connection (a transaction's) or on the pool (plain reads). */
class PgWriter implements StoreWriter {
  constructor(private readonly db: Queryable) {}

  async get<C extends CollectionName>(collection: C, id: string) {
    const result = await this.db.query<{ data: EntityOf<C> }>(
      "SELECT data FROM records WHERE collection = $1 AND id = $2",
      [collection, id],
    );
    return result.rows[0]?.data;
  }

  async find<C extends CollectionName>(collection: C, where?: Where<C>) {
    const filter = where as Record<string, unknown> | undefined;
    const result = await this.db.query<{ data: Row }>(
      "SELECT data FROM records WHERE collection = $1 AND data @> $2::jsonb ORDER BY seq",
      [collection, checkedWhere(filter)],
    );
    // jsonb containment is equality for the scalars models filter on; check exactly anyway.
    return result.rows.map((r) => r.data).filter((r) => matches(r, filter)) as EntityOf<C>[];
  }

  async findOne<C extends CollectionName>(collection: C, where: Where<C>) {
    return (await this.find(collection, where))[0];
  }

  async insert<C extends CollectionName>(collection: C, record: NewRecord<C>) {
    const id = String((record as { id?: unknown }).id ?? "");
    const parsed = validate(collection, record, id);
    const result = await this.db.query(
      "INSERT INTO records (collection, id, data) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING",
      [collection, (parsed as unknown as Row).id, JSON.stringify(parsed)],
    );
    if (result.rowCount === 0)
      throw new StoreValidationError(collection, `${collection}[${id}].id`, "duplicate id");
    return parsed;
  }

  async update<C extends CollectionName>(collection: C, id: string, patch: Partial<EntityOf<C>>) {
    const current = await this.db.query<{ data: Row }>(
      "SELECT data FROM records WHERE collection = $1 AND id = $2 FOR UPDATE",
      [collection, id],
    );
    const row = current.rows[0]?.data;
    if (!row) throw new NotFoundError(collection, id);
    const parsed = validate(collection, { ...row, ...patch, id }, id);
    await this.db.query("UPDATE records SET data = $3::jsonb WHERE collection = $1 AND id = $2", [
      collection,
      id,
      JSON.stringify(parsed),
    ]);
    return parsed;
  }

  async remove<C extends CollectionName>(collection: C, id: string) {
    const result = await this.db.query("DELETE FROM records WHERE collection = $1 AND id = $2", [
      collection,
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }
}

export interface OpenPgStoreOptions {
  url: string;
  /** Builds the first document when the database has never been seeded. */
  seed: () => Promise<unknown> | unknown;
  /** Connections in this process's pool. */
  poolSize?: number;
}

/** The URL without its password, for messages. */
export function describeUrl(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid DATABASE_URL)";
  }
}

export async function applyMigrations(client: pg.PoolClient) {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
        (r) => r.version,
      ),
    );
    for (const migration of PG_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      if (migration.sql) await client.query(migration.sql);
      if (migration.run) await migration.run(client);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Writes a whole validated document into an empty database, in one transaction. */
export async function importDocument(client: pg.PoolClient, document: unknown) {
  const doc = documentSchema.parse(migrate(document as Record<string, unknown>).doc);
  for (const collection of collectionNames) {
    const rows = doc[collection] as Row[];
    if (rows.length === 0) continue;
    await client.query(
      `INSERT INTO records (collection, id, data)
       SELECT $1, r.value->>'id', r.value FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS r
       ORDER BY r.ordinality`,
      [collection, JSON.stringify(rows)],
    );
  }
  await client.query(
    "INSERT INTO store_meta (key, value) VALUES ('schemaVersion', $1::jsonb), ('seededAt', $2::jsonb)",
    [JSON.stringify(doc.schemaVersion), JSON.stringify(new Date().toISOString())],
  );
}

export class PgStore extends BaseStore {
  private readonly scope = new AsyncLocalStorage<PgWriter>();
  private closed = false;
  private readonly reader: PgWriter;

  private constructor(
    readonly pool: pg.Pool,
    readonly location: string,
  ) {
    super();
    this.reader = new PgWriter(pool);
  }

  static async open({ url, seed, poolSize = 10 }: OpenPgStoreOptions): Promise<PgStore> {
    const location = describeUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // A dropped idle connection must not crash the process; the next query reconnects.
    pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    // A connection in use fails its query (the request gets an error page); its "error" event
    // must not stop the process.
    pool.on("connect", (client) =>
      client.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`)),
    );
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StoreLoadError(
        location,
        `cannot connect to PostgreSQL (${(error as Error).message}); is it running, and is DATABASE_URL right?`,
      );
    }
    try {
      await applyMigrations(client);
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      const seeded = await client.query("SELECT 1 FROM store_meta WHERE key = 'seededAt'");
      if (seeded.rowCount === 0) await importDocument(client, await seed());
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
      await pool.end().catch(() => undefined);
      if (error instanceof StoreLoadError) throw error;
      throw new StoreLoadError(location, (error as Error).message);
    }
    client.release();
    return new PgStore(pool, location);
  }

  transaction<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return fn(current);
    if (this.closed) return Promise.reject(new Error("The store is closed"));
    return (async () => {
      const client = await this.pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK]);
        const writer = new PgWriter(client);
        const result = await this.scope.run(writer, () => fn(writer));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })();
  }

  protected current(): StoreWriter {
    return this.scope.getStore() ?? this.reader;
  }

  /** Counts per collection, for the copy tool's check and for tests. */
  async counts(): Promise<Record<CollectionName, number>> {
    const result = await this.pool.query<{ collection: string; n: string }>(
      "SELECT collection, count(*) AS n FROM records GROUP BY collection",
    );
    const counts = Object.fromEntries(collectionNames.map((c) => [c, 0])) as Record<
      CollectionName,
      number
    >;
    for (const row of result.rows) counts[row.collection as CollectionName] = Number(row.n);
    return counts;
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
