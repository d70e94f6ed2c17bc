/** The forms of a person's own data (#21, ADR 0038): deleting one's account. */
import { z } from "zod";
import { checkbox } from "./fields";

/** The password confirms the deletion; the box says the person understood it is final. */
export const accountDeleteSchema = z.object({
  password: z.string().min(1, "errors.required").max(200, "errors.tooLong"),
  confirm: checkbox.refine((v) => v, "accountDelete.mustConfirm"),
});
export type AccountDeleteForm = z.input<typeof accountDeleteSchema>;
