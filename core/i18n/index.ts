/**
 * Message catalogs: French first, English too. Keys are typed from the French catalog, so an
 * unknown key fails the typecheck; tests/unit/i18n.test.ts keeps both catalogs in step.
 */
import { displayInstant, QUEBEC_TIME_ZONE } from "../utils/quebec-time";
import en from "./en.json";
import fr from "./fr.json";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr";
export const LOCALE_COOKIE = "maillage_lang";

type Catalog = typeof fr;
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Catalog>;
export type MessageParams = Record<string, string | number>;

/** Each catalog flattened once to "a.b.c" → message: a page translates hundreds of keys. */
function flatten(node: unknown, prefix = "", into = new Map<string, string>()) {
  if (typeof node === "string") into.set(prefix, node);
  else if (typeof node === "object" && node !== null) {
    for (const [key, child] of Object.entries(node)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, into);
    }
  }
  return into;
}
const catalogs: Record<Locale, Map<string, string>> = { fr: flatten(fr), en: flatten(en) };

export function isLocale(value: unknown): value is Locale {
  return value === "fr" || value === "en";
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale].get(key) ?? catalogs.fr.get(key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** True when `key` names a message (used for keys that travel as data, e.g. form errors). */
export function isMessageKey(key: string): key is MessageKey {
  return catalogs.fr.has(key);
}

export function localeFromCookieHeader(header: string | null | undefined): Locale {
  const match = /(?:^|;\s*)maillage_lang=(\w+)/.exec(header ?? "");
  return match && isLocale(match[1]) ? match[1] : defaultLocale;
}

/** BCP 47 tags for Intl: Quebec French and Canadian English. */
export function intlTag(locale: Locale): string {
  return locale === "fr" ? "fr-CA" : "en-CA";
}

/**
 * Intl formatters are costly to build (a long page formats hundreds of dates and numbers): one per
 * locale and options, kept.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    // Options come from the code, so the keys are few; the bound only guards against a mistake.
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A date or an instant as a person reads it, in Quebec time (core/utils/quebec-time.ts): a calendar
 * date ("2027-01-14") shows as that date; an instant at its Quebec date and time.
 */
export function formatDate(
  locale: Locale,
  value: string | Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: "long" },
): string {
  const formatter = cached(
    `d|${locale}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(intlTag(locale), { ...options, timeZone: QUEBEC_TIME_ZONE }),
  );
  return formatter.format(displayInstant(value));
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions) {
  // Small whole numbers read the same in both languages (no grouping below 1 000): reports and
  // tables show thousands of them, and ICU formatting is the slow part.
  if (!options && Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
  const formatter = cached(
    `n|${locale}|${options ? JSON.stringify(options) : ""}`,
    () => new Intl.NumberFormat(intlTag(locale), options),
  );
  return formatter.format(value);
}
