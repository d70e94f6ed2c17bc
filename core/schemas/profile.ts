import { z } from "zod";
import { availabilitySlots } from "../data/vocabulary";
import { checkbox, optionalText, text } from "./fields";
import { ROLES } from "../../matching/roles";

export const PROFILE_ARRAY_FIELDS = [
  "needTag",
  "needPriority",
  "expertise",
  "availability",
  "competitorOrgIds",
  "conflictOrgIds",
] as const;

/**
 * The profile form: needs come as two aligned lists (tag, priority); their order is their priority's
 * (ADR 0033).
 * `conflictCandidates`: the organizations the person may declare a conflict of interest with (the
 * program's organizations of their region, under the proximity rule; none otherwise).
 */
export function profileFormSchema(
  tagIds: readonly string[],
  organizationIds: readonly string[],
  conflictCandidates: readonly string[] = [],
) {
  const tag = z
    .string()
    .max(48, "errors.unknownTag")
    .refine((t) => tagIds.includes(t), "errors.unknownTag");
  return z
    .object({
      intent: z
        .string()
        .max(20)
        .regex(/^(save|add|remove:\d+)$/),
      sector: text().min(2).max(120),
      field: optionalText(200),
      needTag: z.array(tag).max(30),
      needPriority: z.array(z.coerce.number().int().min(1).max(3)).max(30),
      newNeedTag: z.union([z.literal(""), tag]).default(""),
      newNeedPriority: z.coerce.number().int().min(1).max(3).default(2),
      needsText: optionalText(3000),
      expertise: z.array(tag).max(30),
      expertiseText: optionalText(3000),
      workingStyle: z.enum(["structured", "intuitive", "between"], "errors.choice"),
      availability: z.array(z.enum(availabilitySlots as [string, ...string[]])).max(21),
      competitorOrgIds: z
        .array(
          z
            .string()
            .max(64, "errors.choice")
            .refine((id) => organizationIds.includes(id), "errors.choice"),
        )
        .max(50),
      conflictOrgIds: z
        .array(z.string().max(64, "errors.conflictOutsideRegion"))
        .max(50)
        .refine(
          (ids) => ids.every((id) => conflictCandidates.includes(id)),
          "errors.conflictOutsideRegion",
        ),
      published: checkbox,
    })
    .refine((v) => v.needTag.length === v.needPriority.length, {
      path: ["needTag"],
      message: "errors.format",
    })
    .refine((v) => v.intent !== "add" || v.newNeedTag !== "", {
      path: ["newNeedTag"],
      message: "errors.chooseNeed",
    });
}
export type ProfileFormInput = z.infer<ReturnType<typeof profileFormSchema>>;

export const directoryFiltersSchema = z.object({
  tag: z
    .string()
    .regex(/^[a-z0-9-]{1,48}$/)
    .optional()
    .catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  style: z.enum(["structured", "intuitive", "between"]).optional().catch(undefined),
});
export type DirectoryFilters = z.infer<typeof directoryFiltersSchema>;
