/**
 * Services for model-level tests (core/services/index.ts), as the server builds them: on a temporary data
 * dir (lowdb) or on a PostgreSQL database, seeded with the demo data, an empty document or a given
 * one, with a solver that runs in this process.
 */
import { solveMatching } from "../../matching/solve";
import {
  closeServices,
  createServices,
  type Clock,
  type CoreConfig,
  type Services,
} from "../../core/services";
import { SolverCancelledError, type SolverRunner } from "../../core/solver/runner";
import { emptyDocument } from "../../core/store/schema";
import { demoDocument } from "../../server/seeds/demo";
import { makeTempDir, removeDir } from "./server";

/** The solver in this process (no worker thread); cancelling aborts it. */
export const inProcessSolver: SolverRunner = (instance, { timeLimitMs }) => {
  const abort = new AbortController();
  const result = Promise.resolve()
    .then(() => solveMatching(instance, { timeLimitMs, signal: abort.signal }))
    .catch((error: unknown) => {
      throw abort.signal.aborted ? new SolverCancelledError() : error;
    });
  return { result, cancel: () => abort.abort() };
};

export interface TestServicesOptions {
  /** The first document: the demo data (default), an empty store, or one built by the test. */
  seed?: "demo" | "empty" | (() => unknown);
  /** PostgreSQL instead of lowdb (the chat, audit trail and rate limits go there too). */
  databaseUrl?: string;
  solver?: SolverRunner;
  clock?: Clock;
  config?: Partial<Omit<CoreConfig, "dataDir" | "databaseUrl">>;
}

export interface TestServices extends Services {
  /** The temporary data dir (logs, uploads; the lowdb file). */
  dataDir: string;
  /** Closes the services and removes the data dir. */
  close(): Promise<void>;
}

export async function testServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const dataDir = await makeTempDir("maillage-services-");
  const seed =
    options.seed === "empty"
      ? () => emptyDocument()
      : typeof options.seed === "function"
        ? options.seed
        : () => demoDocument();
  try {
    const s = await createServices(
      {
        dataDir,
        databaseUrl: options.databaseUrl,
        coordinatorEmails: [],
        sessionSecret: "tests-session-secret-".padEnd(40, "x"),
        secureCookies: false,
        ...options.config,
      },
      {
        seed,
        solver: options.solver ?? inProcessSolver,
        clock: options.clock,
      },
    );
    return {
      ...s,
      dataDir,
      close: async () => {
        await closeServices(s);
        await removeDir(dataDir);
      },
    };
  } catch (error) {
    await removeDir(dataDir);
    throw error;
  }
}
