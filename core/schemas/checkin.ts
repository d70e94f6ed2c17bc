import { z } from "zod";
import { optionalText, requiredText } from "./fields";

export const checkInFormSchema = z.object({
  needsStatus: z.enum(["on-track", "changed", "blocked"], "errors.choice"),
  update: requiredText(3, 2000),
  changes: optionalText(2000),
  questions: optionalText(2000),
});
export type CheckInForm = z.input<typeof checkInFormSchema>;
