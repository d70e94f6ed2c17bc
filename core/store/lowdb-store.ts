/**
 * The embedded store: one JSON document under $DATA_DIR, written with lowdb through an atomic
 * adapter (temp file, fsync, rename: a crash never leaves a torn file, see atomic-file.ts).
 * Transactions are serialized through one queue; a transaction works on copy-on-write collections
 * and is written to disk whole before anyone can read it. A failed write (a full disk: a
 * DiskFullError) rolls the transaction back: memory keeps matching the file, which is untouched.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Low } from "lowdb";
import { AtomicJsonFile, type AtomicFs } from "./atomic-file";
import { migrate, MigrationError } from "./migrations";
import {
  collectionNames,
  collectionSchemas,
  documentSchema,
  emptyDocument,
  formatIssuePath,
  type CollectionName,
  type EntityOf,
  type StoreDocument,
} from "./schema";
import { brokenKey, duplicateIn } from "./unique-keys";
import { BaseStore, runEffects, type TransactionScope } from "./base-store";
import {
  NotFoundError,
  StoreLoadError,
  StoreValidationError,
  UniqueViolationError,
  type Effect,
  type NewRecord,
  type StoreWriter,
  type Where,
} from "./types";

type Row = { id: string } & Record<string, unknown>;

/**
 * Stored records are frozen, deeply: reads hand them out as they are, without a copy (copying was
 * most of a page's cost with a large store), and code that tried to change a record in place
 * instead of calling update() fails loudly instead of changing the store behind its back.
 */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function frozenDocument(doc: StoreDocument): StoreDocument {
  for (const collection of collectionNames) deepFreeze(doc[collection]);
  return doc;
}

/** A filter's test, built once per read (not once per row: reads scan whole collections). */
function matcher(where: Record<string, unknown> | undefined): (row: Row) => boolean {
  if (!where) return () => true;
  const entries = Object.entries(where);
  for (const [key, value] of entries) {
    if (value === undefined) throw new Error(`find: the filter on "${key}" is undefined`);
  }
  if (entries.length === 1) {
    const [[key, value]] = entries as [[string, unknown]];
    return (row) => row[key] === value;
  }
  return (row) => {
    for (const [key, value] of entries) if (row[key] !== value) return false;
    return true;
  };
}

function validate<C extends CollectionName>(collection: C, record: unknown, index: number) {
  const result = collectionSchemas[collection].safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new StoreValidationError(
      collection,
      formatIssuePath([collection, index, ...issue.path]),
      issue.message,
    );
  }
  return result.data as EntityOf<C>;
}

/**
 * Lookups over a committed collection, built lazily and kept as long as that collection's array:
 * committed arrays are never changed (a transaction copies a collection before writing to it), so
 * an index is valid until a commit replaces the array, and other collections keep theirs. A read by
 * id or by equality on a field then costs a map lookup instead of a scan of the whole collection.
 */
interface CollectionIndex {
  byId?: Map<unknown, Row>;
  byField: Map<string, Map<unknown, Row[]>>;
}
const indexes = new WeakMap<Row[], CollectionIndex>();

function indexOf(rows: Row[]): CollectionIndex {
  let index = indexes.get(rows);
  if (!index) {
    index = { byField: new Map() };
    indexes.set(rows, index);
  }
  return index;
}

function rowById(rows: Row[], id: string): Row | undefined {
  const index = indexOf(rows);
  if (!index.byId) {
    index.byId = new Map();
    for (const row of rows) index.byId.set(row.id, row);
  }
  return index.byId.get(id);
}

/** The rows whose `field` equals `value`, in collection order (a shared array: never modify it). */
function rowsWhere(rows: Row[], field: string, value: unknown): readonly Row[] {
  const index = indexOf(rows);
  let byValue = index.byField.get(field);
  if (!byValue) {
    byValue = new Map();
    for (const row of rows) {
      const key = row[field];
      const bucket = byValue.get(key);
      if (bucket) bucket.push(row);
      else byValue.set(key, [row]);
    }
    index.byField.set(field, byValue);
  }
  return byValue.get(value) ?? [];
}

const indexable = (value: unknown) =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/**
 * A transaction's view: collections are copied on first write; records are frozen and replaced,
 * never mutated, so reads return them without a copy.
 */
class Draft implements StoreWriter, TransactionScope {
  private readonly changed = new Map<CollectionName, Row[]>();
  readonly effects: Effect[] = [];
  finished = false;

  constructor(private readonly base: StoreDocument) {}

  /**
   * A savepoint: the returned function undoes every write and effect since (a nested transaction
   * that failed). Records are frozen and never changed in place, so copying the arrays suffices.
   */
  savepoint(): () => void {
    const saved = new Map([...this.changed].map(([name, rows]) => [name, [...rows]]));
    const effects = this.effects.length;
    return () => {
      this.changed.clear();
      for (const [name, rows] of saved) this.changed.set(name, rows);
      this.effects.length = effects;
    };
  }

  get dirty() {
    return this.changed.size > 0;
  }

  private rows(collection: CollectionName): Row[] {
    return this.changed.get(collection) ?? (this.base[collection] as Row[]);
  }

  private writable(collection: CollectionName): Row[] {
    let rows = this.changed.get(collection);
    if (!rows) {
      rows = [...(this.base[collection] as Row[])];
      this.changed.set(collection, rows);
    }
    return rows;
  }

  result(): StoreDocument {
    const next = { ...this.base };
    for (const [collection, rows] of this.changed) {
      (next as Record<string, unknown>)[collection] = rows;
    }
    return next;
  }

  /** The committed array of a collection this transaction has not written to (indexable). */
  private committedRows(collection: CollectionName): Row[] | undefined {
    return this.changed.has(collection) ? undefined : (this.base[collection] as Row[]);
  }

  async get<C extends CollectionName>(collection: C, id: string) {
    const committed = this.committedRows(collection);
    const row = committed ? rowById(committed, id) : this.rows(collection).find((r) => r.id === id);
    return row as EntityOf<C> | undefined;
  }

  /** The rows to test against `where`: a field's index bucket when there is one to use. */
  private candidates(collection: CollectionName, where: Record<string, unknown> | undefined) {
    const committed = this.committedRows(collection);
    if (committed && where) {
      for (const [field, value] of Object.entries(where)) {
        if (indexable(value)) return rowsWhere(committed, field, value);
      }
    }
    return this.rows(collection);
  }

  async find<C extends CollectionName>(collection: C, where?: Where<C>) {
    const test = matcher(where as Record<string, unknown>);
    // Always a new array: callers may sort it.
    return this.candidates(collection, where as Record<string, unknown>).filter(
      test,
    ) as EntityOf<C>[];
  }

  async findOne<C extends CollectionName>(collection: C, where: Where<C>) {
    const test = matcher(where as Record<string, unknown>);
    const row = this.candidates(collection, where as Record<string, unknown>).find(test);
    return row as EntityOf<C> | undefined;
  }

  async insert<C extends CollectionName>(collection: C, record: NewRecord<C>) {
    const rows = this.writable(collection);
    const parsed = validate(collection, record, rows.length);
    const row = parsed as unknown as Row;
    if (rows.some((r) => r.id === row.id)) {
      throw new StoreValidationError(
        collection,
        `${collection}[${rows.length}].id`,
        "duplicate id",
      );
    }
    const broken = brokenKey(collection, row, rows);
    if (broken) throw new UniqueViolationError(collection, broken.name);
    rows.push(deepFreeze(structuredClone(row)));
    return parsed;
  }

  async update<C extends CollectionName>(collection: C, id: string, patch: Partial<EntityOf<C>>) {
    const rows = this.writable(collection);
    const index = rows.findIndex((r) => r.id === id);
    if (index < 0) throw new NotFoundError(collection, id);
    const parsed = validate(collection, { ...rows[index], ...patch, id }, index);
    const broken = brokenKey(collection, parsed as unknown as Row, rows, index);
    if (broken) throw new UniqueViolationError(collection, broken.name);
    rows[index] = deepFreeze(structuredClone(parsed as unknown as Row));
    return parsed;
  }

  async remove<C extends CollectionName>(collection: C, id: string) {
    const rows = this.writable(collection);
    const index = rows.findIndex((r) => r.id === id);
    if (index < 0) return false;
    rows.splice(index, 1);
    return true;
  }
}

/** A transaction inside another joins it; if it fails, what it did is undone, the outer one goes on. */
async function nested<T>(draft: Draft, fn: (tx: StoreWriter) => Promise<T>): Promise<T> {
  const restore = draft.savepoint();
  try {
    return await fn(draft);
  } catch (error) {
    restore();
    throw error;
  }
}

export const DATA_FILE_NAME = "maillage.json";

export interface OpenLowStoreOptions {
  dataDir: string;
  /** Builds the first document when the data file does not exist yet. */
  seed: () => Promise<unknown> | unknown;
  /** The file-system functions used to write (a test seam for a full disk). */
  fs?: AtomicFs;
}

export class LowStore extends BaseStore {
  private readonly scope = new AsyncLocalStorage<Draft>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly db: Low<StoreDocument>,
    private committed: StoreDocument,
    readonly location: string,
  ) {
    super();
  }

  static async open({ dataDir, seed, fs }: OpenLowStoreOptions): Promise<LowStore> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, DATA_FILE_NAME);
    const db = new Low<StoreDocument>(new AtomicJsonFile<StoreDocument>(file, fs), emptyDocument());

    let text: string | undefined;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        throw new StoreLoadError(file, (error as Error).message);
      }
    }

    if (text === undefined) {
      const doc = documentSchema.parse(migrate((await seed()) as Record<string, unknown>).doc);
      db.data = doc;
      await db.write();
      return new LowStore(db, frozenDocument(doc), file);
    }

    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StoreLoadError(file, `not valid JSON (${(error as Error).message})`);
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new StoreLoadError(file, "(root): expected a JSON object");
    }
    let migrated: { doc: Record<string, unknown>; from: number };
    try {
      migrated = migrate(raw as Record<string, unknown>);
    } catch (error) {
      if (error instanceof MigrationError) throw new StoreLoadError(file, error.message);
      throw error;
    }
    const result = documentSchema.safeParse(migrated.doc);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new StoreLoadError(
        file,
        `invalid data at ${formatIssuePath(issue.path)}: ${issue.message}`,
      );
    }
    for (const collection of collectionNames) {
      const duplicate = duplicateIn(collection, result.data[collection] as Row[]);
      if (duplicate) {
        throw new StoreLoadError(
          file,
          `two ${collection} records share the unique key ${duplicate.key.name} (${duplicate.value})`,
        );
      }
    }
    db.data = result.data;
    if (migrated.from !== result.data.schemaVersion) {
      await copyFile(file, `${file}.v${migrated.from}.bak`);
      await db.write();
    }
    return new LowStore(db, frozenDocument(result.data), file);
  }

  transaction<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const current = this.runningScope();
    if (current) return nested(current, fn);
    if (this.closed) return Promise.reject(new Error("The store is closed"));
    const run = async () => {
      const draft = new Draft(this.committed);
      try {
        const result = await this.scope.run(draft, () => fn(draft));
        if (draft.dirty) {
          const next = draft.result();
          this.db.data = next;
          try {
            await this.db.write();
          } catch (error) {
            this.db.data = this.committed;
            throw error;
          }
          this.committed = next;
          this.commits++;
        }
        return { result, effects: draft.effects };
      } finally {
        draft.finished = true;
      }
    };
    const done = this.queue.then(run, run);
    this.queue = done.catch(() => undefined);
    // Effects run once the queue has moved on: a slow e-mail never holds other writers.
    return done.then(({ result, effects }) =>
      this.scope.exit(() => runEffects(effects)).then(() => result),
    );
  }

  protected runningScope(): Draft | undefined {
    const draft = this.scope.getStore();
    return draft && !draft.finished ? draft : undefined;
  }

  protected current(): StoreWriter {
    return this.runningScope() ?? new Draft(this.committed);
  }

  private commits = 0;
  override revision() {
    // Inside a transaction, reads see its uncommitted writes: they belong to no revision.
    if (this.runningScope()) return undefined;
    return this.commits;
  }

  async close() {
    this.closed = true;
    await this.queue;
  }

  /** Counts, for health checks and tests. */
  counts(): Record<CollectionName, number> {
    return Object.fromEntries(collectionNames.map((c) => [c, this.committed[c].length])) as Record<
      CollectionName,
      number
    >;
  }
}
