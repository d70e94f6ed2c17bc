/**
 * The words people chose (core/data/plain-words.ts): priorities, speed-dating answers and fits
 * read as words, needs have one order (their priority's, ADR 0033), and document version 5 sorts
 * the needs stored before by it without losing any.
 */
import { describe, expect, it } from "vitest";
import {
  ANSWER_SCORE,
  fitLevel,
  groupFitLevel,
  needsByPriority,
  priorityLevel,
  ratingAnswer,
  shareOfBound,
} from "../../core/data/plain-words";
import { migrations } from "../../core/store/migrations";
import { applyNeedsIntent, fitReasons } from "../../core/models/profile.server";
import { profileFormSchema } from "../../core/schemas/profile";
import { translate } from "../../core/i18n";

describe("plain words", () => {
  it("a stored priority reads as the level people chose", () => {
    expect([3, 2, 1].map(priorityLevel)).toEqual(["high", "medium", "low"]);
    expect(translate("fr", `words.priority.${priorityLevel(3)}`)).toBe("élevée");
    expect(translate("fr", `words.priority.${priorityLevel(1)}`)).toBe("faible");
  });

  it("an engine rating reads as the answer of the rating form, both ways", () => {
    for (const answer of ["yes", "maybe", "no"] as const)
      expect(ratingAnswer(ANSWER_SCORE[answer])).toBe(answer);
    // Ratings given to the engine directly fall to the nearest answer.
    expect(ratingAnswer(4.5)).toBe("yes");
    expect(ratingAnswer(3)).toBe("maybe");
    expect(ratingAnswer(1)).toBe("no");
    expect(translate("fr", `words.answer.${ratingAnswer(2.5)}`)).toBe("peut-être");
  });

  it("fits are levels, a group's from its average pair", () => {
    expect([80, 50, 49, 20, 19, 0].map(fitLevel)).toEqual([
      "high",
      "high",
      "medium",
      "medium",
      "low",
      "low",
    ]);
    // Three pairs of 10 (half the full pair score of 20) make a group of 50 %: high.
    expect(groupFitLevel(30)).toBe("high");
    expect(groupFitLevel(12)).toBe("medium");
    expect(groupFitLevel(3)).toBe("low");
    expect(translate("fr", "fit.high")).toBe("Très bonne complémentarité");
  });

  it("the share of the bound a formation reaches", () => {
    expect(shareOfBound(90, 120)).toBe(75);
    expect(shareOfBound(120, 120)).toBe(100);
    expect(shareOfBound(0, 0)).toBe(100);
  });
});

describe("needs have one notion of importance: the priority (ADR 0033)", () => {
  it("are sorted by priority, keeping the given order within a priority", () => {
    const needs = [
      { tag: "a", priority: 1 },
      { tag: "b", priority: 3 },
      { tag: "c", priority: 2 },
      { tag: "d", priority: 3 },
    ];
    expect(needsByPriority(needs).map((n) => n.tag)).toEqual(["b", "d", "c", "a"]);
  });

  it("the profile form keeps them sorted when a priority changes or a need is added", () => {
    const schema = profileFormSchema(["x", "y", "z"], []);
    const input = schema.parse({
      intent: "add",
      sector: "Épicerie",
      needTag: ["x", "y"],
      needPriority: ["3", "1"],
      newNeedTag: "z",
      newNeedPriority: "2",
      expertise: [],
      availability: [],
      competitorOrgIds: [],
      conflictOrgIds: [],
      workingStyle: "between",
    });
    expect(applyNeedsIntent(input)).toEqual([
      { tag: "x", priority: 3 },
      { tag: "z", priority: 2 },
      { tag: "y", priority: 1 },
    ]);
    // The old arrows are gone: a forged "up:1" is refused by the form.
    expect(schema.safeParse({ ...input, intent: "up:1" }).success).toBe(false);
  });

  it("version 4 → 5 sorts stored needs by priority and loses none", () => {
    const doc = {
      schemaVersion: 4,
      participants: [
        {
          id: "p1",
          profile: {
            needs: [
              { tag: "transport", priority: 1 },
              { tag: "froid", priority: 3 },
              { tag: "prix", priority: 2 },
              { tag: "stock", priority: 3 },
            ],
          },
        },
        { id: "p2", profile: { needs: [] } },
      ],
      applications: [
        {
          id: "a1",
          profile: {
            needs: [
              { tag: "prix", priority: 2 },
              { tag: "froid", priority: 3 },
            ],
          },
        },
      ],
    };
    const next = migrations[4]!(doc) as typeof doc;
    expect(next.participants[0]!.profile.needs).toEqual([
      { tag: "froid", priority: 3 },
      { tag: "stock", priority: 3 },
      { tag: "prix", priority: 2 },
      { tag: "transport", priority: 1 },
    ]);
    expect(next.participants[1]!.profile.needs).toEqual([]);
    expect(next.applications[0]!.profile.needs.map((n) => n.tag)).toEqual(["froid", "prix"]);
  });
});

describe("what makes a directory fit (fitReasons)", () => {
  const person = (
    role: "mentor" | "mentee" | "peer",
    needs: Array<[string, number]>,
    expertise: string[],
  ) => ({
    role,
    profile: {
      sector: "",
      field: "",
      needs: needs.map(([tag, priority]) => ({ tag, priority })),
      needsText: "",
      expertise,
      expertiseText: "",
      workingStyle: "between" as const,
      availability: [],
    },
  });
  it("names the needs each covers for the other, by priority, and the needs in common", () => {
    const me = person(
      "mentee",
      [
        ["froid", 1],
        ["prix", 3],
        ["stock", 2],
      ],
      ["transport"],
    );
    const other = person(
      "mentee",
      [
        ["transport", 2],
        ["stock", 3],
      ],
      ["froid", "prix"],
    );
    expect(fitReasons(me, other)).toEqual({
      theyCover: ["prix", "froid"],
      youCover: ["transport"],
      shared: ["stock"],
    });
    // A mentor shares no needs with anyone, as the engine counts them.
    expect(fitReasons(me, { ...other, role: "mentor" }).shared).toEqual([]);
  });
});
