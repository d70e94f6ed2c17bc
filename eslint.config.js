// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { layers } from "./tools/eslint/layers.js";

/** Imports that cross the architecture's boundaries (see docs/decisions/0001-architecture.md). */
const appOrServer = {
  group: ["~/*", "**/app/**", "**/core/**", "**/server/**", "../app/*", "../core/*", "../server/*"],
  message: "matching/ is a pure library: it imports nothing from app/, core/ or server/.",
};
const storeFromRoutes = {
  group: ["**/core/store", "**/core/store/**"],
  message: "Routes reach data only through core/models/*.server.ts.",
};
const csvWriter = {
  group: ["csv-stringify", "csv-stringify/*"],
  message:
    "CSV files are written by app/utils/csv.server.ts (no live formula; docs/decisions/0017-response-encoding.md).",
};
const xlsxWriter = {
  group: ["exceljs", "exceljs/*"],
  message:
    "Workbooks are written by app/utils/xlsx.server.ts (texts never formulas; docs/decisions/0034-report-workbook.md).",
};

/** The core imports nothing from routes, sockets, the HTTP entry or seeds. */
const outOfCore = {
  group: [
    "~/*",
    "**/app/**",
    "**/server/**",
    "../app/*",
    "../server/*",
    "../../app/*",
    "../../server/*",
  ],
  message:
    "core/ is the domain core: it imports nothing from app/ or server/ (seeds are injected by the start script and the CLIs; docs/decisions/0018-services.md).",
};

/**
 * No process-wide singleton: services are built once by createServices and passed
 * (docs/decisions/0018-services.md). The Remix build and the server bundle each hold a copy of the
 * code, so a module-level service would exist twice, and a `globalThis` one hides who uses it.
 */
const singletonGlobals = ["globalThis", "global"].map((name) => ({
  name,
  message: "No globalThis singleton: pass the services (core/services.ts, ADR 0018).",
}));
const symbolFor = {
  object: "Symbol",
  property: "for",
  message: "No Symbol.for singleton: pass the services (core/services.ts, ADR 0018).",
};
const processEnv = {
  object: "process",
  property: "env",
  message:
    "The environment is parsed once, by server/config.ts (or server/cli/env.ts for the CLIs), and passed on; never read or written elsewhere (ADR 0018).",
};
/**
 * The store's and the solver's errors cross from the server bundle to the Remix build, whose copies
 * of their classes differ: `instanceof` is false there. Use isStoreError / isSolverCancelled.
 */
const crossBundleInstanceof = {
  selector:
    "BinaryExpression[operator='instanceof'][right.name=/^(NotFoundError|StoreValidationError|UniqueViolationError|StoreLoadError|DiskFullError|SolverCancelledError)$/]",
  message:
    "These errors may come from the other bundle's copy of their class: use isStoreError(error, name) or isSolverCancelled(error) (ADR 0018).",
};
/**
 * Pages and sockets do not test the domain's refusals class by class: one mapping answers any
 * DomainError (app/utils/errors.server.ts, server/live/handle.ts); a page or socket that rewords one
 * names it with isDomainErrorNamed (ADR 0019). Errors of the language and a socket's own LiveError
 * are not concerned.
 */
const domainErrorInstanceof = {
  selector:
    "BinaryExpression[operator='instanceof'][right.name=/^(?!(Error|TypeError|RangeError|SyntaxError|AggregateError|LiveError)$)\\w*Error$/]",
  message:
    "Map the domain's errors in one place: replyWithError (pages) or handle() (sockets); to reword one, isDomainErrorNamed(error, name) (ADR 0019).",
};

/** Remix's Form without the one-time submission key (app/components/AppForm.tsx). */
const remixForm = {
  name: "@remix-run/react",
  importNames: ["Form"],
  message:
    "Use Form (or FetcherForm) from ~/components/AppForm: a submission has one effect (docs/decisions/0014-invariants.md).",
};
/** fetcher.Form likewise. */
const fetcherForm = {
  selector: "JSXOpeningElement > JSXMemberExpression[property.name='Form']",
  message: "Use FetcherForm from ~/components/AppForm: a submission has one effect.",
};

export default tseslint.config(
  { ignores: ["build/**", "data/**", "node_modules/**", "tmp/**", "public/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        window: "readonly",
        document: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
      "no-restricted-imports": ["error", { patterns: [csvWriter] }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "core/**/*.ts", "server/**/*.{ts,mjs}"],
    rules: {
      "no-restricted-globals": ["error", ...singletonGlobals],
      "no-restricted-properties": ["error", symbolFor, processEnv],
      "no-restricted-syntax": ["error", crossBundleInstanceof],
    },
  },
  {
    files: ["server/config.ts", "server/cli/env.ts"],
    rules: { "no-restricted-properties": ["error", symbolFor] },
  },
  {
    // The start script sets NODE_ENV for the libraries (React and Express read it), before the
    // server bundle is loaded; the server's own configuration is read by server/config.ts.
    files: ["server/start.mjs"],
    rules: { "no-restricted-properties": ["error", symbolFor] },
  },
  {
    files: ["core/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [outOfCore, csvWriter, xlsxWriter] }] },
  },
  {
    files: ["matching/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [appOrServer, csvWriter, xlsxWriter] }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { paths: [remixForm], patterns: [csvWriter, xlsxWriter] }],
      "no-restricted-syntax": ["error", fetcherForm, crossBundleInstanceof, domainErrorInstanceof],
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [remixForm], patterns: [storeFromRoutes, csvWriter, xlsxWriter] },
      ],
    },
  },
  {
    files: ["app/components/AppForm.tsx"],
    rules: { "no-restricted-syntax": ["error", crossBundleInstanceof] },
  },
  {
    files: ["server/live/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", crossBundleInstanceof, domainErrorInstanceof] },
  },
  layers,
  {
    // ESLint loads import resolvers with require(): this one is CommonJS.
    files: ["tools/**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["app/utils/csv.server.ts", "app/utils/xlsx.server.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
