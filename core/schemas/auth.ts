/** Form schemas for accounts. Messages are catalog keys (see utils/forms.ts). */
import { z } from "zod";
import { isMrcInRegion, isValidRegion } from "../data/geography";
import { checkbox, text } from "./fields";

const email = z
  .string()
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.tooLong")
  .pipe(z.email("errors.email"));

export const PASSWORD_MIN = 10;

/**
 * Where to go after the form: a path of printable ASCII characters (a header value), else nothing
 * (the default page); a hidden field, so a bad value never shows as an error.
 */
const redirectTo = z
  .string()
  .max(500)
  .regex(/^[\x21-\x7e]*$/)
  .optional()
  .catch(undefined);

export const loginSchema = z.object({
  email,
  password: z.string().min(1, "errors.required").max(200, "errors.tooLong"),
  redirectTo,
});

export const signupSchema = z.object({
  name: text().min(1, "errors.required").max(120),
  email,
  password: z.string().min(PASSWORD_MIN).max(200),
  /** The privacy page read and accepted (its version is recorded with the account). */
  consent: checkbox.refine((v) => v, "errors.privacyConsentRequired"),
  redirectTo,
});

/**
 * The link that confirms a sign-up (core/models/signup.server.ts): a sealed token, in the sign-up
 * page's query (`/signup?confirm=…`).
 */
export const signUpTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{40,2000}$/);

/** The confirmation form: its button only (the token is in the page's query). */
export const signUpConfirmSchema = z.object({ intent: z.literal("confirm") });

/** The forms' fields as the page sends them (for `useAppForm`). */
export type LoginForm = z.input<typeof loginSchema>;
export type SignupForm = z.input<typeof signupSchema>;

export const organizationFields = z
  .object({
    organization: text().min(2).max(160),
    sector: text().max(120).default(""),
    region: z.string().max(2, "errors.region").refine(isValidRegion, "errors.region"),
    mrc: z.string().min(1, "errors.required").max(3, "errors.choice"),
  })
  .refine((v) => isMrcInRegion(v.region, v.mrc), {
    path: ["mrc"],
    message: "errors.mrcNotInRegion",
  });

export const languageSchema = z.object({
  lang: z.enum(["fr", "en"]),
  redirectTo,
});
