// @ts-check
/**
 * The layers of the code and the folders each may import (docs/architecture.md), enforced by
 * eslint-plugin-boundaries in `npm run lint`.
 *
 * Each element is a folder (or a single module); `allow` lists what it may import besides itself.
 * The allowed imports form a graph without a cycle (checked below, when this file loads), so no
 * cycle between folders can pass the lint: one of its imports would be outside its `allow`.
 */
import { fileURLToPath } from "node:url";
import boundaries from "eslint-plugin-boundaries";

/** The base of the core, which every layer above may use. */
const CORE_BASE = ["core-utils", "core-i18n", "core-data", "core-errors", "matching"];
/** What the app and the sockets may use of the core: all but the store, mail and solver. */
const CORE_FOR_CALLERS = [
  ...CORE_BASE,
  "core-security",
  "core-schemas",
  "core-models",
  "core-live",
  "core-permissions",
  "core-services",
];

/**
 * A pattern is a folder, from the project's root (a module of its own is a folder with an
 * index.ts: element patterns match folders). The folder `app` itself holds the root route and the
 * entries, peers of the routes.
 * @type {Array<{ type: string, pattern: string | string[], allow: string[] }>}
 */
const LAYERS = [
  // A pure library: the matching engine imports nothing of the product.
  { type: "matching", pattern: "matching", allow: [] },
  // Benchmarks of the engine may use the tests' checker.
  { type: "matching-bench", pattern: "matching/bench", allow: ["matching", "tests"] },
  { type: "tests", pattern: "tests", allow: [] },

  // The domain core, from its base up.
  { type: "core-utils", pattern: "core/utils", allow: [] },
  { type: "core-i18n", pattern: "core/i18n", allow: ["core-utils"] },
  { type: "core-data", pattern: "core/data", allow: ["core-i18n", "core-utils", "matching"] },
  { type: "core-errors", pattern: "core/errors", allow: ["core-i18n"] },
  { type: "core-security", pattern: "core/security", allow: ["core-utils", "core-data"] },
  {
    type: "core-store",
    pattern: "core/store",
    allow: ["core-utils", "core-i18n", "core-data", "core-errors", "core-security", "matching"],
  },
  {
    type: "core-schemas",
    pattern: "core/schemas",
    allow: ["core-utils", "core-i18n", "core-data", "core-errors", "core-security", "matching"],
  },
  {
    type: "core-mail",
    pattern: "core/mail",
    allow: ["core-utils", "core-i18n", "core-data", "core-store"],
  },
  { type: "core-bus", pattern: "core/bus", allow: [] },
  {
    type: "core-solver",
    pattern: "core/solver",
    allow: ["core-utils", "core-errors", "core-store", "matching"],
  },
  {
    type: "core-services",
    pattern: "core/services",
    allow: ["core-utils", "core-security", "core-store", "core-mail", "core-bus", "core-solver"],
  },
  {
    type: "core-models",
    pattern: "core/models",
    allow: [
      ...CORE_BASE,
      "core-security",
      "core-store",
      "core-schemas",
      "core-mail",
      "core-bus",
      "core-solver",
      "core-services",
    ],
  },

  // Who may see and do what, asked by routes and sockets alike.
  {
    type: "core-permissions",
    pattern: "core/permissions",
    allow: [
      "core-utils",
      "core-errors",
      "core-store",
      "core-schemas",
      "core-services",
      "core-models",
    ],
  },

  // The live protocol: the socket events' payloads, answers and views (types only, shared with the
  // browser's hooks).
  {
    type: "core-live",
    pattern: "core/live",
    allow: ["core-i18n", "core-store", "core-schemas", "core-services", "core-models", "matching"],
  },

  // The Remix app: utilities, components, then routes (and the root and entries, which are routes'
  // peers). The app reaches data only through the models: no import of the store.
  { type: "app-context", pattern: "app/context", allow: ["core-services"] },
  {
    type: "app-utils",
    pattern: "app/utils",
    allow: ["app-context", ...CORE_FOR_CALLERS],
  },
  {
    type: "app-components",
    pattern: "app/components",
    allow: ["app-utils", ...CORE_BASE, "core-schemas", "core-models", "core-live"],
  },
  {
    type: "app-routes",
    pattern: ["app/routes", "app/styles", "app"],
    allow: ["app-utils", "app-components", "app-context", ...CORE_FOR_CALLERS],
  },

  // The process: seeds and socket handlers use the core; the entry composes everything.
  {
    type: "server-seeds",
    pattern: "server/seeds",
    allow: ["core-utils", "core-data", "core-security", "core-store", "core-models", "matching"],
  },
  { type: "server-matching", pattern: "server/matching", allow: ["matching"] },
  {
    type: "server-live",
    pattern: "server/live",
    allow: ["app-utils", "core-store", ...CORE_FOR_CALLERS],
  },
  {
    type: "server",
    pattern: "server",
    allow: [
      "server-seeds",
      "server-matching",
      "server-live",
      "app-context",
      "app-utils",
      "core-store",
      "core-mail",
      "core-solver",
      ...CORE_FOR_CALLERS,
    ],
  },
];

/** Throws if the allowed imports between layers contain a cycle (then a folder cycle could pass). */
function assertAcyclic() {
  const allow = new Map(LAYERS.map((l) => [l.type, l.allow]));
  const state = new Map();
  /** @param {string} type @param {string[]} path */
  const visit = (type, path) => {
    if (state.get(type) === "done") return;
    if (state.get(type) === "visiting")
      throw new Error(
        `eslint layers: the allowed imports form a cycle: ${[...path, type].join(" → ")}`,
      );
    state.set(type, "visiting");
    for (const next of allow.get(type) ?? []) {
      if (!allow.has(next))
        throw new Error(`eslint layers: ${type} allows an unknown layer ${next}`);
      visit(next, [...path, type]);
    }
    state.set(type, "done");
  };
  for (const { type } of LAYERS) visit(type, []);
}
assertAcyclic();

/** Most specific first: boundaries takes the first element whose pattern matches. */
const elements = LAYERS.flatMap(({ type, pattern }) =>
  (Array.isArray(pattern) ? pattern : [pattern]).map((p) => ({
    type,
    pattern: p,
    // Anchored at the project's root: `matching` is not `server/matching`.
    partialMatch: false,
  })),
).sort((a, b) => b.pattern.length - a.pattern.length);

export const layers = {
  files: ["app/**/*.{ts,tsx}", "core/**/*.ts", "server/**/*.{ts,mjs}", "matching/**/*.ts"],
  plugins: { boundaries },
  settings: {
    "import/resolver": { [fileURLToPath(new URL("./alias-resolver.cjs", import.meta.url))]: {} },
    "boundaries/elements": elements,
    "boundaries/include": ["app/**/*", "core/**/*", "server/**/*", "matching/**/*", "tests/**/*"],
  },
  rules: {
    // Every file belongs to a layer (a new top-level module must be given one), and every import
    // of the project's own files lands in a layer.
    "boundaries/no-unknown-files": "error",
    "boundaries/no-unknown-dependencies": "error",
    "boundaries/dependencies": [
      "error",
      {
        default: "disallow",
        message:
          "{{from.type}} may not import {{to.type}} (docs/architecture.md: the layers and what each may import)",
        policies: LAYERS.map(({ type, allow }) => ({
          from: { element: { type } },
          allow: { to: { element: { types: { anyOf: [type, ...allow] } } } },
        })),
      },
    ],
  },
};
