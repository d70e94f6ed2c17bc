import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import en from "../../core/i18n/en.json";
import fr from "../../core/i18n/fr.json";
import {
  formatDate,
  formatNumber,
  intlTag,
  isMessageKey,
  localeFromCookieHeader,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from "../../core/i18n";

function flatten(node: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}
const catalogs: Record<Locale, Map<string, string>> = { fr: flatten(fr), en: flatten(en) };

type Element = ReturnType<IntlMessageFormat["getAst"]>[number];
/** ICU element types (@formatjs/icu-messageformat-parser's TYPE): literal, argument, number, plural. */
const LITERAL = 0;
const ARGUMENT = 1;
const NUMBER = 2;
const PLURAL = 6;
const POUND = 7;

/** The message parsed as ICU MessageFormat, as translate() parses it (throws when it is not). */
function parse(text: string, locale: Locale): Element[] {
  return new IntlMessageFormat(text, intlTag(locale), undefined, { ignoreTag: true }).getAst();
}

/**
 * Each argument of a message and what it takes: "text" (`{name}`, any value) or "number"
 * (`{n, number}`, `{n, plural, …}`: a count). Any other ICU construct is reported as such.
 */
function argumentsOf(elements: Element[], into = new Map<string, string>()) {
  for (const element of elements) {
    if (element.type === LITERAL || element.type === POUND) continue;
    if (element.type === ARGUMENT) into.set(element.value, "text");
    else if (element.type === NUMBER || element.type === PLURAL) into.set(element.value, "number");
    else
      into.set(
        "value" in element ? String(element.value) : "?",
        `unexpected ICU type ${element.type}`,
      );
    if ("options" in element) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

/** The formatter the catalogs had before ICU: `{name}` replaced, everything else as written. */
function simpleFormat(template: string, params?: MessageParams) {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** The messages whose words depend on a count: ICU plurals (or a number formatted for the locale). */
const PLURALS = [
  "nav.unread",
  "errors.chooseAtLeast",
  "errors.chooseAtMost",
  "errors.tooSmall",
  "errors.tooBig",
  "errors.numberBetween",
  "errors.integerBetween",
  "errors.integerAtLeast",
  "errors.integerAtMost",
  "auth.signIn.throttled",
  "apply.tooMany",
  "hostile.signUpTooMany",
  "interviews.report.counts",
  "live.wait.count",
  "taxonomy.inUse",
  "applications.count",
  "directory.count",
  "formation.solveHint",
  "forms.count",
  "forms.countNear",
  "forms.countOver",
  "formation.local.improved",
  "meetings.planned",
  "meetings.rotated",
  "plan.imported",
  "codev.runner.ended",
  "report.tools.more",
  "retention.whileOpen",
  "tools.count",
  "evaluations.reminded",
  "pager.total",
  "competitors.found",
  "competitors.more",
  "events.summary",
  "checkIns.intro",
  "notifications.checkInReminder.text",
  "notifications.coordinatorRoleRevoked.subject",
  "notifications.coordinatorRoleRevoked.text",
  "groups.spaceIntro",
  "groups.hoursLeft",
  "groups.matchesInGroups",
  "report.hours.intro",
  "report.budget.mentorsCount",
  "meetingRhythm.tooClose",
  "meetingRhythm.tooFar",
  "followUp.intro",
  "followUp.yearFull",
  "admin.count",
  "auth.forgot.tooMany",
  "auth.forgot.sent",
  "emails.passwordReset.text",
].sort();

describe("the French and English catalogs", () => {
  const frKeys = catalogs.fr;
  const enKeys = catalogs.en;

  it("have exactly the same keys", () => {
    const onlyFr = [...frKeys.keys()].filter((k) => !enKeys.has(k));
    const onlyEn = [...enKeys.keys()].filter((k) => !frKeys.has(k));
    expect({ onlyFr, onlyEn }).toEqual({ onlyFr: [], onlyEn: [] });
  });

  it("parse as ICU messages, with the same arguments in both languages, and no message is empty", () => {
    for (const [key, text] of frKeys) {
      const english = enKeys.get(key) ?? "";
      expect(text.trim(), key).not.toBe("");
      expect(english.trim(), key).not.toBe("");
      const frArgs = argumentsOf(parse(text, "fr"));
      const enArgs = argumentsOf(parse(english, "en"));
      expect(Object.fromEntries(enArgs), key).toEqual(Object.fromEntries(frArgs));
    }
  });

  it("say plurals with ICU, never with “(s)”", () => {
    for (const locale of ["fr", "en"] as const) {
      for (const [key, text] of catalogs[locale]) {
        expect(text, `${locale} ${key}`).not.toMatch(/\((?:s|es|x)\)/);
      }
    }
    // Exactly the listed messages take a count: any other ICU construct would change how an
    // existing message reads, and the next test would not compare it with what it was.
    const counted = [...frKeys]
      .filter(([, text]) => [...argumentsOf(parse(text, "fr")).values()].some((t) => t !== "text"))
      .map(([key]) => key)
      .sort();
    expect(counted).toEqual(PLURALS);
  });

  it("read every other message exactly as before ICU, apostrophes, quotes and braces included", () => {
    // Values with what ICU treats specially, so that a message never re-reads its parameters.
    const sample = (name: string, index: number): string | number =>
      index % 3 === 0 ? 1234.5 : index % 3 === 1 ? `l'équipe {${name}} <b>#1</b> ''` : 7;
    let compared = 0;
    for (const locale of ["fr", "en"] as const) {
      for (const [key, text] of catalogs[locale]) {
        if (PLURALS.includes(key)) continue;
        const names = [...argumentsOf(parse(text, locale)).keys()];
        const params = Object.fromEntries(names.map((name, i) => [name, sample(name, i)]));
        const label = `${locale} ${key}`;
        expect(translate(locale, key as MessageKey, params), label).toBe(
          simpleFormat(text, params),
        );
        // Without its parameters a message reads with its placeholders, as it always did.
        expect(translate(locale, key as MessageKey), label).toBe(text);
        if (names.length > 1) {
          const partial = { [names[0]!]: "x" };
          expect(translate(locale, key as MessageKey, partial), label).toBe(
            simpleFormat(text, partial),
          );
        }
        compared++;
      }
    }
    expect(compared).toBe(2 * (catalogs.fr.size - PLURALS.length));
  });
});

describe("plurals", () => {
  it("count as French does (0 and 1 are singular) and as English does", () => {
    const count = (locale: Locale, n: number) =>
      translate(locale, "applications.count", { count: n });
    expect([0, 1, 2].map((n) => count("fr", n))).toEqual([
      "0 candidature",
      "1 candidature",
      "2 candidatures",
    ]);
    expect([0, 1, 2].map((n) => count("en", n))).toEqual([
      "0 applications",
      "1 application",
      "2 applications",
    ]);
    // Large counts are written for the locale, as formatNumber writes them.
    expect(count("fr", 25_000)).toBe(`${formatNumber("fr", 25_000)} candidatures`);
    expect(count("en", 25_000)).toBe("25,000 applications");
    expect(translate("fr", "meetings.planned", { count: 1 })).toBe("1 rencontre planifiée.");
    expect(translate("fr", "meetings.planned", { count: 14 })).toBe("14 rencontres planifiées.");
    expect(translate("en", "evaluations.reminded", { count: 1 })).toBe(
      "Reminder sent to 1 person.",
    );
    expect(translate("en", "evaluations.reminded", { count: 2 })).toBe(
      "Reminder sent to 2 people.",
    );
    expect(translate("fr", "checkIns.intro", { weeks: 1 })).toMatch(/^Chaque semaine, /);
    expect(translate("fr", "checkIns.intro", { weeks: 3 })).toMatch(/^Toutes les 3 semaines, /);
    expect(translate("fr", "groups.hoursLeft", { remaining: 1, bank: 20 })).toBe(
      "1 h restante sur 20 h",
    );
    expect(translate("fr", "groups.hoursLeft", { remaining: 12.25, bank: 20 })).toBe(
      "12,25 h restantes sur 20 h",
    );
    expect(translate("en", "groups.hoursLeft", { remaining: 1234.5, bank: 2000 })).toBe(
      "1,234.5 h left of 2,000 h",
    );
  });

  it("read well with 1 and with 2 in every plural message, in both languages", () => {
    for (const locale of ["fr", "en"] as const) {
      for (const key of PLURALS) {
        const names = [...argumentsOf(parse(catalogs[locale].get(key)!, locale))];
        for (const n of [1, 2]) {
          const params = Object.fromEntries(
            names.map(([name, kind]) => [name, kind === "number" ? n : "X"]),
          );
          const text = translate(locale, key as MessageKey, params);
          // Every count shows, and no placeholder or ICU syntax is left.
          expect(text, `${locale} ${key} ${n}`).not.toMatch(/[{}#]/);
          if (key !== "checkIns.intro" && key !== "notifications.checkInReminder.text") {
            expect(text, `${locale} ${key} ${n}`).toMatch(new RegExp(`(^|[^\\d])${n}([^\\d]|$)`));
          }
        }
      }
    }
  });
});

describe("translation helpers", () => {
  it("fills placeholders and picks the language from the cookie", () => {
    expect(translate("fr", "dashboard.greeting", { name: "Louise" })).toBe("Bonjour Louise !");
    expect(translate("en", "dashboard.greeting", { name: "Louise" })).toBe("Hello Louise!");
    // A parameter's own braces and apostrophes are not read as ICU syntax.
    expect(translate("fr", "dashboard.greeting", { name: "{count} l'a" })).toBe(
      "Bonjour {count} l'a !",
    );
    expect(localeFromCookieHeader("a=b; maillage_lang=en")).toBe("en");
    expect(localeFromCookieHeader("maillage_lang=de")).toBe("fr");
    expect(localeFromCookieHeader(undefined)).toBe("fr");
    expect(isMessageKey("dashboard.greeting")).toBe(true);
    expect(isMessageKey("dashboard")).toBe(false);
  });

  it("formats dates and numbers per locale", () => {
    expect(formatDate("fr", "2027-01-11")).toBe("11 janvier 2027");
    expect(formatDate("en", "2027-01-11")).toBe("January 11, 2027");
    expect(formatNumber("fr", 1234.5).replace(/\s/g, " ")).toBe("1 234,5");
    expect(formatNumber("en", 1234.5)).toBe("1,234.5");
    // Whole numbers, small and large, read as each language writes them (and 1 000 is grouped).
    for (const locale of ["fr", "en"] as const) {
      const intl = new Intl.NumberFormat(locale === "fr" ? "fr-CA" : "en-CA");
      for (const n of [0, 7, 42, 999, 1000, 25_000, -3, 2.5]) {
        expect(formatNumber(locale, n)).toBe(intl.format(n));
      }
    }
    expect(formatNumber("fr", 1000).replace(/\s/g, " ")).toBe("1 000");
    expect(translate("en", "nope.missing" as "dashboard.greeting")).toBe("nope.missing");
  });
});
