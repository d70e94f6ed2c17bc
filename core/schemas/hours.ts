import { z } from "zod";
import { dateField, numberField, optionalText, idSchema } from "./fields";

/**
 * What a line of work outside meetings was for: "" (nothing in particular), `meeting:<id>` or
 * `session:<id>` (a co-development session). In co-development the facilitator's work for a
 * meeting or session draws from the bank (core/models/hour-bank.ts).
 */
export const workForField = z
  .string()
  .regex(/^(?:(?:meeting|session):[\w-]{1,64})?$/, "errors.choice")
  .default("");

/** The record's fields for a `workForField` value. */
export function workFor(value: string): { forMeetingId?: string; forSessionId?: string } {
  const [kind, id] = value.split(":");
  if (!id) return {};
  return kind === "session" ? { forSessionId: id } : { forMeetingId: id };
}

export const hourEntrySchema = z.object({
  intent: z.literal("add"),
  kind: z.enum(["meeting", "preparation", "communication", "follow-up"], "errors.choice"),
  hours: numberField(0.25, 12, false).refine((h) => Number.isInteger(h * 4), "errors.quarterHours"),
  date: dateField,
  forId: workForField,
  note: optionalText(500),
});

export const removeEntrySchema = z.object({
  intent: z.literal("remove"),
  entryId: idSchema,
});

/** The hour bank page: log hours, or remove one's own line. */
export const hourBankSchema = z.discriminatedUnion("intent", [hourEntrySchema, removeEntrySchema]);
export type HourEntryForm = z.input<typeof hourEntrySchema>;
