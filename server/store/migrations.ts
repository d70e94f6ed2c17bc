/**
 * Migrations of the stored document, run on load. Each entry turns version `from` into `from + 1`.
 * Add one whenever a change to schema.ts would make an existing file invalid, and bump
 * SCHEMA_VERSION. The original file is copied to `<file>.v<from>.bak` before a migrated file is written.
 */
import { membershipsOfGroups } from "../../app/models/membership";
import { SCHEMA_VERSION } from "./schema";

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

type Rec = Record<string, unknown>;
const list = (doc: Rec, name: string) => (Array.isArray(doc[name]) ? (doc[name] as Rec[]) : []);

export const migrations: Record<number, Migration> = {
  /**
   * 1 → 2: seats in active groups (the memberships collection) and each group's source (the
   * proposal or solver group it was formed from), for the unique keys of unique-keys.ts.
   */
  1: (doc) => {
    const now = new Date().toISOString();
    const groups = list(doc, "groups");
    const sources = new Map<string, string>();
    for (const proposal of list(doc, "groupProposals")) {
      if (typeof proposal.groupId === "string")
        sources.set(proposal.groupId, `proposal:${String(proposal.id)}`);
    }
    for (const run of list(doc, "solverRuns")) {
      for (const proposed of Array.isArray(run.groups) ? (run.groups as Rec[]) : []) {
        if (typeof proposed.groupId === "string")
          sources.set(proposed.groupId, `run:${String(run.id)}:${String(proposed.id)}`);
      }
    }
    const memberships = membershipsOfGroups(
      groups as unknown as Parameters<typeof membershipsOfGroups>[0],
      now,
    );
    return {
      ...doc,
      groups: groups.map((g) => {
        const sourceKey = sources.get(String(g.id));
        return sourceKey && g.sourceKey === undefined ? { ...g, sourceKey } : g;
      }),
      memberships,
      submissions: [],
    };
  },
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
