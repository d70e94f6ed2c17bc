/**
 * Migrations of the stored document, run on load. Each entry turns version `from` into `from + 1`.
 * Add one whenever a change to schema.ts would make an existing file invalid, or stored data must
 * be repaired, and bump SCHEMA_VERSION; PostgreSQL gets the same change as a step of
 * pg-migrations.ts that also sets its `schemaVersion`. The original file is copied to
 * `<file>.v<from>.bak` before a migrated file is written.
 */
import { SCHEMA_VERSION } from "./schema";

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * The U+FFFD that React 18.3's zero bytes put into saved texts (docs/decisions/0017-response-
 * encoding.md): a page carried 1 to 3 zero bytes just before a character of 2 to 4 bytes that fell
 * on a 2 048-byte boundary, always fewer zeros than the character's bytes; a browser read each as
 * U+FFFD in a form field, and saving the form stored them there. So a run of exactly k U+FFFD
 * (1 ≤ k ≤ 3, not part of a longer run) directly followed by a character of more than k bytes
 * that is not U+FFFD itself is dropped; any other U+FFFD (text that was already damaged when it was
 * typed or pasted, a longer run, one before ASCII) is kept.
 */
const BOUNDARY_REPLACEMENTS =
  /(?<!\uFFFD)(?:\uFFFD(?=[\u0080-\uFFFC\uFFFE-\u{10FFFF}])|\uFFFD{2}(?=[\u0800-\uFFFC\uFFFE-\u{10FFFF}])|\uFFFD{3}(?=[\u{10000}-\u{10FFFF}]))/gu;

/** `value` with the boundary U+FFFD dropped from every string in it (object keys untouched). */
export function withoutBoundaryReplacements(value: unknown): unknown {
  if (typeof value === "string") return value.replace(BOUNDARY_REPLACEMENTS, "");
  if (Array.isArray(value)) return value.map(withoutBoundaryReplacements);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, withoutBoundaryReplacements(v)]),
    );
  return value;
}

export const migrations: Record<number, Migration> = {
  1: (doc) => withoutBoundaryReplacements(doc) as Record<string, unknown>,
};

export class MigrationError extends Error {}

export function migrate(doc: Record<string, unknown>): {
  doc: Record<string, unknown>;
  from: number;
} {
  const version = doc.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new MigrationError("schemaVersion: missing or not a positive integer");
  }
  if (version > SCHEMA_VERSION) {
    throw new MigrationError(
      `schemaVersion: the file is version ${version}, newer than this Maillage (version ${SCHEMA_VERSION}); upgrade Maillage`,
    );
  }
  let current = doc;
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new MigrationError(`schemaVersion: no migration from version ${v}`);
    current = { ...step(current), schemaVersion: v + 1 };
  }
  return { doc: current, from: version };
}
