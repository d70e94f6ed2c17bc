/**
 * Migrations of the stored document, run on load. Each entry turns version `from` into `from + 1`.
 * Add one whenever a change to schema.ts would make an existing file invalid, or stored data must
 * be repaired, and bump SCHEMA_VERSION. PostgreSQL runs the same steps on its records when it
 * starts (migrateData in pg-store.ts, driven by its stored `schemaVersion`). The original file is
 * copied to `<file>.v<from>.bak` before a migrated file is written.
 */
import { membershipsOfGroups } from "./seats";
import { needsByPriority } from "../data/plain-words";
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

type Rec = Record<string, unknown>;
const list = (doc: Rec, name: string) => (Array.isArray(doc[name]) ? (doc[name] as Rec[]) : []);

const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];

/** A sentence stored before reasons had codes, kept as written (core/data/reasons.ts). */
const legacyText = (fr: string, en: string) => ({
  code: "legacy-text",
  params: { fr: fr || en, en: en || fr },
});

/**
 * An explanation stored as sentences ({ fr: [...], en: [...] }, one line each): one "legacy-text"
 * reason per line, the French and English of the same line together. Already reasons: unchanged.
 */
function explanationAsReasons(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const { fr, en } = value as Rec;
  const frLines = strings(fr);
  const enLines = strings(en);
  return Array.from({ length: Math.max(frLines.length, enLines.length) }, (_, i) =>
    legacyText(frLines[i] ?? "", enLines[i] ?? ""),
  ).filter((r) => r.params.fr !== "");
}

export const migrations: Record<number, Migration> = {
  /** 1 → 2: the U+FFFD left by React's NUL bytes (BOUNDARY_REPLACEMENTS above). */
  1: (doc) => withoutBoundaryReplacements(doc) as Record<string, unknown>,
  /**
   * 2 → 3: seats in active groups (the memberships collection) and each group's source (the
   * proposal or solver group it was formed from), for the unique keys of unique-keys.ts.
   */
  2: (doc) => {
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
  /**
   * 3 → 4: explanations and reasons are codes with parameters, worded when shown (matching/
   * reasons.ts). Sentences written before stay readable as written: each becomes a "legacy-text"
   * reason holding its French and English; a person moved out by a coordinator gets the code.
   */
  3: (doc) => ({
    ...doc,
    groups: list(doc, "groups").map((g) =>
      g.explanation === undefined ? g : { ...g, explanation: explanationAsReasons(g.explanation) },
    ),
    solverRuns: list(doc, "solverRuns").map((run) => ({
      ...run,
      groups: Array.isArray(run.groups)
        ? (run.groups as Rec[]).map((g) => ({
            ...g,
            explanation: explanationAsReasons(g.explanation),
          }))
        : run.groups,
      unplaced: Array.isArray(run.unplaced)
        ? (run.unplaced as Rec[]).map(({ reason, reasonFr, ...rest }) => ({
            ...rest,
            reasons:
              rest.code === "moved"
                ? [{ code: "moved-out", params: {} }]
                : [
                    legacyText(
                      typeof reasonFr === "string" ? reasonFr : "",
                      typeof reason === "string" ? reason : "",
                    ),
                  ],
          }))
        : run.unplaced,
    })),
  }),
  /**
   * 4 → 5: a need has one notion of importance, its priority (ADR 0033). Profiles kept a hand-made
   * order beside it; each participant's and application's needs are sorted by priority, highest
   * first, keeping their order among needs of the same priority. Every need and every priority is
   * kept, so the matching (which never read the order) and its explanations are unchanged.
   */
  4: (doc) => ({
    ...doc,
    participants: list(doc, "participants").map(withNeedsByPriority),
    applications: list(doc, "applications").map(withNeedsByPriority),
  }),
};

/** A record whose `profile.needs` (when it has any) are sorted by priority (needsByPriority). */
function withNeedsByPriority(record: Rec): Rec {
  const profile = record.profile as Rec | undefined;
  if (!profile || !Array.isArray(profile.needs)) return record;
  const needs = (profile.needs as unknown[]).map((need) => ({
    need,
    priority: typeof (need as Rec)?.priority === "number" ? ((need as Rec).priority as number) : 0,
  }));
  const sorted = needsByPriority(needs).map(({ need }) => need);
  return { ...record, profile: { ...profile, needs: sorted } };
}

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
