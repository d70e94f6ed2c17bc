/** The coordination page's forms: coordination time, and each mentor's compensation. */
import { z } from "zod";
import { COORDINATION_TASKS } from "../data/vocabulary";
import { choiceIdSchema, dateField, idSchema, inRange, numberField, optionalText } from "./fields";

/** A coordinator logs time on the program (quarter hours, up to a long day). */
export const coordinationTimeSchema = z.object({
  intent: z.literal("time"),
  date: dateField,
  hours: numberField(0.25, 24, false).refine((h) => Number.isInteger(h * 4), "errors.quarterHours"),
  task: z.enum(COORDINATION_TASKS, "errors.choice"),
  note: optionalText(500),
});
export type CoordinationTimeForm = z.input<typeof coordinationTimeSchema>;

export const removeCoordinationTimeSchema = z.object({
  intent: z.literal("remove"),
  entryId: idSchema,
});

/**
 * A mentor's compensation (CAD, cents at most); left empty, the program's figure. Out of its
 * bounds, the message names them ("between 0 and 1 000 000"), not only "enter a number".
 */
export const compensationSchema = z.object({
  intent: z.literal("compensation"),
  participantId: choiceIdSchema,
  amount: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v.trim() === ""
          ? undefined
          : Number(v.replace(/\s/g, "").replace(",", "."))
        : v,
    z
      .number("errors.number")
      .refine(...inRange(0, 1_000_000))
      .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, "errors.cents")
      .optional(),
  ),
});

export const coordinationSchema = z.discriminatedUnion("intent", [
  coordinationTimeSchema,
  removeCoordinationTimeSchema,
  compensationSchema,
]);
