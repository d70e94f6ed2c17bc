/**
 * A stored reason (core/data/reasons.ts: the matching engine's codes and the app's own) in the
 * reader's language: the catalog's `reasons.<code>`, each placeholder filled with the parameter of
 * that name. Lists are joined the way the language does ("A, B et C", "A, B, and C"); subjects
 * (`need`, `needs`, stored by their French label as the engine names them) are named in the
 * reader's language from the program's taxonomy (tag-label.ts) and quoted as the language does
 * (`common.quoted`: « … », “…”); numbers are
 * written for the locale — except the ones people chose a word for (plain-words.ts): a need's
 * priority reads élevée / moyenne / faible, a speed-dating rating oui / peut-être / non, quoted.
 * A "legacy-text" reason (a sentence stored before reasons had codes) is
 * shown as it was written.
 */
import type { StoredReason } from "./reasons";
import { formatList, formatNumber, translate, type Locale, type MessageKey } from "../i18n";
import { priorityLevel, ratingAnswer } from "./plain-words";
import { storedSubjectNamer, type TagOption } from "./tag-label";

const SUBJECTS = new Set(["need", "needs"]);

/** The numeric parameters stored for a code that people read as the words they chose. */
const WORDED: Partial<Record<string, Record<string, (locale: Locale, value: number) => string>>> = {
  "need-met": {
    priority: (locale, value) => translate(locale, `words.priority.${priorityLevel(value)}`),
  },
  "mutual-rating": {
    aToB: (locale, value) => answer(locale, value),
    bToA: (locale, value) => answer(locale, value),
  },
};

function answer(locale: Locale, score: number) {
  return translate(locale, "common.quoted", {
    text: translate(locale, `words.answer.${ratingAnswer(score)}`),
  });
}


export function reasonText(
  locale: Locale,
  reason: StoredReason,
  taxonomy: readonly TagOption[],
): string {
  if (reason.code === "legacy-text") return String(reason.params[locale] ?? "");
  const subject = storedSubjectNamer(taxonomy, locale);
  const params: Record<string, string> = {};
  const worded = WORDED[reason.code];
  for (const [name, value] of Object.entries(reason.params)) {
    const inWords = worded?.[name];
    if (inWords && typeof value === "number") {
      params[name] = inWords(locale, value);
      continue;
    }
    const word = (text: string) =>
      SUBJECTS.has(name) ? translate(locale, "common.quoted", { text: subject(text) }) : text;
    params[name] =
      typeof value === "number"
        ? formatNumber(locale, value)
        : typeof value === "string"
          ? word(value)
          : formatList(locale, value.map(word));
  }
  return translate(locale, `reasons.${reason.code}` as MessageKey, params);
}
