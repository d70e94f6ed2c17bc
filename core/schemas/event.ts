import { z } from "zod";
import { NOTE_MESSAGE_MAX_BYTES } from "../data/room-note";
import { fromDateTimeLocal } from "../utils/quebec-time";
import { numberField, optionalText, requiredText, text, idSchema } from "./fields";

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
  invited: z.array(idSchema).min(2, "errors.inviteTwo"),
});
export type EventFormInput = z.infer<typeof eventFormSchema>;

export const eventIdSchema = idSchema;

/** A Yjs message of the room's shared note as Socket.IO delivers binary data (a Buffer on the server), bounded. */
const yjsMessage = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= NOTE_MESSAGE_MAX_BYTES);
const roomIdSchema = z.string().regex(/^[\w-]{1,80}$/);

/** Socket.IO payloads of the live event. */
export const liveSchemas = {
  join: z.strictObject({ eventId: eventIdSchema }),
  chat: z.strictObject({
    eventId: eventIdSchema,
    roomId: roomIdSchema,
    text: text().min(1).max(1000),
  }),
  /** Sync step 1: the client's state vector; the answer is step 2 and the server's state vector. */
  noteSync: z.strictObject({
    eventId: eventIdSchema,
    roomId: roomIdSchema,
    stateVector: yjsMessage,
  }),
  /** A Yjs update of the room's note (the client's answer to step 2, then each edit). */
  noteUpdate: z.strictObject({
    eventId: eventIdSchema,
    roomId: roomIdSchema,
    update: yjsMessage,
  }),
  rating: z.strictObject({
    eventId: eventIdSchema,
    round: z.number().int().min(1).max(20),
    toParticipantId: idSchema,
    answer: z.enum(["yes", "maybe", "no"]),
    note: text().max(1000).default(""),
  }),
  command: z.strictObject({
    eventId: eventIdSchema,
    command: z.enum(["open-lobby", "start", "pause", "resume", "extend", "skip", "end"]),
    /** The event's revision the console showed: a repeated click is refused, not applied twice. */
    revision: z.number().int().min(0).optional(),
  }),
};
