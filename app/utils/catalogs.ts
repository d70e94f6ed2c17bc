/**
 * The catalogs as files of the build, for the browser: a page fetches only its own language's.
 * The document links it from its head (root.tsx), so that it downloads alongside the scripts, and
 * the client entry adds it before hydrating (entry.client.tsx).
 */
import enHref from "../../core/i18n/en.json?url";
import frHref from "../../core/i18n/fr.json?url";
import { addCatalog, type Locale } from "../../core/i18n";

export const catalogHref: Record<Locale, string> = { fr: frHref, en: enHref };

export async function loadCatalog(locale: Locale): Promise<void> {
  const response = await fetch(catalogHref[locale]);
  if (!response.ok) throw new Error(`${catalogHref[locale]}: HTTP ${response.status}`);
  addCatalog(locale, await response.json());
}
