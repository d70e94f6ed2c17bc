/**
 * Decomposition by region. Under the proximity rule ("same-region-distinct-mrcs") two people of
 * different regions never share a group: the program is one independent problem per region. Each
 * region is solved on its own (a share of the time in proportion to its people) and the results
 * are put together: groups and unplaced people side by side, objectives and bounds added up. The
 * sum of the regions' bounds is a proven bound of the whole: a solution with as many groups as
 * the sum has each region's bound count, hence at most each region's bound score.
 *
 * Not used when a pin or a fixed group spans two regions (the whole problem then explains it). A
 * competitor declared by anyone in an organization applies to the whole organization
 * (./compatibility.ts): each person carries their organization's declarations into their region.
 */
import { withOrganizationDeclarations } from "./compatibility";
import { tidy } from "./encode";
import type { Instance } from "./schema";
import type { FixedGroupViolation, MatchResult, SolveOptions } from "./solve";

/** (groups, score) a is lexicographically above b. */
function better(
  a: { groups: number; score: number },
  b: { groups: number; score: number },
): boolean {
  return a.groups > b.groups || (a.groups === b.groups && a.score > b.score + 1e-9);
}

/** One instance per region with the original position of each of its fixed groups, or null. */
export function splitByRegion(
  instance: Instance,
): { part: Instance; fixedIndex: number[] }[] | null {
  if (instance.policy.regionRule !== "same-region-distinct-mrcs") return null;
  const regionOf = new Map(instance.participants.map((p) => [p.id, p.region]));
  const regions = [...new Set(instance.participants.map((p) => p.region))].sort();
  if (regions.length < 2) return null;
  const within = (ids: readonly string[]) => new Set(ids.map((id) => regionOf.get(id))).size === 1;
  if (!(instance.pins ?? []).every(within)) return null;
  if (!(instance.fixedGroups ?? []).every(within)) return null;
  const withOrganization = withOrganizationDeclarations(instance.participants);
  return regions.map((region) => {
    const here = (id: string) => regionOf.get(id) === region;
    const fixedIndex: number[] = [];
    const fixedGroups: [string, string, string][] = [];
    (instance.fixedGroups ?? []).forEach((g, i) => {
      if (!here(g[0])) return;
      fixedIndex.push(i);
      fixedGroups.push(g);
    });
    const part: Instance = {
      ...instance,
      participants: instance.participants.filter((p) => here(p.id)).map(withOrganization),
      pins: instance.pins?.filter(([a]) => here(a)),
      forbid: instance.forbid?.filter(([a, b]) => here(a) && here(b)),
      pairScores: instance.pairScores?.filter((s) => here(s.a) && here(s.b)),
      ratings: instance.ratings?.filter((r) => here(r.from) && here(r.to)),
      fixedGroups: instance.fixedGroups ? fixedGroups : undefined,
    };
    return { part, fixedIndex };
  });
}

/** Solves each region in turn and puts the results together (see the module's comment). */
export async function solveByRegion(
  parts: { part: Instance; fixedIndex: number[] }[],
  solve: (instance: Instance, options: SolveOptions) => Promise<MatchResult>,
  options: SolveOptions,
  timeLimitMs: number,
): Promise<MatchResult> {
  const t0 = performance.now();
  const total = parts.reduce((n, p) => n + p.part.participants.length, 0);
  const results: MatchResult[] = [];
  /** The time each region was given last. */
  const resolvedMs: number[] = [];
  let secondPasses = 0;
  let secondMs = 0;
  let done = 0;
  for (const { part } of parts) {
    const size = part.participants.length;
    const remaining = total - done;
    const left = timeLimitMs - (performance.now() - t0);
    const share = Math.max(50, (left * size) / Math.max(1, remaining));
    const base = done;
    resolvedMs.push(share);
    results.push(
      await solve(part, {
        ...options,
        timeLimitMs: share,
        onProgress:
          options.onProgress &&
          ((p) =>
            options.onProgress!({
              ...p,
              phase: p.phase === "done" && base + size < total ? "region" : p.phase,
              fraction: (base + p.fraction * size) / Math.max(1, total),
            })),
      }),
    );
    done += size;
  }
  // Regions often end well before their share (proven, or their phases' own time caps): the time
  // left goes to the regions still open, widest gap in groups first, each solved again with a
  // larger budget. The better solution is kept and the smaller of the two proven bounds.
  const open = () =>
    results
      .map((r, k) => ({ k, r }))
      .filter(({ r }) => r.status === "feasible" && better(r.bound, r.objective))
      .sort(
        (u, v) =>
          v.r.bound.groups - v.r.objective.groups - (u.r.bound.groups - u.r.objective.groups) ||
          v.r.bound.score - v.r.objective.score - (u.r.bound.score - u.r.objective.score) ||
          u.k - v.k,
      );
  for (let again = open(); again.length > 0;) {
    const left = timeLimitMs - (performance.now() - t0);
    const people = again.reduce((n, { k }) => n + parts[k]!.part.participants.length, 0);
    const { k } = again[0]!;
    const size = parts[k]!.part.participants.length;
    const share = (left * size) / people;
    // Not worth a new start below a second (or below what its first pass had).
    if (share < Math.max(1000, resolvedMs[k]!)) break;
    const t = performance.now();
    const second = await solve(parts[k]!.part, { ...options, timeLimitMs: share });
    resolvedMs[k] = Math.max(resolvedMs[k]!, share);
    const first = results[k]!;
    const best = better(second.objective, first.objective) ? second : first;
    const bound = better(first.bound, second.bound) ? second.bound : first.bound;
    results[k] = {
      ...best,
      bound,
      status: best.status === "optimal" || !better(bound, best.objective) ? "optimal" : "feasible",
      timeMs: best.timeMs,
    };
    secondPasses++;
    secondMs += performance.now() - t;
    again = open().filter(({ k: j }) => j !== k || results[j]!.status === "feasible");
    if (again.length > 0 && again[0]!.k === k && share >= 0.9 * left) break;
  }
  const timeMs = Math.round(performance.now() - t0);
  const violations: FixedGroupViolation[] = results.flatMap((r, k) =>
    (r.violations ?? []).map((v) => ({ ...v, index: parts[k]!.fixedIndex[v.index]! })),
  );
  if (results.some((r) => r.status === "infeasible")) {
    return {
      status: "infeasible",
      groups: [],
      unplaced: [],
      objective: { groups: 0, score: 0 },
      bound: { groups: 0, score: 0 },
      timeMs,
      violations: violations.sort((a, b) => a.index - b.index),
    };
  }
  const key = (members: readonly string[]) => members.join("\u0000");
  const groups = results
    .flatMap((r) => r.groups)
    .sort((g, h) => {
      const fg = g.explanation.fixed ? 0 : 1;
      const fh = h.explanation.fixed ? 0 : 1;
      if (fg !== fh) return fg - fh;
      return key(g.members) < key(h.members) ? -1 : key(g.members) > key(h.members) ? 1 : 0;
    });
  const unplaced = results
    .flatMap((r) => r.unplaced)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sum = (pick: (r: MatchResult) => number) => tidy(results.reduce((s, r) => s + pick(r), 0));
  const stats: Record<string, number> = {
    regions: results.length,
    regionResolves: secondPasses,
    msRegionResolves: Math.round(secondMs),
  };
  for (const r of results)
    for (const [k, v] of Object.entries(r.diagnostics?.stats ?? {})) stats[k] = (stats[k] ?? 0) + v;
  return {
    status: results.every((r) => r.status === "optimal") ? "optimal" : "feasible",
    groups,
    unplaced,
    objective: { groups: groups.length, score: sum((r) => r.objective.score) },
    bound: { groups: sum((r) => r.bound.groups), score: sum((r) => r.bound.score) },
    timeMs,
    diagnostics: {
      candidateTriads: Math.max(0, ...results.map((r) => r.diagnostics?.candidateTriads ?? 0)),
      stats,
    },
  };
}
