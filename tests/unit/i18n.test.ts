import { describe, expect, it } from "vitest";
import en from "../../core/i18n/en.json";
import fr from "../../core/i18n/fr.json";
import { formatDate, formatNumber, localeFromCookieHeader, translate } from "../../core/i18n";

function flatten(node: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the French and English catalogs", () => {
  const frKeys = flatten(fr);
  const enKeys = flatten(en);

  it("have exactly the same keys", () => {
    const onlyFr = [...frKeys.keys()].filter((k) => !enKeys.has(k));
    const onlyEn = [...enKeys.keys()].filter((k) => !frKeys.has(k));
    expect({ onlyFr, onlyEn }).toEqual({ onlyFr: [], onlyEn: [] });
  });

  it("use the same placeholders for each key, and no message is empty", () => {
    for (const [key, text] of frKeys) {
      expect(text.trim(), key).not.toBe("");
      expect(enKeys.get(key)?.trim(), key).not.toBe("");
      expect(placeholders(enKeys.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });
});

describe("translation helpers", () => {
  it("fills placeholders and picks the language from the cookie", () => {
    expect(translate("fr", "dashboard.greeting", { name: "Louise" })).toBe("Bonjour Louise !");
    expect(translate("en", "dashboard.greeting", { name: "Louise" })).toBe("Hello Louise!");
    expect(localeFromCookieHeader("a=b; maillage_lang=en")).toBe("en");
    expect(localeFromCookieHeader("maillage_lang=de")).toBe("fr");
    expect(localeFromCookieHeader(undefined)).toBe("fr");
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
