/**
 * Who may share a group, or a speed-dating room: the one place for that rule. The solver's model
 * and its check of fixed groups (`encode.ts`), the round scheduler (`round-scheduler.ts`) and,
 * through them, the app's group checks all ask this module.
 *
 * Two participants may share a group unless
 *   - they are the same person;
 *   - the region rule keeps them apart: the same administrative region under "distinct-regions",
 *     the same MRC under "distinct-mrcs" (an MRC is compared with its region: MRC codes are only
 *     unique within a region); under "same-region-distinct-mrcs" (the pilot's proximity option)
 *     two different regions, or the same MRC: a group is then one region and three MRCs;
 *   - they belong to the same organization;
 *   - their organizations compete or have a conflict of interest: an organization declared by any
 *     member of the other one (the declaration applies to the whole organization, and a pair is
 *     kept apart whichever side declared it);
 *   - the coordination forbade the pair.
 *
 * Roles are not part of it: which roles make a group (one mentor·e and two mentees, or three peers)
 * is the solver's composition rule (`encode.ts`); a speed-dating room seats any roles together.
 */
import type { Participant } from "./schema";

export const REGION_RULES = [
  "distinct-regions",
  "distinct-mrcs",
  "same-region-distinct-mrcs",
] as const;
export type RegionRule = (typeof REGION_RULES)[number];

export function isRegionRule(value: unknown): value is RegionRule {
  return (REGION_RULES as readonly unknown[]).includes(value);
}

export type PairConflict =
  | "same-person"
  | "same-region"
  | "different-region"
  | "same-mrc"
  | "same-organization"
  | "competitors"
  | "forbidden";

export interface CompatibilityOptions {
  regionRule: RegionRule;
  /** Pairs the coordination keeps apart (ids; pairs naming someone not in the list are ignored). */
  forbid?: ReadonlyArray<readonly [string, string]>;
}

export interface Compatibility {
  /** Why participants i and j (indices in the list) may not share a group; empty when they may. */
  conflicts(i: number, j: number): PairConflict[];
  /** `conflicts(i, j)` is empty (integer comparisons only: called for every pair of an event). */
  compatible(i: number, j: number): boolean;
}

/** The rule for one list of participants (organizations, areas and forbids coded once). */
export function compatibility(
  participants: readonly Participant[],
  options: CompatibilityOptions,
): Compatibility {
  const { regionRule } = options;
  if (!isRegionRule(regionRule)) throw new RangeError(`unknown regionRule: ${String(regionRule)}`);
  const n = participants.length;
  const codes = new Map<string, number>();
  const code = (key: string) => {
    let c = codes.get(key);
    if (c === undefined) codes.set(key, (c = codes.size));
    return c;
  };
  const org = new Int32Array(n);
  /** The region, and the (region, MRC) pair: the areas the region rules compare. */
  const region = new Int32Array(n);
  const mrc = new Int32Array(n);
  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const p = participants[i]!;
    byId.set(p.id, i);
    org[i] = code(`o\u0000${p.organization}`);
    region[i] = code(`r\u0000${p.region}`);
    mrc[i] = code(`m\u0000${p.region}\u0000${p.mrc}`);
  }
  /** The region rule alone: may i and j sit together as far as their areas go? */
  const areasOk =
    regionRule === "distinct-regions"
      ? (i: number, j: number) => region[i] !== region[j]
      : regionRule === "distinct-mrcs"
        ? (i: number, j: number) => mrc[i] !== mrc[j]
        : (i: number, j: number) => region[i] === region[j] && mrc[i] !== mrc[j];
  // Competition between organizations, symmetric, whoever declared it.
  const rivals: Array<Set<number> | undefined> = [];
  for (const p of participants) {
    const own = org[byId.get(p.id)!]!;
    for (const c of p.competitors ?? []) {
      const other = codes.get(`o\u0000${c}`);
      if (other === undefined || other === own) continue;
      (rivals[own] ??= new Set()).add(other);
      (rivals[other] ??= new Set()).add(own);
    }
  }
  const forbidden = new Set<number>();
  for (const [a, b] of options.forbid ?? []) {
    const i = byId.get(a);
    const j = byId.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    forbidden.add(i < j ? i * n + j : j * n + i);
  }
  const isForbidden = (i: number, j: number) =>
    forbidden.size > 0 && forbidden.has(i < j ? i * n + j : j * n + i);
  const competing = (i: number, j: number) => rivals[org[i]!]?.has(org[j]!) === true;

  return {
    compatible(i, j) {
      return (
        i !== j && areasOk(i, j) && org[i] !== org[j] && !competing(i, j) && !isForbidden(i, j)
      );
    },
    conflicts(i, j) {
      if (i === j) return ["same-person"];
      const out: PairConflict[] = [];
      if (!areasOk(i, j)) {
        if (regionRule === "distinct-regions") out.push("same-region");
        else if (regionRule === "same-region-distinct-mrcs" && region[i] !== region[j])
          out.push("different-region");
        else out.push("same-mrc");
      }
      if (org[i] === org[j]) out.push("same-organization");
      else if (competing(i, j)) out.push("competitors");
      if (isForbidden(i, j)) out.push("forbidden");
      return out;
    },
  };
}

/**
 * A competitor declared by any member of an organization applies to the whole organization (see
 * above). For a subset of the participants (a region, a regrouping's selection): each person with
 * every declaration of their organization, so that declarations by people left out still count.
 */
export function withOrganizationDeclarations(
  all: readonly Participant[],
): (p: Participant) => Participant {
  const declared = new Map<string, Set<string>>();
  for (const p of all) {
    const set = declared.get(p.organization) ?? new Set<string>();
    for (const c of p.competitors ?? []) set.add(c);
    declared.set(p.organization, set);
  }
  return (p) => {
    const competitors = [...(declared.get(p.organization) ?? [])].sort();
    return competitors.length ? { ...p, competitors } : p;
  };
}
