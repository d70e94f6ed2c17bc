import { z } from "zod";
import { requiredText } from "./fields";

export const AGREEMENT_POINTS = [
  "responsibilities",
  "objectives",
  "referencePersons",
  "period",
  "meetings",
  "communication",
] as const;

export const agreementFormSchema = z.object({
  intent: z.literal("save"),
  responsibilities: requiredText(5, 4000),
  objectives: requiredText(5, 4000),
  referencePersons: requiredText(3, 2000),
  period: requiredText(3, 1000),
  meetings: requiredText(3, 2000),
  communication: requiredText(3, 2000),
});
export type AgreementFormInput = Omit<z.infer<typeof agreementFormSchema>, "intent">;

export const acceptSchema = z.object({
  intent: z.literal("accept"),
  version: z.coerce.number().int().min(1),
});

/** The observation point (ADR 0027): invite the program's coordination, or withdraw the invitation. */
export const observerSchema = z.object({
  intent: z.literal("observer"),
  invite: z.enum(["on", "off"], "errors.choice"),
});

/** The agreement page: save a new version, accept the current one, or set the observation point. */
export const agreementSchema = z.discriminatedUnion("intent", [
  agreementFormSchema,
  acceptSchema,
  observerSchema,
]);
export type AgreementForm = z.input<typeof agreementSchema>;
export type AgreementSaveForm = z.input<typeof agreementFormSchema>;
