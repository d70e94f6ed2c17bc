/**
 * Declaring co-mentors (core/schemas/co-mentors.ts): only two mentors of this program, of one
 * organization, neither sharing a seat already nor in a group yet; each refusal names its field
 * and a translated message.
 */
import { describe, expect, it } from "vitest";
import { coMentorFormSchema, coMentorPairSchema } from "../../core/schemas/co-mentors";
import { formationSchema } from "../../core/schemas/groups";
import { translate } from "../../core/i18n";

const people = new Map([
  ["p-anne", { role: "mentor", organizationId: "org-x", busy: false }],
  ["p-gilles", { role: "mentor", organizationId: "org-x", busy: false }],
  ["p-louise", { role: "mentor", organizationId: "org-y", busy: false }],
  ["p-rose", { role: "mentee", organizationId: "org-x", busy: false }],
  ["p-yves", { role: "mentor", organizationId: "org-x", busy: true }],
  ["p-paul", { role: "mentor", organizationId: "org-x", busy: false, coMentorId: "p-zoe" }],
]);

function refusal(a: string, b: string) {
  const result = coMentorPairSchema(people).safeParse({ a, b });
  return result.success
    ? undefined
    : result.error.issues.map((i) => [i.path.join("."), i.message] as const);
}

describe("a co-mentor declaration", () => {
  it("accepts two mentors of one organization", () => {
    expect(refusal("p-anne", "p-gilles")).toBeUndefined();
  });

  it("refuses, naming the field, anything else", () => {
    expect(refusal("p-anne", "p-anne")).toContainEqual(["b", "coMentors.errors.same"]);
    expect(refusal("p-anne", "p-louise")).toEqual([["b", "coMentors.errors.otherOrganization"]]);
    expect(refusal("p-anne", "p-rose")).toEqual([["b", "coMentors.errors.notMentor"]]);
    expect(refusal("p-inconnu", "p-anne")).toEqual([["a", "coMentors.errors.notParticipant"]]);
    expect(refusal("p-anne", "p-yves")).toEqual([["b", "coMentors.errors.inGroup"]]);
    // A seat is shared by two: someone sharing one already cannot join another.
    expect(refusal("p-paul", "p-anne")).toEqual([["a", "coMentors.errors.alreadyPaired"]]);
  });

  it("has a message in both languages for each refusal", () => {
    for (const key of [
      "same",
      "notParticipant",
      "notMentor",
      "otherOrganization",
      "alreadyPaired",
      "inGroup",
    ] as const) {
      const fr = translate("fr", `coMentors.errors.${key}`);
      const en = translate("en", `coMentors.errors.${key}`);
      expect(fr).not.toBe(`coMentors.errors.${key}`);
      expect(en).not.toBe(fr);
    }
  });

  it("is a form of the formation page: two ids, different", () => {
    expect(
      formationSchema.safeParse({ intent: "co-mentor-add", a: "p-anne", b: "p-gilles" }).success,
    ).toBe(true);
    const same = coMentorFormSchema.safeParse({ intent: "co-mentor-add", a: "p-a", b: "p-a" });
    expect(same.error?.issues.map((i) => i.message)).toEqual(["coMentors.errors.same"]);
    const bad = formationSchema.safeParse({ intent: "co-mentor-remove", a: "<x>", b: "p-a" });
    expect(bad.success).toBe(false);
  });
});
