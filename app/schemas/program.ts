import { z } from "zod";

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  role: z.enum(["mentor", "mentee", "peer"], "errors.choice"),
  email: z
    .string()
    .trim()
    .max(254, "errors.tooLong")
    .pipe(z.union([z.literal(""), z.email("errors.email")]))
    .optional(),
});
