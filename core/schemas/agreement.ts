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

/** The agreement page: save a new version, or accept the current one. */
export const agreementSchema = z.discriminatedUnion("intent", [agreementFormSchema, acceptSchema]);
export type AgreementForm = z.input<typeof agreementSchema>;
export type AgreementSaveForm = z.input<typeof agreementFormSchema>;
