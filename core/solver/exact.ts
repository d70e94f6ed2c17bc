/**
 * The exact solver of small models (the formation page's local re-optimization,
 * core/models/formation-local.server.ts): javascript-lp-solver in a worker thread that is kept
 * between requests and terminated at a solve's time limit. The server makes it with the worker
 * file of its own build (the bundled `jslp-worker.js` in production); tests and CLIs under tsx use
 * the TypeScript source. See docs/decisions/0022-local-reoptimization.md.
 */
import { JsLpSolver } from "../../matching/solvers/jslp";
import type { PackingSolver } from "../../matching/solvers/types";

export type ExactSolver = PackingSolver & { close(): Promise<void> };

export function exactSolver(workerUrl?: URL): ExactSolver {
  return new JsLpSolver(workerUrl ? { workerUrl } : {});
}
