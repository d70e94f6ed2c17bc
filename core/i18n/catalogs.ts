/**
 * The catalogs bundled with the code (core/i18n/index.ts flattens them once): both, for the server,
 * the scripts and the tests. The browser's build swaps this module for ./catalogs.browser.ts
 * (vite.config.ts): a page loads only its own language's catalog (app/entry.client.tsx).
 */
import en from "./en.json";
import fr from "./fr.json";

export const bundledCatalogs: { fr?: unknown; en?: unknown } = { fr, en };
