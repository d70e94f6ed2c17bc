/**
 * Values derived from the whole store (a program's report, its pair scores), kept while the store
 * has not changed. Only used when the store can tell (lowdb counts its commits; PostgreSQL, shared
 * by several processes, cannot, and is read each time). Any write makes the next read rebuild.
 */
import { getStore } from "../store";

const MAX_ENTRIES = 256;
const entries = new Map<string, { revision: number; value: unknown }>();

export function whileUnchanged<V>(key: string, build: () => V): V {
  const revision = getStore().revision();
  if (revision === undefined) return build();
  const hit = entries.get(key);
  if (hit && hit.revision === revision) return hit.value as V;
  const value = build();
  entries.delete(key);
  entries.set(key, { revision, value });
  // The oldest entry goes first (a Map keeps insertion order).
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  if (value instanceof Promise) {
    // A failed build is not kept: the next read tries again.
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
  }
  return value;
}
