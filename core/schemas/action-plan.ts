import { z } from "zod";
import { optionalText, requiredText, idSchema } from "./fields";

const itemId = idSchema;

export const actionPlanSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("import") }),
  z.object({ intent: z.literal("add"), title: requiredText(2, 300) }),
  z.object({ intent: z.enum(["up", "down"]), itemId }),
  z.object({
    intent: z.literal("update"),
    itemId,
    status: z.enum(["todo", "in-progress", "done", "dropped"], "errors.choice"),
    notes: optionalText(4000),
  }),
]);
export type ActionPlanForm = z.input<typeof actionPlanSchema>;
