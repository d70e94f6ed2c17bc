/** Form schemas for accounts. Messages are catalog keys (see utils/forms.ts). */
import { z } from "zod";
import { isMrcInRegion, isValidRegion } from "~/data/geography";

const email = z
  .string()
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.tooLong")
  .pipe(z.email("errors.email"));

export const PASSWORD_MIN = 10;

export const loginSchema = z.object({
  email,
  password: z.string().min(1, "errors.required").max(200, "errors.tooLong"),
  redirectTo: z.string().max(500).optional(),
});

export const signupSchema = z.object({
  name: z.string().trim().min(1, "errors.required").max(120),
  email,
  password: z.string().min(PASSWORD_MIN).max(200),
  redirectTo: z.string().max(500).optional(),
});

export const organizationFields = z
  .object({
    organization: z.string().trim().min(2).max(160),
    sector: z.string().trim().max(120).default(""),
    region: z.string().refine(isValidRegion, "errors.region"),
    mrc: z.string().min(1, "errors.required"),
  })
  .refine((v) => isMrcInRegion(v.region, v.mrc), {
    path: ["mrc"],
    message: "errors.mrcNotInRegion",
  });

export const languageSchema = z.object({
  lang: z.enum(["fr", "en"]),
  redirectTo: z.string().max(500).optional(),
});
