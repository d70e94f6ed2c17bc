/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const appDir = fileURLToPath(new URL("./app", import.meta.url));

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
          include: [
            "tests/integration/**/*.test.ts",
            "tests/e2e/**/*.e2e.test.ts",
            "tests/cluster/**/*.test.ts",
          ],
          globalSetup: ["tests/setup/global-build.ts"],
          fileParallelism: false,
        },
      },
    ],
  },
});
