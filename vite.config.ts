/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const appDir = fileURLToPath(new URL("./app", import.meta.url));
const i18nDir = fileURLToPath(new URL("./core/i18n", import.meta.url));

/**
 * Each page sends only its language (docs/decisions/0004-forms-and-languages.md): in the browser's
 * build, core/i18n/catalogs.ts (both catalogs) is core/i18n/catalogs.browser.ts (none), and the
 * client entry fetches the page's catalog, a file of the build, minified here.
 */
function browserCatalogs(): Plugin {
  return {
    name: "maillage:browser-catalogs",
    enforce: "pre",
    resolveId(source, importer, options) {
      if (options?.ssr || source !== "./catalogs" || !importer) return null;
      return dirname(importer) === i18nDir ? join(i18nDir, "catalogs.browser.ts") : null;
    },
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        const catalog =
          file.type === "asset" &&
          file.originalFileNames.some((name) => /(^|\/)core\/i18n\/(fr|en)\.json$/.test(name));
        if (catalog) file.source = JSON.stringify(JSON.parse(String(file.source)));
      }
    },
  };
}

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": appDir } },
  build: { target: "es2022" },
  optimizeDeps: { include: ["zod"], exclude: ["lowdb"] },
  server: { host: "127.0.0.1" },
  plugins: [
    browserCatalogs(),
    !process.env.VITEST &&
      remix({
        ignoredRouteFiles: ["**/.*", "routes/!(*.*)", "**/*.test.*"],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          // Off on purpose (docs/decisions/0013-pages-at-scale.md): with it, every page render
          // matched its URL against all routes once more per path segment to send a partial
          // manifest; the whole manifest is one small cached file.
          v3_lazyRouteDiscovery: false,
        },
      }),
  ],
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two files at a time even on two cores (vitest's default leaves one core to itself): a file
    // of the integration project mostly waits on its own server, whose work the other core takes.
    // docs/decisions/0030-test-run-time.md
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/matching/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "store",
          include: ["tests/store/**/*.test.ts"],
          globalSetup: ["tests/setup/postgres.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-build.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "serial",
          include: ["tests/e2e/**/*.e2e.test.ts", "tests/cluster/**/*.test.ts"],
          globalSetup: ["tests/setup/global-build.ts"],
          // One file at a time, after the others: a chromium and its server, or two server
          // processes on one PostgreSQL, have the machine to themselves.
          fileParallelism: false,
        },
      },
    ],
  },
});
