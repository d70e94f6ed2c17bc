/**
 * Reasons are codes with parameters (matching/reasons.ts, core/data/reasons.ts), worded by the app:
 * every code has a French and an English message using exactly its parameters, the wording fills
 * lists, subjects and numbers the way each language writes them, and every reason the engine gives
 * on random instances reads as a sentence in both languages.
 */
import { describe, expect, it } from "vitest";
import { REASON_PARAMS, solveMatching } from "../../matching";
import {
  APP_REASON_PARAMS,
  STORED_REASON_PARAMS,
  type StoredReason,
} from "../../core/data/reasons";
import en from "../../core/i18n/en.json";
import fr from "../../core/i18n/fr.json";
import { reasonText } from "../../core/data/reason-text";
import { randomInstance } from "../matching/random";

/** A taxonomy in which "Gestion des risques" has been removed since the reasons were stored. */
const TAXONOMY = [{ id: "chaine-froid", label: "Chaîne de froid", labelEn: "Cold chain" }];

const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
const catalogs = {
  fr: fr.reasons as Record<string, string>,
  en: en.reasons as Record<string, string>,
};

describe("reason codes", () => {
  it("each has a French and an English message with exactly the parameters it carries", () => {
    const worded = Object.keys(STORED_REASON_PARAMS).filter((code) => code !== "legacy-text");
    expect(worded.length).toBe(Object.keys(REASON_PARAMS).length + 1);
    for (const code of worded) {
      const params = [...STORED_REASON_PARAMS[code]!].sort();
      for (const locale of ["fr", "en"] as const) {
        const message = catalogs[locale][code];
        expect(message, `${locale} ${code}`).toBeTypeOf("string");
        expect(placeholders(message!), `${locale} ${code}`).toEqual(params);
      }
    }
    // No message for a code that does not exist (a renamed code would leave one behind).
    for (const locale of ["fr", "en"] as const)
      expect(Object.keys(catalogs[locale]).sort()).toEqual(worded.sort());
    expect(APP_REASON_PARAMS["legacy-text"]).toEqual(["fr", "en"]);
  });

  it("are worded with lists, quoted subjects and numbers as each language writes them", () => {
    const needMet: StoredReason = {
      code: "need-met",
      params: { who: "Benoît Girard", need: "Chaîne de froid", priority: 3, by: "Marc Tremblay" },
    };
    expect(reasonText("fr", needMet, TAXONOMY)).toBe(
      "Le besoin « Chaîne de froid » de Benoît Girard (priorité élevée) rejoint l'expertise de Marc Tremblay.",
    );
    expect(reasonText("en", needMet, TAXONOMY)).toBe(
      "Benoît Girard's need “Cold chain” (high priority) meets Marc Tremblay's expertise.",
    );
    const shared: StoredReason = {
      code: "shared-needs",
      params: { a: "Benoît", b: "Mathieu", needs: ["Chaîne de froid", "Gestion des risques"] },
    };
    expect(reasonText("fr", shared, TAXONOMY)).toBe(
      "Benoît et Mathieu partagent « Chaîne de froid » et « Gestion des risques » : rencontres collectives possibles.",
    );
    // Stored by their French label, subjects read in the reader's language (a label the taxonomy
    // no longer has, as it was stored).
    expect(reasonText("en", shared, TAXONOMY)).toBe(
      "Benoît and Mathieu share “Cold chain” and “Gestion des risques”: they can meet collectively.",
    );
    const triad: StoredReason = {
      code: "codev-group",
      params: { members: ["Ana", "Béa", "Carl"] },
    };
    expect(reasonText("fr", triad, TAXONOMY)).toBe(
      "Groupe de codéveloppement : Ana, Béa et Carl (pairs).",
    );
    expect(reasonText("en", triad, TAXONOMY)).toBe(
      "Co-development group: Ana, Béa and Carl (peers).",
    );
    const rating: StoredReason = {
      code: "mutual-rating",
      params: { a: "Ana", b: "Béa", aToB: 2.5, bToA: 5 },
    };
    // In the words of the rating form (oui / peut-être / non), never a score out of 5.
    expect(reasonText("fr", rating, TAXONOMY)).toBe(
      "Intérêt mutuel au speed dating : Ana a répondu « peut-être » pour Béa, et Béa « oui » pour Ana.",
    );
    expect(reasonText("en", rating, TAXONOMY)).toBe(
      "Mutual interest at speed dating: Ana answered “maybe” about Béa, and Béa “yes” about Ana.",
    );
    const low: StoredReason = {
      code: "need-met",
      params: { who: "Ana", need: "Transport", priority: 1, by: "Béa" },
    };
    expect(reasonText("fr", low, TAXONOMY)).toBe(
      "Le besoin « Transport » de Ana (priorité faible) rejoint l'expertise de Béa.",
    );
  });

  it("a sentence stored before codes is shown as it was written, in each language", () => {
    const legacy: StoredReason = {
      code: "legacy-text",
      params: {
        fr: "Trois organismes, aucun concurrent.",
        en: "Three organizations, no competitor.",
      },
    };
    expect(reasonText("fr", legacy, TAXONOMY)).toBe("Trois organismes, aucun concurrent.");
    expect(reasonText("en", legacy, TAXONOMY)).toBe("Three organizations, no competitor.");
  });

  it("every reason the engine gives on random instances reads as a sentence in both languages", async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 24; seed++) {
      const instance = randomInstance({
        seed: 4000 + seed,
        size: 6 + (seed % 9),
        mode: seed % 3 === 0 ? "co-development" : "mentorship",
        regionRule: (["distinct-regions", "distinct-mrcs", "same-region-distinct-mrcs"] as const)[
          seed % 3
        ]!,
        explicitScores: seed % 5 === 0,
      });
      const result = await solveMatching(instance, { timeLimitMs: 10_000 });
      const reasons = [
        ...result.groups.flatMap((g) => g.explanation.reasons),
        ...result.unplaced.flatMap((u) => u.reasons),
      ];
      for (const reason of reasons) {
        seen.add(reason.code);
        for (const locale of ["fr", "en"] as const) {
          const text = reasonText(locale, reason, TAXONOMY);
          expect(text, `${locale} ${reason.code}`).toMatch(/^\S.*[.!]$/);
          expect(text, `${locale} ${reason.code}`).not.toMatch(/[{}]|reasons\.|words\.|\/5\b/);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});

describe("what a group's members read about their own group", () => {
  it("never says how the others answered at speed dating, and keeps every other reason", async () => {
    const { reasonsForMembers } = await import("../../core/models/group/rules.server");
    const reasons: StoredReason[] = [
      { code: "mutual-rating", params: { a: "Ana", b: "Béa", aToB: 2.5, bToA: 5 } },
      { code: "codev-group", params: { members: ["Ana", "Béa", "Carl"] } },
    ];
    const shown = reasonsForMembers(reasons).map((r) => reasonText("fr", r, TAXONOMY));
    expect(shown).toEqual(["Groupe de codéveloppement : Ana, Béa et Carl (pairs)."]);
    expect(shown.join(" ")).not.toContain("peut-être");
  });
});
