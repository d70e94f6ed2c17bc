/**
 * The group solver, off the request path: one worker thread per run, terminated to cancel.
 * Messages in: { instance, timeLimitMs }. Out: { type: "progress", progress } … then
 * { type: "result", result } or { type: "error", message }.
 */
import { parentPort } from "node:worker_threads";
import { solveMatching } from "../../matching/solve";
import type { InstanceInput } from "../../matching/schema";

parentPort?.once("message", (message: { instance: InstanceInput; timeLimitMs: number }) => {
  let last = 0;
  solveMatching(message.instance, {
    timeLimitMs: message.timeLimitMs,
    onProgress: (progress) => {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      parentPort?.postMessage({ type: "progress", progress });
    },
  }).then(
    (result) => parentPort?.postMessage({ type: "result", result }),
    (error: unknown) =>
      parentPort?.postMessage({ type: "error", message: (error as Error).message }),
  );
});
