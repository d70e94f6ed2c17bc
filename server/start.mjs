#!/usr/bin/env node
/**
 * `npm start`: builds the Remix app and the server bundle when the build is missing or older than
 * the sources, then starts the production server in this same process with plain node.
 * `--build-only` stops after the build (used by `npm run build` and the test setup).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stamp = join(root, "build", ".stamp");
const serverBundle = join(root, "build", "node", "index.js");
const workerBundle = join(root, "build", "node", "solve-worker.js");
const jslpBundle = join(root, "build", "node", "jslp-worker.js");
const sources = [
  "app",
  "core",
  "server",
  "matching",
  "public",
  "package.json",
  "package-lock.json",
  "vite.config.ts",
  "tsconfig.json",
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function isStale() {
  if (
    !existsSync(stamp) ||
    !existsSync(serverBundle) ||
    !existsSync(workerBundle) ||
    !existsSync(jslpBundle) ||
    !existsSync(join(root, "build", "server", "index.js"))
  ) {
    return true;
  }
  const built = statSync(stamp).mtimeMs;
  return sources.some((source) => newest(join(root, source)) > built);
}

async function build() {
  const started = Date.now();
  console.log("Building Maillage (the sources changed or no build exists)…");
  const remixCli = join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js");
  const result = spawnSync(process.execPath, [remixCli, "vite:build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    // VITEST switches the Remix plugin off in vite.config.ts: never pass it to the build.
    env: { ...process.env, NODE_ENV: "production", VITEST: "" },
  });
  if (result.status !== 0) {
    console.error("The app build failed (see above).");
    process.exit(1);
  }
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: {
      index: join(root, "server", "index.ts"),
      "solve-worker": join(root, "server", "matching", "solve-worker.ts"),
      // javascript-lp-solver's worker thread (core/solver/exact.ts).
      "jslp-worker": join(root, "matching", "solvers", "jslp-worker.ts"),
    },
    outdir: dirname(serverBundle),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  // The stamp is dated when the build started: a source saved while it ran is newer than the
  // stamp, so the next start builds again instead of serving a build that missed the edit.
  writeFileSync(stamp, new Date(started).toISOString());
  utimesSync(stamp, new Date(started), new Date(started));
  console.log(`Build done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

const buildOnly = process.argv.includes("--build-only");
if (isStale()) await build();
if (!buildOnly) {
  process.env.NODE_ENV ??= "production";
  await import(pathToFileURL(serverBundle).href);
}
