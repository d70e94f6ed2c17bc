/**
 * Starts the production server on 127.0.0.1 and a random port, with a temporary data dir. Every
 * server a test process starts is killed when that process exits, whatever happened to the test
 * (a timed-out test, a hook that threw): no server outlives the test run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SERVER_BUNDLE = join(ROOT, "build/node/index.js");

export interface TestServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM, then waits for the exit code. */
  stop: () => Promise<number | null>;
}

/** Servers started by this process and not exited yet. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Tracks a child until it exits; kills whatever is left when this process exits. */
function track(child: ChildProcess) {
  running.add(child);
  child.once("exit", () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Synchronous on purpose: an "exit" handler cannot wait.
    process.once("exit", () => {
      for (const left of running) left.kill("SIGKILL");
    });
  }
}

/** How long stop() waits after SIGTERM before SIGKILL (the server forces its own exit at 10 s). */
const STOP_GRACE_MS = 15_000;
/**
 * How long a server may take to say it is ready (or, expected to refuse, to exit): a second or two
 * on a quiet machine, but the shared CI machine has been seen past 20 s under load. Start-up time
 * is not what these tests check (timing goals live in the benchmarks); the hooks allow 120 s.
 */
const START_LIMIT_MS = 60_000;

export async function makeTempDir(prefix = "maillage-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function startServer(
  options: {
    dataDir?: string;
    env?: Record<string, string>;
    /** Aborting kills a server still starting (the promise rejects); a started one stays. */
    signal?: AbortSignal;
  } = {},
): Promise<TestServer> {
  options.signal?.throwIfAborted();
  const dataDir = options.dataDir ?? (await makeTempDir());
  options.signal?.throwIfAborted();
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);
  const onAbort = () => child.kill("SIGKILL");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Never leave a half-started server behind a failed test.
      child.kill("SIGKILL");
      reject(new Error(`server did not start:\n${output}`));
    }, START_LIMIT_MS);
    const check = () => {
      const match = /ready: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code ?? child.signalCode}:\n${output}`));
    });
  });

  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const kill = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        void exited.then(() => clearTimeout(kill));
      }
      return exited;
    },
  };
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function runServerExpectingExit(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), START_LIMIT_MS);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

export async function removeDir(dir: string) {
  await rm(dir, { recursive: true, force: true });
}
