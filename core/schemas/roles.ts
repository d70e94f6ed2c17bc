/**
 * The forms of roles (ADR 0035): an administrator grants or revokes the coordinator role; a
 * program's coordinator invites a co-coordinator, withdraws an invitation still waiting or steps
 * down; the invited person accepts.
 */
import { z } from "zod";
import { TOKEN_PATTERN } from "../security/tokens";
import { checkbox, choiceIdSchema, emailField, text } from "./fields";

/** The administration page's search: a name or an address, as typed (at most 100 characters). */
export const accountSearchSchema = text().max(100).catch("");

export const roleChangeSchema = z.object({
  intent: z.enum(["grant", "revoke"], "errors.choice"),
  userId: choiceIdSchema,
});

export const coCoordinatorInviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
});
export type CoCoordinatorInviteForm = z.input<typeof coCoordinatorInviteSchema>;

export const stepDownSchema = z.object({
  intent: z.literal("step-down"),
  confirm: checkbox.refine((v) => v, "errors.confirmStepDown"),
});
export type StepDownForm = z.input<typeof stepDownSchema>;

export const withdrawInvitationSchema = z.object({
  intent: z.literal("withdraw"),
  invitationId: choiceIdSchema,
});
export type WithdrawInvitationForm = z.input<typeof withdrawInvitationSchema>;

export const coordinatorsPageSchema = z.discriminatedUnion("intent", [
  coCoordinatorInviteSchema,
  withdrawInvitationSchema,
  stepDownSchema,
]);

export const acceptCoordinationSchema = z.object({ intent: z.literal("accept") });

export const coordinatorInvitationTokenSchema = z.string().regex(TOKEN_PATTERN);
