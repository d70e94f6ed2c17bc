import { z } from "zod";
import { crossField } from "./forms";
import { numberField, plainText, text, choiceIdSchema, idSchema } from "./fields";

const idField = choiceIdSchema;
const optionalId = z.union([z.literal(""), idField]).default("");

const minuteFields = {
  minutes0: numberField(1, 90),
  minutes1: numberField(1, 90),
  minutes2: numberField(1, 90),
  minutes3: numberField(1, 90),
  minutes4: numberField(1, 90),
  minutes5: numberField(1, 90),
  minutes6: numberField(1, 90),
};

const sessionFields = z.object({
  intent: z.literal("create"),
  clientId: idField,
  facilitatorId: idField,
  scribeId: optionalId,
  meetingId: optionalId,
  ...minuteFields,
});
type SessionFields = z.infer<typeof sessionFields>;
/** Preparing a session: three distinct roles (the scribe is optional) and the step lengths. */
export const codevSessionFormSchema = sessionFields
  .refine(
    ...crossField<SessionFields>(
      ["clientId", "facilitatorId"],
      (v) => v.clientId !== v.facilitatorId,
      "facilitatorId",
      "errors.codevRoles",
    ),
  )
  .refine(
    ...crossField<SessionFields>(
      ["clientId", "facilitatorId", "scribeId"],
      (v) => v.scribeId === "" || (v.scribeId !== v.clientId && v.scribeId !== v.facilitatorId),
      "scribeId",
      "errors.codevRoles",
    ),
  );

export const codevDeleteSchema = z.object({ intent: z.literal("delete"), sessionId: idField });

export type CodevSessionForm = z.input<typeof codevSessionFormSchema>;

/** The co-development page: prepare a session, or delete a planned one. */
export const codevSessionsSchema = z.discriminatedUnion("intent", [
  codevSessionFormSchema,
  codevDeleteSchema,
]);

const sessionId = idSchema;
/** Socket.IO payloads of the co-development runner. */
export const codevLiveSchemas = {
  join: z.strictObject({ sessionId }),
  command: z.strictObject({
    sessionId,
    command: z.enum(["start", "next", "back", "pause", "resume", "end", "takeover"]),
    /** next, back and end: the step the facilitator is looking at (a repeated click is refused). */
    step: z.number().int().min(0).max(6).optional(),
  }),
  extend: z.strictObject({ sessionId, minutes: z.number().int().min(1).max(30) }),
  subject: z.strictObject({ sessionId, text: text().max(300) }),
  note: z.strictObject({
    sessionId,
    step: z.number().int().min(0).max(6),
    text: z.string().overwrite(plainText).max(8000),
  }),
  actionAdd: z.strictObject({ sessionId, title: text().min(1).max(300) }),
  actionRemove: z.strictObject({ sessionId, itemId: z.string().regex(/^[\w-]{1,80}$/) }),
};
