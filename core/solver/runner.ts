/**
 * Runs the solver in a worker thread. The server makes the runner at start-up with the worker file
 * of its own build (TypeScript through tsx in development, the bundled file in production) and
 * hands it to createServices; models reach it as `s.solver.run` (core/services.ts).
 */
import { Worker } from "node:worker_threads";
import type { InstanceInput } from "../../matching/schema";
import type { MatchResult } from "../../matching/solve";
import { DomainError } from "../errors";

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

export class SolverCancelledError extends DomainError {
  constructor() {
    super({
      name: "SolverCancelledError",
      code: "solver-cancelled",
      messageKey: "formation.cancelled",
      status: 409,
    });
  }
}

/**
 * Whether a solve ended because it was cancelled. By name, not `instanceof`: the runner comes from
 * the server bundle and the model that reads its result may be the Remix build's copy
 * (docs/decisions/0018-services.md).
 */
export function isSolverCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === "SolverCancelledError";
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
