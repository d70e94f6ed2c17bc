/**
 * Migrations of the stored document, run on load. Each entry turns version `from` into `from + 1`.
 * Add one whenever a change to schema.ts would make an existing file invalid, and bump
 * SCHEMA_VERSION. The original file is copied to `<file>.v<from>.bak` before a migrated file is written.
 */
import { SCHEMA_VERSION } from "./schema";

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export const migrations: Record<number, Migration> = {
  // 1 → 2 will go here.
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
