/**
 * What both engines share: reads go to the current transaction's view when inside one (else a
 * fresh view), and a single write outside a transaction runs as its own transaction.
 */
import type { CollectionName, EntityOf } from "./schema";
import type { Effect, NewRecord, Store, StoreWriter, Where } from "./types";

/** What a running transaction carries besides its writes. */
export interface TransactionScope {
  /** Work to run once the transaction has committed (Store.afterCommit). */
  readonly effects: Effect[];
  /**
   * Set when the transaction has committed or rolled back. Code started inside a transaction and
   * still running after it (a solver job's callback, a timer) inherits its async context: a
   * finished transaction must then count as no transaction at all, never be written to.
   */
  finished: boolean;
}

/** Runs effects in order; one that fails is logged (the data it follows is committed). */
export async function runEffects(effects: readonly Effect[]) {
  for (const effect of effects) {
    try {
      await effect();
    } catch (error) {
      console.error("An effect after a commit failed:", error);
    }
  }
}

export abstract class BaseStore implements Store {
  abstract readonly location: string;
  abstract transaction<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
  /** The running transaction's view, or one for plain reads. */
  protected abstract current(): StoreWriter;
  /** The running (not finished) transaction of this async context, if any. */
  protected abstract runningScope(): TransactionScope | undefined;

  async afterCommit(effect: Effect): Promise<void> {
    const scope = this.runningScope();
    if (scope) scope.effects.push(effect);
    else await runEffects([effect]);
  }

  revision(): number | undefined {
    return undefined;
  }
  get<C extends CollectionName>(collection: C, id: string) {
    return this.current().get(collection, id);
  }
  find<C extends CollectionName>(collection: C, where?: Where<C>) {
    return this.current().find(collection, where);
  }
  findOne<C extends CollectionName>(collection: C, where: Where<C>) {
    return this.current().findOne(collection, where);
  }
  insert<C extends CollectionName>(collection: C, record: NewRecord<C>) {
    return this.transaction((tx) => tx.insert(collection, record));
  }
  update<C extends CollectionName>(collection: C, id: string, patch: Partial<EntityOf<C>>) {
    return this.transaction((tx) => tx.update(collection, id, patch));
  }
  remove<C extends CollectionName>(collection: C, id: string) {
    return this.transaction((tx) => tx.remove(collection, id));
  }
}
