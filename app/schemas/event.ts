import { z } from "zod";
import { fromDateTimeLocal } from "~/utils/quebec-time";
import { numberField, optionalText, plainText, requiredText, text } from "./fields";

export const EVENT_ARRAY_FIELDS = ["invited"] as const;

export const eventFormSchema = z.object({
  title: requiredText(3, 200),
  /** <input type="datetime-local">: a date and time in Quebec, whatever the server's zone. */
  startsAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.dateTime")
    .refine((v) => fromDateTimeLocal(v) !== undefined, "errors.dateTime"),
  rounds: numberField(1, 20),
  /** Decimals allowed: 0.5 = 30 s (rehearsals and demos). */
  roundMinutes: numberField(0.05, 60, false),
  breakMinutes: numberField(0, 30, false),
  roomSize: z.preprocess(
    (v) => (typeof v === "string" ? Number(v) : v),
    z.union([z.literal(2), z.literal(3)], "errors.choice"),
  ),
  format: z.enum(["online", "in-person"], "errors.choice"),
  videoUrlPattern: optionalText(300).refine(
    (v) => v === "" || /^https:\/\/[^\s]+$/.test(v),
    "errors.videoUrl",
  ),
  invited: z.array(z.string().regex(/^[\w-]{1,64}$/)).min(2, "errors.inviteTwo"),
});
export type EventFormInput = z.infer<typeof eventFormSchema>;

export const eventIdSchema = z.string().regex(/^[\w-]{1,64}$/);

/** Socket.IO payloads of the live event. */
export const liveSchemas = {
  join: z.strictObject({ eventId: eventIdSchema }),
  chat: z.strictObject({
    eventId: eventIdSchema,
    roomId: z.string().regex(/^[\w-]{1,80}$/),
    text: text().min(1).max(1000),
  }),
  note: z.strictObject({
    eventId: eventIdSchema,
    roomId: z.string().regex(/^[\w-]{1,80}$/),
    text: z.string().overwrite(plainText).max(5000),
  }),
  rating: z.strictObject({
    eventId: eventIdSchema,
    round: z.number().int().min(1).max(20),
    toParticipantId: z.string().regex(/^[\w-]{1,64}$/),
    answer: z.enum(["yes", "maybe", "no"]),
    note: text().max(1000).default(""),
  }),
  command: z.strictObject({
    eventId: eventIdSchema,
    command: z.enum(["open-lobby", "start", "pause", "resume", "extend", "skip", "end"]),
  }),
};
