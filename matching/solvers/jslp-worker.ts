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
}

export interface JsLpResponse {
  id: number;
  feasible: boolean;
  chosen: number[];
  error?: string;
}

function solve(req: JsLpRequest): JsLpResponse {
  const constraints: Record<string, { max?: number; min?: number }> = {};
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
