/**
 * Runs the solver in a worker thread. The server registers the runner at start-up with the worker
 * file of its own build (TypeScript through tsx in development, the bundled file in production);
 * models reach it through getSolverRunner().
 */
import { Worker } from "node:worker_threads";
import type { InstanceInput } from "../../matching/schema";
import type { MatchResult } from "../../matching/solve";

export interface SolverProgress {
  phase: string;
  fraction: number;
}

export interface SolverJob {
  result: Promise<MatchResult>;
  cancel: () => void;
}

export type SolverRunner = (
  instance: InstanceInput,
  options: { timeLimitMs: number; onProgress: (p: SolverProgress) => void },
) => SolverJob;

export class SolverCancelledError extends Error {
  constructor() {
    super("cancelled");
  }
}

export function workerRunner(workerUrl: URL): SolverRunner {
  const typescript = workerUrl.pathname.endsWith(".ts");
  return (instance, { timeLimitMs, onProgress }) => {
    const worker = new Worker(workerUrl, typescript ? { execArgv: ["--import", "tsx"] } : {});
    let cancelled = false;
    const result = new Promise<MatchResult>((resolve, reject) => {
      worker.on(
        "message",
        (message: {
          type: string;
          progress?: { phase?: string; fraction?: number };
          result?: MatchResult;
          message?: string;
        }) => {
          if (message.type === "progress" && message.progress) {
            onProgress({
              phase: String(message.progress.phase ?? "solve"),
              fraction: Math.max(0, Math.min(1, Number(message.progress.fraction ?? 0))),
            });
          } else if (message.type === "result" && message.result) {
            resolve(message.result);
            void worker.terminate();
          } else if (message.type === "error") {
            reject(new Error(message.message ?? "solver failed"));
            void worker.terminate();
          }
        },
      );
      worker.on("error", reject);
      worker.on("exit", () => {
        if (cancelled) reject(new SolverCancelledError());
      });
    });
    worker.postMessage({ instance, timeLimitMs });
    return {
      result,
      cancel: () => {
        cancelled = true;
        void worker.terminate();
      },
    };
  };
}

const KEY = Symbol.for("maillage.solver-runner");
type Holder = { [KEY]?: SolverRunner };

export function registerSolverRunner(runner: SolverRunner) {
  (globalThis as Holder)[KEY] = runner;
}

export function getSolverRunner(): SolverRunner {
  const runner = (globalThis as Holder)[KEY];
  if (!runner)
    throw new Error("No solver runner registered (the server registers it at start-up).");
  return runner;
}

/** Live notifications from models to Socket.IO (solver progress), without models knowing Socket.IO. */
type Listener = (programId: string, payload: Record<string, unknown>) => void;
const BUS = Symbol.for("maillage.solver-bus");
type BusHolder = { [BUS]?: Set<Listener> };

export function onSolverUpdate(listener: Listener) {
  const holder = globalThis as BusHolder;
  (holder[BUS] ??= new Set()).add(listener);
}

export function emitSolverUpdate(programId: string, payload: Record<string, unknown>) {
  for (const listener of (globalThis as BusHolder)[BUS] ?? []) listener(programId, payload);
}
