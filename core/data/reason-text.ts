/**
 * A stored reason (core/data/reasons.ts: the matching engine's codes and the app's own) in the
 * reader's language: the catalog's `reasons.<code>`, each placeholder filled with the parameter of
 * that name. Lists are joined the way the language does ("A, B et C", "A, B, and C"); subjects
 * (`need`, `needs`) are quoted as the language does (`common.quoted`: « … », “…”); numbers are
 * written for the locale. A "legacy-text" reason (a sentence stored before reasons had codes) is
 * shown as it was written.
 */
import type { StoredReason } from "./reasons";
import { formatNumber, intlTag, translate, type Locale, type MessageKey } from "../i18n";

const SUBJECTS = new Set(["need", "needs"]);

const lists = new Map<Locale, Intl.ListFormat>();
function listFormat(locale: Locale) {
  let format = lists.get(locale);
  if (!format) {
    format = new Intl.ListFormat(intlTag(locale), { type: "conjunction" });
    lists.set(locale, format);
  }
  return format;
}

export function reasonText(locale: Locale, reason: StoredReason): string {
  if (reason.code === "legacy-text") return String(reason.params[locale] ?? "");
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(reason.params)) {
    const word = (text: string) =>
      SUBJECTS.has(name) ? translate(locale, "common.quoted", { text }) : text;
    params[name] =
      typeof value === "number"
        ? formatNumber(locale, value)
        : typeof value === "string"
          ? word(value)
          : listFormat(locale).format(value.map(word));
  }
  return translate(locale, `reasons.${reason.code}` as MessageKey, params);
}
