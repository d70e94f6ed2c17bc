/**
 * Message catalogs: French first, English too. Messages are ICU MessageFormat (intl-messageformat):
 * `{name}` placeholders, and `{count, plural, one {…} other {…}}` where a number changes the words
 * (French counts 0 and 1 as "one"). Keys are typed from the French catalog, so an unknown key fails
 * the typecheck; tests/unit/i18n.test.ts keeps both catalogs in step and every message parseable.
 *
 * The server holds both catalogs (./catalogs.ts); a page in the browser holds only its own
 * language's, which app/entry.client.tsx loads before hydrating (docs/decisions/0004-forms-and-languages.md).
 */
import { IntlMessageFormat, MissingValueError, type Formatters } from "intl-messageformat";
import { displayInstant, QUEBEC_TIME_ZONE } from "../utils/quebec-time";
import { bundledCatalogs } from "./catalogs";
import type fr from "./fr.json";

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
const catalogs: Partial<Record<Locale, Map<string, string>>> = {};

/**
 * Each message compiled once per locale, at its first use: a message without any argument is kept
 * as its text (after ICU's quoting rules), the others as their compiled form.
 */
type Compiled = string | IntlMessageFormat;
const compiled: Record<Locale, Map<string, Compiled>> = { fr: new Map(), en: new Map() };

/** Makes a catalog available (the server's two at start-up; the browser's one before hydration). */
export function addCatalog(locale: Locale, messages: unknown) {
  catalogs[locale] = flatten(messages);
  compiled[locale].clear();
}
for (const locale of locales) {
  const messages = bundledCatalogs[locale];
  if (messages) addCatalog(locale, messages);
}

/** True when this process (a page in the browser holds one) has the catalog of `locale`. */
export function hasCatalog(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

export function isLocale(value: unknown): value is Locale {
  return value === "fr" || value === "en";
}

/** BCP 47 tags for Intl: Quebec French and Canadian English. */
export function intlTag(locale: Locale): string {
  return locale === "fr" ? "fr-CA" : "en-CA";
}

type IntlFormatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.ListFormat;
/**
 * Intl formatters are costly to build (a long page formats hundreds of dates and numbers): one per
 * locale and options, kept, for formatDate, formatNumber and the messages alike.
 */
const formatters = new Map<string, IntlFormatter>();
function cached<F extends IntlFormatter>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    // Options come from the code, so the keys are few; the bound only guards against a mistake.
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** What a message's `#`, `{n, number}` and plurals format with; a date in a message is in Quebec time. */
const messageFormatters: Formatters = {
  getNumberFormat: (tag, options) =>
    cached(
      `mn|${String(tag)}|${options ? JSON.stringify(options) : ""}`,
      () => new Intl.NumberFormat(tag, options as Intl.NumberFormatOptions | undefined),
    ),
  getDateTimeFormat: (tag, options) =>
    cached(
      `md|${String(tag)}|${options ? JSON.stringify(options) : ""}`,
      () => new Intl.DateTimeFormat(tag, { ...options, timeZone: QUEBEC_TIME_ZONE }),
    ),
  getPluralRules: (tag, options) =>
    cached(`mp|${String(tag)}|${options?.type ?? ""}`, () => new Intl.PluralRules(tag, options)),
};

/** The message of `key` in `locale`, compiled at its first use. */
function compile(locale: Locale, key: string): Compiled | undefined {
  let language = locale;
  let text = catalogs[locale]?.get(key);
  // Keys are in step, so only a page holding the other language's catalog (its language changed
  // in another tab; it reloads, see app/utils/i18n-react.ts) reads another catalog meanwhile.
  for (const other of locales) {
    if (text !== undefined) break;
    text = catalogs[other]?.get(key);
    language = other;
  }
  if (text === undefined) return undefined;
  const format = new IntlMessageFormat(text, intlTag(language), undefined, {
    // `<` and `>` are plain text: no message has markup.
    ignoreTag: true,
    formatters: messageFormatters,
  });
  const elements = format.getAst();
  const [first] = elements;
  const message =
    first === undefined
      ? ""
      : elements.length === 1 && first.type === 0 // a literal: the text with ICU's quoting applied
        ? first.value
        : format;
  compiled[locale].set(key, message);
  return message;
}

/** A missing parameter reads as its placeholder ("{name}"), as it always did, rather than failing. */
const placeholdersForMissing: ProxyHandler<MessageParams> = {
  has: () => true,
  get: (values, name) =>
    typeof name === "string" && Object.hasOwn(values, name) ? values[name] : `{${String(name)}}`,
};

/**
 * The message of `key` in `locale`, its placeholders filled from `params`. Give counts as numbers:
 * plurals choose their words from them, and `#` writes them for the locale.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const message = compiled[locale].get(key) ?? compile(locale, key);
  if (message === undefined) return key;
  if (typeof message === "string") return message;
  try {
    return String(message.format(params));
  } catch (error) {
    if (!(error instanceof MissingValueError)) throw error;
    return String(message.format(new Proxy(params ?? {}, placeholdersForMissing)));
  }
}

/** True when `key` names a message (used for keys that travel as data, e.g. form errors). */
export function isMessageKey(key: string): key is MessageKey {
  return locales.some((locale) => catalogs[locale]?.has(key));
}

export function localeFromCookieHeader(header: string | null | undefined): Locale {
  const match = /(?:^|;\s*)maillage_lang=(\w+)/.exec(header ?? "");
  return match && isLocale(match[1]) ? match[1] : defaultLocale;
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
  const text = formatter.format(displayInstant(value));
  // French times ("13 h 30") are one word on a narrow screen: no line break inside them.
  return locale === "fr" ? text.replace(/(\d) h(?: (\d))?/g, nonBreakingTime) : text;
}

const nonBreakingTime = (_: string, hour: string, minutes: string | undefined) =>
  minutes === undefined ? `${hour}\u00a0h` : `${hour}\u00a0h\u00a0${minutes}`;

/** Items joined as the language does: "A, B et C", "A, B and C". */
export function formatList(locale: Locale, items: readonly string[]): string {
  const formatter = cached(
    `l|${locale}`,
    () => new Intl.ListFormat(intlTag(locale), { type: "conjunction" }),
  );
  return formatter.format(items);
}

/** Each item quoted as the language does (« … », “…”), then joined (`formatList`). */
export function quotedList(locale: Locale, items: readonly string[]): string {
  return formatList(
    locale,
    items.map((text) => translate(locale, "common.quoted", { text })),
  );
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
