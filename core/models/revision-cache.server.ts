/**
 * Values derived from the whole store (a program's report, its pair scores), kept while the store
 * has not changed. Only used when the store can tell (lowdb counts its commits; PostgreSQL, shared
 * by several processes, cannot, and is read each time). Any write makes the next read rebuild.
 * One cache per store (tests open several in one process).
 */
import type { Services } from "../services";
import type { Store } from "../store";

const MAX_ENTRIES = 256;
const caches = new WeakMap<Store, Map<string, { revision: number; value: unknown }>>();

export function whileUnchanged<V>(s: Services, key: string, build: () => V): V {
  const revision = s.store.revision();
  if (revision === undefined) return build();
  let entries = caches.get(s.store);
  if (!entries) caches.set(s.store, (entries = new Map()));
  const hit = entries.get(key);
  if (hit && hit.revision === revision) return hit.value as V;
  const value = build();
  entries.delete(key);
  entries.set(key, { revision, value });
  // The oldest entry goes first (a Map keeps insertion order).
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  if (value instanceof Promise) {
    // A failed build is not kept: the next read tries again.
    const kept = entries;
    value.catch(() => {
      if (kept.get(key)?.value === value) kept.delete(key);
    });
  }
  return value;
}
