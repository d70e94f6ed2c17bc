/**
 * Worker entry for javascript-lp-solver. Runs one set-packing model per message. The parent
 * enforces the time limit by terminating this thread (the library's own timeout does not cover
 * its first LP solve), so a result that arrives is a completed solve.
 */
import { parentPort } from "node:worker_threads";
import solver from "javascript-lp-solver";

export interface JsLpRequest {
  id: number;
  n: number;
  cap: number[];
  triads: number[];
  values: number[];
  /** usage(i) ≤ k × usage(j) (pins, see ../encode.ts). */
  links: { i: number; j: number; k: number }[];
  /** Persons placed at least once. */
  forced: number[];
  /** Optional Σx ≤ maxGroups and Σx ≥ minGroups (the packing problem's own options). */
  maxGroups?: number;
  minGroups?: number;
  /** Optional Σ coefs[t]·x[t] ≥ lower (the packing problem's `extraRow`). */
  extraRow?: { coefs: number[]; lower: number };
}

export interface JsLpResponse {
  id: number;
  feasible: boolean;
  chosen: number[];
  error?: string;
}

function solve(req: JsLpRequest): JsLpResponse {
  const constraints: Record<string, { max?: number; min?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const binaries: Record<string, 1> = {};
  const count = req.values.length;
  const used = new Set<number>();
  for (let t = 0; t < count; t++) {
    const name = `t${t}`;
    const v: Record<string, number> = { value: req.values[t]! };
    for (let k = 0; k < 3; k++) {
      const p = req.triads[3 * t + k]!;
      v[`p${p}`] = 1;
      used.add(p);
    }
    req.links.forEach((l, k) => {
      const coef = (v[`p${l.i}`] ? 1 : 0) - (v[`p${l.j}`] ? l.k : 0);
      if (coef !== 0) v[`l${k}`] = coef;
    });
    variables[name] = v;
    binaries[name] = 1;
  }
  for (const p of used) constraints[`p${p}`] = { max: req.cap[p]! };
  req.links.forEach((_, k) => (constraints[`l${k}`] = { max: 0 }));
  for (const p of req.forced) constraints[`p${p}`] = { ...constraints[`p${p}`], min: 1 };
  // A valid cut: every triad takes three seats, so there are at most ⌊seats / 3⌋ groups. Without
  // it the relaxation spreads fractional groups over everyone, and the branch and bound of a
  // 13-person model with many equal scores took 22 s instead of 0.1 s.
  let seats = 0;
  for (const p of used) seats += req.cap[p]!;
  for (const name of Object.keys(variables)) variables[name]!.groups = 1;
  const max = Math.min(Math.floor(seats / 3), req.maxGroups ?? Infinity);
  if (req.extraRow) {
    for (let t = 0; t < count; t++) variables[`t${t}`]!.extra = req.extraRow.coefs[t]!;
    constraints.extra = { min: req.extraRow.lower };
  }
  constraints.groups =
    req.minGroups === undefined
      ? { max }
      : req.minGroups === max
        ? { equal: max }
        : { min: req.minGroups, max };
  const result = solver.Solve({
    optimize: "value",
    opType: "max",
    constraints,
    variables,
    binaries,
  }) as Record<string, number | boolean | undefined>;
  const chosen: number[] = [];
  for (let t = 0; t < count; t++) {
    const x = result[`t${t}`];
    if (typeof x === "number" && x > 0.5) chosen.push(t);
  }
  return { id: req.id, feasible: result.feasible === true, chosen };
}

parentPort?.on("message", (req: JsLpRequest) => {
  try {
    parentPort!.postMessage(solve(req));
  } catch (e) {
    parentPort!.postMessage({ id: req.id, feasible: false, chosen: [], error: String(e) });
  }
});
