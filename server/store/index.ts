/**
 * The one store module. The server opens it once at start-up; models get it with getStore().
 * The instance lives on globalThis so that every copy of this module (the Remix server bundle, the
 * Express server bundle, Vite's dev reloads) shares it: one process, one writer.
 */
import { LowStore } from "./lowdb-store";
import { demoDocument } from "./seed";
import { emptyDocument } from "./schema";
import type { Store } from "./types";

export * from "./types";
export type { CollectionName, EntityOf } from "./schema";

const KEY = Symbol.for("maillage.store");
type Holder = { [KEY]?: Store };

export interface StoreConfig {
  dataDir: string;
  /** Seed demo data into an empty data dir. */
  demo: boolean;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const store = await LowStore.open({
    dataDir: config.dataDir,
    seed: () => (config.demo ? demoDocument() : emptyDocument()),
  });
  holder[KEY] = store;
  return store;
}

export function getStore(): Store {
  const store = (globalThis as Holder)[KEY];
  if (!store) throw new Error("The store is not open yet (openStore() runs at server start-up).");
  return store;
}

export async function closeStore(): Promise<void> {
  const holder = globalThis as Holder;
  const store = holder[KEY];
  if (!store) return;
  await store.close();
  delete holder[KEY];
}

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
