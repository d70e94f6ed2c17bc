/**
 * What both engines share: reads go to the current transaction's view when inside one (else a
 * fresh view), and a single write outside a transaction runs as its own transaction.
 */
import type { CollectionName, EntityOf } from "./schema";
import type { NewRecord, Store, StoreWriter, Where } from "./types";

export abstract class BaseStore implements Store {
  abstract readonly location: string;
  abstract transaction<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
  /** The running transaction's view, or one for plain reads. */
  protected abstract current(): StoreWriter;

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
