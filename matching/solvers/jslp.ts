/**
 * javascript-lp-solver behind the solver interface, always in a worker thread that is
 * terminated at the time limit. Only for small models (it is exact and fast there; on large
 * models it is slow and can return wrong answers without flagging them): larger problems are
 * refused. Results are checked (capacities, pin links, forced persons) before being returned.
 */
import { Worker } from "node:worker_threads";
import type { JsLpRequest, JsLpResponse } from "./jslp-worker";
import type { PackingProblem, PackingResult, PackingSolver } from "./types";

/**
 * Worker entry used under tsx/vitest (the TypeScript source next to this file). Production
 * bundles pass their own `workerUrl`. A function, so that merely importing this module in a
 * bundle never resolves a path that does not exist there.
 */
export function defaultJsLpWorkerUrl(): URL {
  return new URL("./jslp-worker.ts", import.meta.url);
}

export interface JsLpSolverOptions {
  /**
   * Worker entry. Default: the TypeScript source next to this file, loaded through tsx
   * (development, tests). A production bundle passes its bundled `jslp-worker.js` instead.
   */
  workerUrl?: URL | string;
  /** Extra Node options for the worker thread. */
  execArgv?: string[];
  /** Largest model accepted (triads). */
  maxTriads?: number;
}

export class JsLpSolver implements PackingSolver {
  readonly name = "javascript-lp-solver";
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly url: URL | string;
  private readonly execArgv: string[];
  readonly maxTriads: number;
  private readonly viaTsx: boolean;

  constructor(options: JsLpSolverOptions = {}) {
    this.url = options.workerUrl ?? defaultJsLpWorkerUrl();
    const href = typeof this.url === "string" ? this.url : this.url.href;
    this.execArgv = options.execArgv ?? [];
    this.viaTsx = href.endsWith(".ts");
    this.maxTriads = options.maxTriads ?? 1500;
  }

  private spawn(): Worker {
    if (!this.worker) {
      if (this.viaTsx) {
        // A .ts entry: register tsx's loader inside the thread, then import the source.
        const href = typeof this.url === "string" ? this.url : this.url.href;
        const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(href)}); });`;
        this.worker = new Worker(boot, { eval: true, execArgv: this.execArgv });
      } else {
        this.worker = new Worker(this.url, { execArgv: this.execArgv });
      }
      this.worker.unref();
    }
    return this.worker;
  }

  async solve(problem: PackingProblem): Promise<PackingResult> {
    const count = problem.values.length;
    if (count === 0) return { status: "optimal", chosen: [], objective: 0, bound: 0 };
    if (count > this.maxTriads) {
      throw new Error(
        `javascript-lp-solver: ${count} triads is above its safe size (${this.maxTriads})`,
      );
    }
    const worker = this.spawn();
    const id = this.nextId++;
    const req: JsLpRequest = {
      id,
      n: problem.n,
      cap: Array.from(problem.cap),
      triads: Array.from(problem.triads),
      values: Array.from(problem.values),
      links: (problem.links ?? []).map((l) => ({ ...l })),
      forced: Array.from(problem.forced ?? []),
      maxGroups: problem.maxGroups,
      minGroups: problem.minGroups,
      extraRow: problem.extraRow && {
        coefs: Array.from(problem.extraRow.coefs),
        lower: problem.extraRow.lower,
      },
    };
    const res = await new Promise<JsLpResponse | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.terminate();
        resolve(null);
      }, problem.timeLimitMs);
      const onMessage = (msg: JsLpResponse) => {
        if (msg.id !== id) return;
        cleanup();
        resolve(msg);
      };
      const onError = (err: Error) => {
        cleanup();
        this.worker = null;
        reject(err);
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage(req);
    });
    if (!res || !res.feasible || res.error) {
      return { status: "unknown", chosen: [], objective: 0, bound: Infinity };
    }
    // Check capacities: never trust an unchecked answer.
    const load = new Int32Array(problem.n);
    let objective = 0;
    for (const t of res.chosen) {
      for (let k = 0; k < 3; k++) load[problem.triads[3 * t + k]!]! += 1;
      objective += problem.values[t]!;
    }
    const broken =
      Array.from({ length: problem.n }, (_, i) => load[i]! > problem.cap[i]!).some(Boolean) ||
      (problem.links ?? []).some((l) => load[l.i]! > l.k * load[l.j]!) ||
      (problem.forced ?? []).some((i) => load[i]! < 1);
    if (broken) return { status: "unknown", chosen: [], objective: 0, bound: Infinity };
    const chosen = [...res.chosen].sort((a, b) => a - b);
    return { status: "optimal", chosen, objective, bound: objective };
  }

  async terminate(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  close(): Promise<void> {
    return this.terminate();
  }
}
