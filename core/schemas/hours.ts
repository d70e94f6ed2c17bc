import { z } from "zod";
import { dateField, numberField, optionalText, idSchema } from "./fields";

export const hourEntrySchema = z.object({
  intent: z.literal("add"),
  kind: z.enum(["meeting", "preparation", "communication", "follow-up"], "errors.choice"),
  hours: numberField(0.25, 12, false).refine((h) => Number.isInteger(h * 4), "errors.quarterHours"),
  date: dateField,
  note: optionalText(500),
});

export const removeEntrySchema = z.object({
  intent: z.literal("remove"),
  entryId: idSchema,
});

/** The hour bank page: log hours, or remove one's own line. */
export const hourBankSchema = z.discriminatedUnion("intent", [hourEntrySchema, removeEntrySchema]);
export type HourEntryForm = z.input<typeof hourEntrySchema>;
