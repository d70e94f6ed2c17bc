/**
 * The Maillage server: one Express app on one http.Server, serving Remix (Vite middleware in
 * development, the built app in production) and Socket.IO on the same port.
 */
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { Server as SocketServer } from "socket.io";
import { ConfigError, coreConfigOf, ensureSessionSecret, loadConfig } from "./config";
import { attachLive } from "./live";
import type { LiveServer } from "./live/handle";
import { workerRunner } from "../core/solver/runner";
import { exactSolver } from "../core/solver/exact";
import { isCrossSite, refuseCrossSite } from "./http/origin";
import { cspNonceOf, securityHeaders } from "./http/headers";
import { limitBodies } from "./http/limits";
import { noStore } from "./http/no-store";
import { closeServices, createServices } from "../core/services";
import { isStoreError } from "../core/store/types";
import { emptyDocument } from "../core/store/schema";
import { withDiskFullPage } from "./http/disk-full-page";
import { withSubmissionLedger } from "../app/utils/submission.server";
import type { AppLoadContext } from "../app/context";
import { startOutboxWorker } from "./outbox";
import { startReminders } from "./reminders";
import { startRetention } from "./retention";
import { attachPostgresAdapter } from "./live/adapter";
import { demoDocument } from "./seeds/demo";

/** The project root: above server/index.ts in development, build/node/index.js in production. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${from}`);
    dir = parent;
  }
  return dir;
}
const root = findRoot(dirname(fileURLToPath(import.meta.url)));
const version = (
  JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }
).version;

async function main() {
  const config = loadConfig();
  // The solver's worker: next to this file in the build, TypeScript in development.
  const here = fileURLToPath(import.meta.url);
  const s = await createServices(coreConfigOf(config, await ensureSessionSecret(config)), {
    seed: () => (config.demo ? demoDocument() : emptyDocument()),
    solver: workerRunner(
      here.endsWith(".ts")
        ? new URL("./matching/solve-worker.ts", import.meta.url)
        : new URL("./solve-worker.js", import.meta.url),
    ),
    // javascript-lp-solver's worker: the source through tsx, or the bundled file next to this one.
    exactSolver: exactSolver(
      here.endsWith(".ts") ? undefined : new URL("./jslp-worker.js", import.meta.url),
    ),
  });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const httpServer = createServer(app);
  const io: LiveServer = new SocketServer(httpServer, {
    serveClient: false,
    // The largest legitimate message is a co-development note (8 000 characters, escaped):
    // anything bigger closes the connection instead of being read into memory.
    maxHttpBufferSize: 100_000,
    // One process: a dropped connection gets its missed packets back. Several processes (the
    // PostgreSQL adapter does not support recovery): clients resync on every reconnect anyway.
    connectionStateRecovery: config.databaseUrl
      ? undefined
      : { maxDisconnectionDuration: 2 * 60_000 },
    // The same cross-site rule as pages: a browser connecting from another site is refused.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(
        null,
        !origin || !isCrossSite("POST", req.headers.host, origin, undefined, config.publicUrl),
      );
    },
  });

  const adapterPool = config.databaseUrl
    ? attachPostgresAdapter(io, config.databaseUrl)
    : undefined;

  app.use(securityHeaders({ production: config.env !== "development" }));
  // `servers`: the processes of the cluster this one knows of (1 alone, or until the others'
  // first heartbeat reached it): cross-process answers (who is present) count only those.
  app.get("/healthz", (_req, res, next) => {
    io.of("/")
      .adapter.serverCount()
      .then((servers) => res.json({ ok: true, version, servers }))
      .catch(next);
  });
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.use(refuseCrossSite(config.publicUrl));
  app.use(limitBodies);

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (config.env === "development") {
    const vite = await import("vite");
    const devServer = await vite.createServer({
      root,
      server: { middlewareMode: true, hmr: { server: httpServer } },
    });
    app.use(devServer.middlewares);
    build = () =>
      (devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>).then(
        (loaded) => withDiskFullPage(withSubmissionLedger(loaded)),
      );
  } else {
    const client = join(root, "build/client");
    app.use("/assets", express.static(join(client, "assets"), { immutable: true, maxAge: "1y" }));
    // The few files at the root of build/client (favicon.svg…), listed once: a static handler on
    // every path would look on disk (and build an ENOENT error) for each page request.
    const rootFiles = express.static(client, { maxAge: "1h" });
    const rootNames = new Set(
      readdirSync(client, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `/${entry.name}`),
    );
    app.use((req, res, next) => (rootNames.has(req.path) ? rootFiles(req, res, next) : next()));
    build = withDiskFullPage(
      withSubmissionLedger(
        (await import(pathToFileURL(join(root, "build/server/index.js")).href)) as ServerBuild,
      ),
    );
  }

  app.use(noStore);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.env === "development" ? "development" : "production",
      getLoadContext: (req, res): AppLoadContext => ({
        services: s,
        clientIp: req.ip ?? "unknown",
        cspNonce: cspNonceOf(res),
      }),
    }),
  );

  const live = await attachLive(s, io, { timings: config.liveTimings });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen({ port: config.port, host: config.host, backlog: 4096 }, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost = config.host.includes(":") ? `[${config.host}]` : config.host;
  s.site.listen(`http://${shownHost}:${port}`);
  console.log(`Maillage ${version} is ready: http://${shownHost}:${port}`);
  if (config.demo && config.env === "production" && !/^(127\.|localhost$|::1$)/.test(config.host)) {
    console.warn(
      "WARNING: demo accounts with a published password are enabled on a non-loopback address. " +
        "Set MAILLAGE_DEMO=0 for a real deployment (see README).",
    );
  }

  const reminders = startReminders(s, config.reminders);
  const outbox = await startOutboxWorker(s, config.outbox);
  const retention = startRetention(s);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: closing connections and flushing the store…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await reminders.stop();
    await outbox.stop();
    await retention.stop();
    await live.stop();
    io.close();
    await adapterPool?.end().catch(() => undefined);
    httpServer.closeAllConnections();
    await closeServices(s);
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (isStoreError(error, "StoreLoadError") || error instanceof ConfigError) {
    console.error(`Maillage cannot start.\n${error.message}`);
  } else {
    console.error("Maillage cannot start:", error);
  }
  process.exit(1);
});
