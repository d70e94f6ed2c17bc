/**
 * The services of one process: the store and the logs beside it, the mailer, the clock, the solver,
 * the rate limits and the in-process buses. The server entry builds them once with createServices
 * (CLIs and tests build their own) and hands them to everything that needs them: every model
 * function takes them as its first argument (`s`), routes find them in their load context
 * (app/context/index.ts), socket handlers in their constructors. No module keeps a service, on
 * `globalThis` or elsewhere (docs/decisions/0018-services.md): the Remix build and the server bundle
 * each carry a copy of this code, and these are the instances both copies use.
 */
import { Bus } from "../bus";
import { importLegacyOutbox, Mailer, type SmtpSettings } from "../mail";
import { RateLimits } from "../security/rate-limits";
import type { SolverJob, SolverProgress, SolverRunner } from "../solver/runner";
import { exactSolver, type ExactSolver } from "../solver/exact";
import { closeStore, openStore, type AuditTrail, type ChatLog, type UploadDir } from "../store";
import type { Store } from "../store/types";

/** What the core reads of the configuration, parsed once by server/config.ts (or a CLI, a test). */
export interface CoreConfig {
  /** The lowdb file, the chat and audit logs, uploads and the outbox live here. */
  dataDir: string;
  /** PostgreSQL instead of the lowdb file (records, chat, audit trail and rate limits). */
  databaseUrl?: string;
  /** The public address for links in e-mails and pages (PUBLIC_URL); see SiteAddress. */
  publicUrl?: string;
  /** Addresses whose sign-up makes a coordinator account (as written; compared normalized). */
  coordinatorEmails: readonly string[];
  /**
   * Administrators' addresses (MAILLAGE_ADMIN_EMAILS, compared normalized at each request): they
   * grant and revoke the coordinator role in the app (core/models/roles.server.ts).
   */
  adminEmails?: readonly string[];
  /** Signs the session cookie. */
  sessionSecret: string;
  /** The session cookie is sent over HTTPS only (a PUBLIC_URL in https). */
  secureCookies: boolean;
  /** SMTP delivery; without it, e-mails are kept in the outbox (shown in the app, not sent). */
  smtp?: SmtpSettings;
  /** The person in charge of personal information, on the privacy page (the demo's by default). */
  privacyOfficer?: { title: string; contact: string };
}

/** The time models write and compare with (records' dates, expiries, due reminders). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The address of links the app gives out (e-mails, invitation and form links, calendar feeds):
 * PUBLIC_URL, else the server's own address once it listens (its port may be chosen by the
 * system). Never a request's Host header, which a client controls.
 */
export class SiteAddress {
  private listening?: string;

  constructor(private readonly configured: string | undefined) {}

  /** Called once, when the HTTP server listens. */
  listen(url: string) {
    if (this.listening) throw new Error(`The server already listens on ${this.listening}`);
    this.listening = url;
  }

  url(): string {
    return this.configured ?? this.listening ?? "http://127.0.0.1:3000";
  }
}

/** A message about a solver run to the coordinators watching it (progress, done). */
export interface SolverUpdate {
  runId: string;
  progress?: SolverProgress;
  done?: boolean;
}

/** Which live connections close: those of the sessions, or all of the person's. */
export interface SessionsEnded {
  userId: string;
  sessionIds?: string[];
}

export interface Services {
  config: CoreConfig;
  store: Store;
  chat: ChatLog;
  audit: AuditTrail;
  uploads: UploadDir;
  mail: Mailer;
  clock: Clock;
  site: SiteAddress;
  solver: {
    /** Runs one solve (a worker thread in the server; in-process in tests). */
    run: SolverRunner;
    /** The solves running in this process, by run id (to cancel them, to tell a lost run). */
    jobs: Map<string, SolverJob>;
    /** Progress and ends of runs, for the sockets watching them. */
    updates: Bus<[programId: string, update: SolverUpdate]>;
    /** Small exact models (a local re-optimization): javascript-lp-solver in a worker thread. */
    exact: ExactSolver;
  };
  /**
   * Sessions ended (a sign-out, a new password, an erased account): their live connections close,
   * those of `sessionIds` only, or all of the person's when absent.
   */
  signOuts: Bus<[ended: SessionsEnded]>;
  /**
   * A speed-dating event's settings changed (its page's edit form, committed): the live engine
   * reads the new revision and pushes it to the people connected, in every process.
   */
  eventSettings: Bus<[eventId: string, revision: number]>;
  /**
   * Accounts erased (committed), with the events of their programs: the live engine of every
   * process forgets what it holds of those people (their names in rooms, ratings and consoles)
   * and pushes the views again.
   */
  erasures: Bus<[eventIds: readonly string[]]>;
  limits: RateLimits;
}

export interface ServiceOptions {
  /** The first document of an empty store: the demo data or an empty document (server/seeds). */
  seed: () => Promise<unknown> | unknown;
  solver: SolverRunner;
  /** The small models' solver; by default with the worker's TypeScript source (tsx, tests). */
  exactSolver?: ExactSolver;
  clock?: Clock;
}

/** Opens the store (migrating or seeding it), the logs and the outbox; builds the rest. */
export async function createServices(
  config: CoreConfig,
  options: ServiceOptions,
): Promise<Services> {
  const opened = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    seed: options.seed,
  });
  try {
    const clock = options.clock ?? systemClock;
    await importLegacyOutbox(opened.store, config.dataDir);
    const site = new SiteAddress(config.publicUrl);
    const mail = new Mailer(
      opened.store,
      () => clock.now(),
      config.smtp,
      () => site.url(),
    );
    return {
      config,
      store: opened.store,
      chat: opened.chat,
      audit: opened.audit,
      uploads: opened.uploads,
      mail,
      clock,
      site,
      solver: {
        run: options.solver,
        jobs: new Map(),
        updates: new Bus(),
        exact: options.exactSolver ?? exactSolver(),
      },
      signOuts: new Bus(),
      eventSettings: new Bus(),
      erasures: new Bus(),
      // Counted in the database with PostgreSQL: shared by every process of a cluster.
      limits: new RateLimits(opened.pool),
    };
  } catch (error) {
    await closeStore(opened);
    throw error;
  }
}

/** Closes the logs and the store (its pending writes first). */
export async function closeServices(s: Services): Promise<void> {
  await s.solver.exact.close();
  await closeStore(s);
}
