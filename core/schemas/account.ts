/**
 * Form schemas of the account (core/models/account.server.ts): a forgotten password, a reset, and
 * the account page's three forms (details, address, password). Messages are catalog keys.
 */
import { z } from "zod";
import { crossField } from "./forms";
import { text } from "./fields";
import { PASSWORD_MIN } from "./auth";
import { OPTIONAL_NOTICE_CATEGORIES } from "../data/notice-kinds";

const email = z
  .string()
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.tooLong")
  .pipe(z.email("errors.email"));

const newPassword = z
  .string()
  .min(PASSWORD_MIN, "account.errors.passwordShort")
  .max(200, "errors.tooLong");
const currentPassword = z.string().min(1, "errors.required").max(200, "errors.tooLong");

/** The passwords typed twice must match (a check of the form's own schema). */
const samePassword = <T extends { password: string; passwordConfirm: string }>() =>
  crossField<T>(
    ["password", "passwordConfirm"],
    (v) => v.password === v.passwordConfirm,
    "passwordConfirm",
    "account.errors.passwordMismatch",
  );

export const forgotPasswordSchema = z.object({ email });

const resetFields = z.object({
  password: newPassword,
  passwordConfirm: z.string().max(200, "errors.tooLong"),
});
export const resetPasswordSchema = resetFields.refine(
  ...samePassword<z.infer<typeof resetFields>>(),
);

/**
 * The links of the account (a reset, a new address): sealed tokens in the page's query, like the
 * sign-up link's.
 */
export const accountTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{40,2000}$/);

export const accountDetailsSchema = z.object({
  intent: z.literal("details"),
  name: text().min(1, "errors.required").max(120),
  locale: z.enum(["fr", "en"], "errors.choice"),
});

export const accountEmailSchema = z.object({
  intent: z.literal("email"),
  email,
  currentPassword,
});

const passwordFields = z.object({
  intent: z.literal("password"),
  currentPassword,
  password: newPassword,
  passwordConfirm: z.string().max(200, "errors.tooLong"),
});
export const accountPasswordSchema = passwordFields.refine(
  ...samePassword<z.infer<typeof passwordFields>>(),
);

/**
 * The e-mail notices kept on (ADR 0039): the checked boxes, each an optional category (an
 * unchecked box is not sent; "essential" is not a choice).
 */
export const accountNoticesSchema = z.object({
  intent: z.literal("notices"),
  on: z
    .array(z.enum(OPTIONAL_NOTICE_CATEGORIES, "errors.choice"))
    .max(OPTIONAL_NOTICE_CATEGORIES.length, "errors.choice")
    .default([]),
});

/** The account page's forms, told apart by their button (`intent`). */
export const accountFormSchema = z.discriminatedUnion("intent", [
  accountDetailsSchema,
  accountEmailSchema,
  accountPasswordSchema,
  accountNoticesSchema,
]);

/** The address-change confirmation: its button only (the token is in the page's query). */
export const emailConfirmSchema = z.object({ intent: z.literal("confirm") });

export type ForgotPasswordForm = z.input<typeof forgotPasswordSchema>;
export type ResetPasswordForm = z.input<typeof resetPasswordSchema>;
export type AccountDetailsForm = z.input<typeof accountDetailsSchema>;
export type AccountEmailForm = z.input<typeof accountEmailSchema>;
export type AccountPasswordForm = z.input<typeof accountPasswordSchema>;
export type AccountNoticesForm = z.input<typeof accountNoticesSchema>;
