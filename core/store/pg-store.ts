/**
 * The PostgreSQL store: the same `Store` interface as lowdb, for deployments with several server
 * processes (see docs/decisions/0009-postgresql-store.md).
 *
 * - One `records` table: (collection, id) → jsonb, with an insertion sequence so `find` returns
 *   records in the order lowdb would. Every write is validated with the entity's zod schema.
 * - Transactions run at READ COMMITTED under a transaction-level advisory lock taken first: they
 *   are serialized across every process, exactly like lowdb's queue, so models keep their
 *   read-check-write logic and nothing is retried (no side effect runs twice).
 * - Versioned SQL migrations (pg-migrations.ts) run on start, then the stored document's own
 *   migrations (migrations.ts, the same steps as a lowdb file's); the demo or empty seed is written
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
  SCHEMA_VERSION,
  type CollectionName,
  type EntityOf,
  type StoreDocument,
} from "./schema";
import { migrate } from "./migrations";
import { uniqueIndexSql, UNIQUE_KEYS } from "./unique-keys";
import { BaseStore, runEffects, type TransactionScope } from "./base-store";
import {
  isStoreError,
  NotFoundError,
  StoreLoadError,
  StoreValidationError,
  UniqueViolationError,
  type Effect,
  type NewRecord,
  type StoreWriter,
  type Where,
} from "./types";

/** Any number: the key of the advisory lock that serializes Maillage's transactions. */
const WRITE_LOCK = 0x6d61_696c; // "mail"
const MIGRATION_LOCK = 0x6d61_696d;

type Queryable = Pick<pg.PoolClient, "query">;

/**
 * A transaction's connection, one query at a time: models read in parallel (`Promise.all`) inside
 * a transaction, and a pg client must not be given a query while another runs (deprecated, an
 * error in pg 9). The pool, for plain reads, runs them on separate connections.
 */
function inOrder(client: pg.PoolClient): Queryable {
  let last: Promise<unknown> = Promise.resolve();
  return {
    query: ((...args: Parameters<pg.PoolClient["query"]>) => {
      const next = last.then(
        () => (client.query as (...a: unknown[]) => Promise<unknown>)(...args),
        () => (client.query as (...a: unknown[]) => Promise<unknown>)(...args),
      );
      last = next.catch(() => undefined);
      return next;
    }) as pg.PoolClient["query"],
  };
}
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

/** PostgreSQL's unique violation on one of unique-keys.ts's indexes, as the engines' common error. */
function uniqueViolation(collection: string, error: unknown): unknown {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== "23505" || !constraint?.startsWith("records_unique_")) return error;
  return new UniqueViolationError(collection, constraint.slice("records_unique_".length));
}

/** Reads and writes on one connection (a transaction's) or on the pool (plain reads). */
class PgWriter implements StoreWriter, TransactionScope {
  readonly effects: Effect[] = [];
  finished = false;
  private savepoints = 0;
  constructor(private readonly db: Queryable) {}

  /**
   * A transaction inside another joins it under a savepoint: if it fails, its writes and effects
   * are undone (and a failed statement no longer aborts the whole transaction); the outer one goes on.
   */
  async nested<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const name = `nested_${++this.savepoints}`;
    const effects = this.effects.length;
    await this.db.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this);
      await this.db.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.db.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      this.effects.length = effects;
      throw error;
    }
  }

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
    const result = await this.db
      .query(
        "INSERT INTO records (collection, id, data) VALUES ($1, $2, $3::jsonb) ON CONFLICT (collection, id) DO NOTHING",
        [collection, (parsed as unknown as Row).id, JSON.stringify(parsed)],
      )
      .catch((error: unknown) => {
        throw uniqueViolation(collection, error);
      });
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
    await this.db
      .query("UPDATE records SET data = $3::jsonb WHERE collection = $1 AND id = $2", [
        collection,
        id,
        JSON.stringify(parsed),
      ])
      .catch((error: unknown) => {
        throw uniqueViolation(collection, error);
      });
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
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    await syncUniqueIndexes(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * One partial unique index per key of unique-keys.ts, named `records_unique_<key>`: missing ones
 * are created, ones no longer listed are dropped (a changed key takes a new name). Existing data
 * that breaks a key stops the start with a message naming it.
 */
async function syncUniqueIndexes(client: Queryable) {
  const existing = new Set(
    (
      await client.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'records' AND indexname LIKE 'records\\_unique\\_%'",
      )
    ).rows.map((r) => r.indexname),
  );
  const wanted = new Map(UNIQUE_KEYS.map((key) => [`records_unique_${key.name}`, key]));
  for (const name of existing) {
    if (!wanted.has(name)) await client.query(`DROP INDEX ${name}`);
  }
  for (const [name, key] of wanted) {
    if (existing.has(name)) continue;
    await client.query("SAVEPOINT unique_key");
    try {
      await client.query(uniqueIndexSql(key));
      await client.query("RELEASE SAVEPOINT unique_key");
    } catch (error) {
      await client.query("ROLLBACK TO SAVEPOINT unique_key");
      if ((error as { code?: string }).code !== "23505") throw error;
      throw new Error(
        `two ${key.collection} records share the unique key ${key.name} (${(error as { detail?: string }).detail ?? ""})`,
      );
    }
  }
}

/** Inserts every record of a validated document (in its order). */
async function insertDocument(client: Queryable, doc: StoreDocument) {
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
}

/** Writes a whole validated document into an empty database, in one transaction. */
export async function importDocument(client: pg.PoolClient, document: unknown) {
  const doc = documentSchema.parse(migrate(document as Record<string, unknown>).doc);
  await insertDocument(client, doc);
  await client.query(
    "INSERT INTO store_meta (key, value) VALUES ('schemaVersion', $1::jsonb), ('seededAt', $2::jsonb)",
    [JSON.stringify(doc.schemaVersion), JSON.stringify(new Date().toISOString())],
  );
}

/**
 * The document migrations of migrations.ts, on data written by an older Maillage: the records are
 * read as one document, migrated exactly as a lowdb file would be, validated, and written back
 * (in the transaction that holds the migration lock).
 */
async function migrateData(client: Queryable) {
  const meta = await client.query<{ value: unknown }>(
    "SELECT value FROM store_meta WHERE key = 'schemaVersion'",
  );
  const version = meta.rows[0]?.value;
  if (version === SCHEMA_VERSION) return;
  const raw: Record<string, unknown> = { schemaVersion: version };
  for (const collection of collectionNames) raw[collection] = [];
  const records = await client.query<{ collection: string; data: unknown }>(
    "SELECT collection, data FROM records ORDER BY seq",
  );
  for (const row of records.rows) (raw[row.collection] as unknown[] | undefined)?.push(row.data);
  const doc = documentSchema.parse(migrate(raw).doc);
  await client.query("DELETE FROM records");
  await insertDocument(client, doc);
  await client.query("UPDATE store_meta SET value = $1::jsonb WHERE key = 'schemaVersion'", [
    JSON.stringify(doc.schemaVersion),
  ]);
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
      else await migrateData(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
      await pool.end().catch(() => undefined);
      if (isStoreError(error, "StoreLoadError")) throw error;
      throw new StoreLoadError(location, (error as Error).message);
    }
    client.release();
    return new PgStore(pool, location);
  }

  transaction<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const current = this.runningScope();
    if (current) return current.nested(fn);
    if (this.closed) return Promise.reject(new Error("The store is closed"));
    return (async () => {
      const client = await this.pool.connect();
      const db = inOrder(client);
      const writer = new PgWriter(db);
      let result: T;
      try {
        await db.query("BEGIN");
        await db.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK]);
        result = await this.scope.run(writer, () => fn(writer));
        await db.query("COMMIT");
      } catch (error) {
        await db.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        writer.finished = true;
        client.release();
      }
      await this.scope.exit(() => runEffects(writer.effects));
      return result;
    })();
  }

  protected runningScope(): PgWriter | undefined {
    const writer = this.scope.getStore();
    return writer && !writer.finished ? writer : undefined;
  }

  protected current(): StoreWriter {
    return this.runningScope() ?? this.reader;
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
