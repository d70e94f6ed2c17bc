// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
    files: ["matching/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [appOrServer, csvWriter] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { paths: [remixForm], patterns: [csvWriter] }],
      "no-restricted-syntax": ["error", fetcherForm],
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [remixForm], patterns: [storeFromRoutes, csvWriter] },
      ],
    },
  },
  {
    files: ["app/components/AppForm.tsx"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["app/utils/csv.server.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
