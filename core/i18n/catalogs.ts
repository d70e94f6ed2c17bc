/** The catalogs bundled with the code (core/i18n/index.ts flattens them once). */
import en from "./en.json";
import fr from "./fr.json";

export const bundledCatalogs: { fr?: unknown; en?: unknown } = { fr, en };
