// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Imports that cross the architecture's boundaries (see docs/decisions/0001-architecture.md). */
const appOrServer = {
  group: ["~/*", "**/app/**", "**/server/**", "../app/*", "../server/*"],
  message: "matching/ is a pure library: it imports nothing from app/ or server/.",
};
const storeFromRoutes = {
  group: ["**/server/store", "**/server/store/**", "~/../server/store/**"],
  message: "Routes reach data only through app/models/*.server.ts.",
};
const csvWriter = {
  group: ["csv-stringify", "csv-stringify/*"],
  message:
    "CSV files are written by app/utils/csv.server.ts (no live formula; docs/decisions/0017-response-encoding.md).",
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
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [storeFromRoutes, csvWriter] }] },
  },
  {
    files: ["app/utils/csv.server.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
