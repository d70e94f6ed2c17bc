/**
 * The store's interface: the only way routes' models and socket handlers reach data.
 * lowdb implements it today (lowdb-store.ts); a PostgreSQL implementation can sit behind the
 * same interface (see docs/decisions/0003-store.md). Every method is async for that reason.
 */
import type { z } from "zod";
import type { CollectionName, EntityOf, collectionSchemas } from "./schema";

export type Where<C extends CollectionName> = Partial<EntityOf<C>>;
export type NewRecord<C extends CollectionName> = z.input<(typeof collectionSchemas)[C]>;

export interface StoreReader {
  get<C extends CollectionName>(collection: C, id: string): Promise<EntityOf<C> | undefined>;
  /** Records whose top-level fields equal every field of `where` (all records without it). */
  find<C extends CollectionName>(collection: C, where?: Where<C>): Promise<EntityOf<C>[]>;
  findOne<C extends CollectionName>(
    collection: C,
    where: Where<C>,
  ): Promise<EntityOf<C> | undefined>;
}

export interface StoreWriter extends StoreReader {
  /** Validates the record with its zod schema; throws StoreValidationError naming the path. */
  insert<C extends CollectionName>(collection: C, record: NewRecord<C>): Promise<EntityOf<C>>;
  /** Merges `patch` into the record and validates the result. Throws NotFoundError. */
  update<C extends CollectionName>(
    collection: C,
    id: string,
    patch: Partial<EntityOf<C>>,
  ): Promise<EntityOf<C>>;
  remove<C extends CollectionName>(collection: C, id: string): Promise<boolean>;
}

/** Work that must follow a commit: an e-mail, an audit line, a message to sockets. */
export type Effect = () => unknown;

export interface Store extends StoreWriter {
  /**
   * Runs `fn` alone: transactions are serialized (across processes too, on PostgreSQL), see each
   * other's results, and either all of a transaction's writes reach the disk or none do. A
   * transaction opened inside another joins it, as a savepoint: if the inner one fails, its writes
   * and effects are undone and the outer one goes on (a route that catches a model's refusal
   * stores nothing of it). The returned promise settles once the transaction's effects
   * (afterCommit) have run.
   */
  transaction<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T>;
  /**
   * Runs `effect` once the current transaction has committed, and never if it rolls back: side
   * effects (e-mails, audit lines, socket messages) happen once, for the write that won. Effects
   * run in the order they were registered, outside any transaction; one that fails is logged and
   * does not undo the commit. Outside a transaction the effect runs at once. Resolves when the
   * effect has run (outside a transaction) or has been registered (inside one).
   */
  afterCommit(effect: Effect): Promise<void>;
  /** Waits for pending writes, then refuses new ones. */
  close(): Promise<void>;
  /** Where the data lives, for messages. */
  readonly location: string;
  /**
   * A number that changes whenever committed data changes, when the engine can tell without a
   * query (lowdb: one process holds the data); undefined otherwise (PostgreSQL: other processes
   * write too) and inside a transaction (its reads see uncommitted writes). For in-process caches of
   * data derived from many records (the program report, the directory's pair scores).
   */
  revision(): number | undefined;
}

export class StoreValidationError extends Error {
  constructor(
    readonly collection: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`Invalid ${collection} record at ${path}: ${detail}`);
    this.name = "StoreValidationError";
  }
}

export class NotFoundError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`No ${collection} record with id ${id}`);
    this.name = "NotFoundError";
  }
}

/**
 * A write would break one of the store's unique keys (unique-keys.ts): the same rating twice, a
 * second group from one proposal, a seat taken twice. Models check these rules first, inside the
 * transaction; this is the engine's own guarantee behind them. The transaction is rolled back.
 */
export class UniqueViolationError extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`Duplicate ${collection} record: unique key ${key}`);
    this.name = "UniqueViolationError";
  }
}

/** The data file cannot be used: the server stops and the file is left untouched. */
export class StoreLoadError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`Cannot load the data file ${file}: ${detail}. The file was not modified.`);
    this.name = "StoreLoadError";
  }
}

/** The error codes of a full disk (or a full quota). */
const DISK_FULL_CODES = new Set(["ENOSPC", "EDQUOT"]);

/**
 * A write failed because the disk is full. The previous data is intact (the temporary file was
 * removed, the old file was not touched, the transaction was rolled back). Recognized across
 * bundles by `isDiskFull`, which also accepts a raw ENOSPC error.
 */
export class DiskFullError extends Error {
  readonly code: string;
  constructor(
    readonly path: string,
    cause?: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? "ENOSPC";
    super(
      `Espace disque insuffisant / disk full: cannot write ${path} (${code}). ` +
        "The previous data is intact; free some disk space and try again.",
      { cause },
    );
    this.name = "DiskFullError";
    this.code = code;
  }
}

/** The store's errors, by the name each sets. */
interface StoreErrors {
  StoreValidationError: StoreValidationError;
  NotFoundError: NotFoundError;
  UniqueViolationError: UniqueViolationError;
  StoreLoadError: StoreLoadError;
  DiskFullError: DiskFullError;
}

/**
 * Whether `error` is one of the store's errors, by its name rather than `instanceof`: the store is
 * made by the server bundle and its errors reach routes of the Remix build, which holds its own
 * copy of these classes (docs/decisions/0018-services.md). ESLint forbids `instanceof` on them.
 */
export function isStoreError<N extends keyof StoreErrors>(
  error: unknown,
  name: N,
): error is StoreErrors[N] {
  return error instanceof Error && error.name === name;
}

/** Whether an error (or one of its causes) is a full disk. */
export function isDiskFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as Error).cause, depth++) {
    if (typeof e !== "object") return false;
    if ((e as Error).name === "DiskFullError") return true;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string" && DISK_FULL_CODES.has(code)) return true;
  }
  return false;
}

/** A full disk becomes a DiskFullError naming `path`; any other error is returned unchanged. */
export function asDiskFull(error: unknown, path: string): unknown {
  if (isStoreError(error, "DiskFullError") || !isDiskFull(error)) return error;
  return new DiskFullError(path, error);
}
