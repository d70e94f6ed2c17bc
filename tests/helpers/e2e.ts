/**
 * The shared set-up of the browser tests (tests/e2e). `useE2E()`, called once at the top of a test
 * file, registers the file's hooks:
 *
 *   - before the file: the production server (on the demo data, or on a data factory's document:
 *     tests/helpers/factory.ts) and one Debian chromium, started together;
 *   - for each test: fresh browser contexts (own cookies) from `newPage()` / `signedIn()`, and
 *     Socket.IO clients from `live()`, all closed after the test. Every page reports its console
 *     errors and Content-Security-Policy violations (`violations`, for the tests that assert on
 *     them). On failure, a screenshot of each of the test's pages goes to tmp/e2e-failures/ and
 *     the pages' console errors and violations are printed. A test whose page crashed while
 *     rendering (React's error in the console) fails, even if its own steps got through;
 *   - after the file, whatever happened (a test or a hook that threw or timed out): the browser is
 *     closed, the server stopped (a server still starting is killed) and the data dir removed.
 *
 * Pages opened in a `beforeAll` live until the end of the file; pages opened in a test live until
 * the end of that test.
 */
import { mkdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, type TestContext } from "vitest";
import { DEMO_PASSWORD } from "../../server/seeds/demo";
import { CHROMIUM, CHROMIUM_ARGS, signIn } from "./browser";
import { Factory, FACTORY_PASSWORD, writeLowdbStore } from "./factory";
import { LiveClient } from "./live";
import { makeTempDir, ROOT, startServer, type TestServer } from "./server";

/** An account: a demo e-mail, or a factory's person. */
export type Who = string | { email: string };

export interface E2EOptions {
  /**
   * What the server starts with: the demo data (the default), a factory's people and records, or
   * a function that writes the data dir itself (e.g. the scale store of the pagination tests).
   */
  data?: Factory | ((dataDir: string) => Promise<void>);
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
}

export interface E2E {
  /** The running server (its output, its data dir). */
  readonly server: TestServer;
  /** The server's base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** A page in a fresh browser context (own cookies), French, desktop-sized unless told. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Signs `who` in on `page` through the sign-in form, landing on the dashboard. */
  signIn(page: Page, who: Who): Promise<void>;
  /** A fresh page signed in through the sign-in form, on the dashboard. */
  signedIn(who: Who, options?: PageOptions): Promise<Page>;
  /** A connected Socket.IO client signed in as `who` (a coordinator's console, say). */
  live(who: Who): Promise<LiveClient>;
  /** Content-Security-Policy violations reported so far by the current test's pages. */
  readonly violations: readonly string[];
}

const VIEWPORT = { width: 1280, height: 800 };
const FAILURES = join(ROOT, "tmp/e2e-failures");
/** Console lines through which chromium, or the page's listener below, reports a CSP violation. */
const CSP_MESSAGE = /Content Security Policy|Refused to/i;
/** Console lines through which React reports a page it could not render, or hydrate. */
const REACT_ERROR = /Minified React error|caught the following error during render/;
/**
 * React's #345 ("root did not complete") when a form is sent natively before the page has
 * hydrated: the browser is already leaving for the answer, and the person sees nothing of it
 * (a QA walk reached the next page every time). Not a broken page.
 */
const LEFT_DURING_HYDRATION = /Minified React error #345[;:]/;

/** Fails with the React errors the pages of `scope` logged, if any. */
function expectNoReactError(scope: Pick<Scope, "errors">, whose: string) {
  const errors = scope.errors.filter((e) => REACT_ERROR.test(e) && !LEFT_DURING_HYDRATION.test(e));
  if (errors.length)
    throw new Error(
      `React reported an error on ${whose} (a crash or loop while rendering, or a hydration mismatch):\n${errors.join("\n")}`,
    );
}

/** What one scope (the file, or one test) opened, to close at its end. */
interface Scope {
  contexts: BrowserContext[];
  pages: Page[];
  sockets: LiveClient[];
  violations: string[];
  errors: string[];
}
const newScope = (): Scope => ({
  contexts: [],
  pages: [],
  sockets: [],
  violations: [],
  errors: [],
});

/** Resolves with the promise's outcome, or rejects after `ms` (for teardown that must not hang). */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Runs every step even when some fail; throws the first failure afterwards. */
async function allSettled(steps: Array<() => Promise<unknown>>) {
  const results = await Promise.allSettled(steps.map((step) => step()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

async function closeScope(scope: Scope) {
  for (const socket of scope.sockets) socket.close();
  await allSettled(scope.contexts.map((c) => () => within(10_000, "closing a page", c.close())));
}

const slug = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[^\w]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);

/**
 * A screenshot of each page the failed test could use (its own, then the file's), and what its
 * own pages reported, for the reader.
 */
async function reportFailure(context: TestContext, scope: Scope, fileScope: Scope) {
  const name = `${basename(context.task.file.name, ".e2e.test.ts")}--${slug(context.task.name)}`;
  const lines: string[] = [];
  await mkdir(FAILURES, { recursive: true });
  for (const [index, page] of [...scope.pages, ...fileScope.pages].entries()) {
    if (page.isClosed()) continue;
    const path = join(FAILURES, `${name}--${index + 1}.png`);
    const taken = await page
      .screenshot({ path, timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (taken) lines.push(`  page ${index + 1} (${page.url()}): ${path}`);
  }
  if (scope.errors.length) lines.push("  console errors:", ...scope.errors.map((e) => `    ${e}`));
  if (scope.violations.length)
    lines.push("  CSP violations:", ...scope.violations.map((v) => `    ${v}`));
  if (lines.length) console.error(`[e2e] "${context.task.name}" failed:\n${lines.join("\n")}`);
}

/** Registers the file's hooks (see the top of this file) and returns the handle its tests use. */
export function useE2E(options: E2EOptions = {}): E2E {
  const abort = new AbortController();
  const fileScope = newScope();
  let scope = fileScope;
  let server: TestServer | undefined;
  let browser: Promise<Browser> | undefined;
  let dataDir: string | undefined;
  // Who signs in does so with the data's password: the factory's one, or the demo's.
  const password = options.data instanceof Factory ? FACTORY_PASSWORD : DEMO_PASSWORD;
  const emailOf = (who: Who) => (typeof who === "string" ? who : who.email);

  beforeAll(async () => {
    dataDir = await makeTempDir("maillage-e2e-");
    const data = options.data;
    if (typeof data === "function") await data(dataDir);
    else if (data) await writeLowdbStore(dataDir, await data.document());
    // afterAll ran already (this hook timed out): start nothing it would not stop.
    abort.signal.throwIfAborted();
    browser = chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const started = startServer({ dataDir, env: options.env, signal: abort.signal });
    // Both awaited, so that neither is left unobserved when the other fails.
    const [launched, running] = await Promise.allSettled([browser, started]);
    if (running.status === "fulfilled") server = running.value;
    if (launched.status === "rejected") throw launched.reason;
    if (running.status === "rejected") throw running.reason;
  });

  beforeEach(() => {
    scope = newScope();
  });

  afterEach(async (context) => {
    const ended = scope;
    scope = fileScope;
    try {
      if (context.task.result?.state === "fail") await reportFailure(context, ended, fileScope);
    } finally {
      await closeScope(ended);
    }
    // A page React reported an error on (thrown while rendering, a render loop, a server page the
    // browser's render disagrees with) is a broken page for its user, even when the test's own
    // steps got through it.
    if (context.task.result?.state !== "fail") expectNoReactError(ended, "this test's pages");
  });

  afterAll(async () => {
    // A server still starting (beforeAll timed out) is killed; a started one is stopped below.
    abort.abort();
    const fileErrors = [...fileScope.errors];
    await allSettled([
      async () => {
        await closeScope(fileScope);
        // Closing the browser also ends whatever a timed-out test left waiting on a page.
        if (browser)
          await within(
            20_000,
            "closing chromium",
            browser.then(
              (b) => b.close(),
              () => undefined, // never launched: beforeAll reported why
            ),
          );
      },
      async () => {
        if (server) await server.stop();
      },
    ]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    // The pages opened for the whole file (in a beforeAll) are held to the same rule.
    expectNoReactError({ errors: fileErrors }, "the file's shared pages");
  });

  const running = () => {
    if (!server) throw new Error("the e2e server is not running (did beforeAll fail?)");
    return server;
  };

  async function newPage(pageOptions: PageOptions = {}): Promise<Page> {
    if (!browser) throw new Error("useE2E(): pages open in hooks or tests, once the file started");
    const owner = scope;
    const context = await (
      await browser
    ).newContext({ locale: "fr-CA", viewport: pageOptions.viewport ?? VIEWPORT });
    owner.contexts.push(context);
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`Refused to load: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    context.on("console", (message) => {
      const text = message.text();
      if (CSP_MESSAGE.test(text)) owner.violations.push(`${message.page()?.url() ?? ""}: ${text}`);
      else if (message.type() === "error") owner.errors.push(text);
    });
    context.on("weberror", (error) => owner.errors.push(String(error.error())));
    const page = await context.newPage();
    owner.pages.push(page);
    return page;
  }

  return {
    get server() {
      return running();
    },
    get url() {
      return running().url;
    },
    newPage,
    signIn: (page, who) => signIn(page, running().url, emailOf(who), password),
    async signedIn(who, pageOptions) {
      const page = await newPage(pageOptions);
      await signIn(page, running().url, emailOf(who), password);
      return page;
    },
    async live(who) {
      const client = new LiveClient(running().url, emailOf(who));
      scope.sockets.push(client);
      await client.http.signIn(emailOf(who), password);
      return client.connect();
    },
    get violations() {
      return scope.violations;
    },
  };
}
