import { describe, expect, it } from "vitest";
import { z } from "zod";
import { textLimits } from "../../core/schemas/forms";
import { applicationFormSchema, scoreSchema } from "../../core/schemas/application";
import { optionalText, requiredText } from "../../core/schemas/fields";

describe("textLimits: the counters' limits come from the form's schema", () => {
  it("reads each text field's maximum, through defaults, pipes, preprocessing and unions", () => {
    const limits = textLimits(applicationFormSchema(["transport"], []));
    expect(limits.concept).toBe(6000);
    expect(limits.barriers).toBe(3000);
    expect(limits.competitorsText).toBe(1000);
    expect(limits.organizationName).toBe(160);
    expect(limits).not.toHaveProperty("operations");
  });

  it("names nested fields as the form posts them", () => {
    expect(textLimits(scoreSchema("project"))).toMatchObject({
      "comment.foodAccess": 1000,
      "comment.partnerships": 1000,
    });
  });

  it("gives the stricter limit when a union's branches differ", () => {
    const schema = z.discriminatedUnion("intent", [
      z.object({ intent: z.literal("a"), note: requiredText(2, 500) }),
      z.object({ intent: z.literal("b"), note: optionalText(200) }),
    ]);
    expect(textLimits(schema)).toEqual({ note: 200 });
  });
});
