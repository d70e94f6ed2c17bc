/**
 * The layers hold in `npm run lint` (docs/architecture.md, ADR 0020): ESLint, with the project's
 * own configuration, refuses a route that imports the store, a core module that imports a route, a
 * socket handler or a seed, an import that would close a cycle between folders, and a file in no
 * layer. Each case lints a one-line module as if it were written at that path.
 */
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/server";

const eslint = new ESLint({ cwd: ROOT });

/** The rules a one-line module at `path` (relative to the project) breaks. */
async function broken(path: string, code: string) {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: join(ROOT, path) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the layers in the lint", () => {
  it.each([
    [
      "a route imports the store",
      "app/routes/x-probe.tsx",
      'import "../../core/store";',
      /app-routes may not import core-store/,
    ],
    [
      "the core imports a route",
      "core/models/x-probe.server.ts",
      'import "../../app/routes/login";',
      /core-models may not import app-routes/,
    ],
    [
      "the core imports a socket handler",
      "core/models/x-probe.server.ts",
      'import "../../server/live/handle";',
      /core-models may not import server-live/,
    ],
    [
      "the core imports a seed",
      "core/store/x-probe.ts",
      'import "../../server/seeds/demo";',
      /core-store may not import server-seeds/,
    ],
    [
      "the store imports a model (models import the store)",
      "core/store/x-probe.ts",
      'import "../models/user.server";',
      /core-store may not import core-models/,
    ],
    [
      "i18n imports data (data imports i18n)",
      "core/i18n/x-probe.ts",
      'import "../data/geography";',
      /core-i18n may not import core-data/,
    ],
    [
      "a component imports a route through the ~/ alias (routes import components)",
      "app/components/x-probe.tsx",
      'import "~/routes/login";',
      /app-components may not import app-routes/,
    ],
    [
      "the matching engine imports the core",
      "matching/x-probe.ts",
      'import "../core/utils/ids";',
      /matching may not import core-utils/,
    ],
  ])("refuses it when %s", async (_name, path, code, expected) => {
    const messages = await broken(path, code);
    expect(messages.some((m) => m.startsWith("boundaries/dependencies") && expected.test(m))).toBe(
      true,
    );
  });

  it("refuses a module that belongs to no layer", async () => {
    expect(await broken("core/x-probe.ts", "export const probe = 1;")).toContainEqual(
      expect.stringMatching(/^boundaries\/no-unknown-files/),
    );
  });

  it("accepts the same imports in the allowed direction", async () => {
    expect(await broken("core/models/x-probe.server.ts", 'import "../store";')).toEqual([]);
    expect(
      await broken("app/routes/x-probe.tsx", 'import "../../core/models/user.server";'),
    ).toEqual([]);
    expect(await broken("core/data/x-probe.ts", 'import "../i18n";')).toEqual([]);
  });
});
