import { z } from "zod";
import { text, idSchema } from "./fields";

const id = idSchema;

export const proposeSchema = z.object({
  intent: z.enum(["check", "propose"]),
  first: id,
  second: id,
  message: text().max(1000).default(""),
});

export const respondSchema = z.object({
  intent: z.enum(["accept", "decline", "withdraw"]),
  proposalId: id,
});

/** The groups page (a participant's proposals): check or propose a trio, answer or withdraw one. */
export const proposalsSchema = z.discriminatedUnion("intent", [proposeSchema, respondSchema]);

export type ProposeForm = z.input<typeof proposeSchema>;

/** The formation page (coordinators): the solver, its proposed groups, pair rules, self-formed groups. */
export const formationSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("solve") }),
  z.object({ intent: z.literal("cancel") }),
  z.object({
    intent: z.enum(["approve", "reject"]),
    runId: id,
    groupId: z.string().regex(/^g\d{1,4}$/),
  }),
  z.object({
    intent: z.literal("change"),
    runId: id,
    groupId: z.string().regex(/^g\d{1,4}$/),
    outId: id,
    inId: id,
  }),
  z.object({
    intent: z.enum(["pair-add", "pair-remove"]),
    kind: z.enum(["pin", "forbid"]),
    a: id,
    b: id,
  }),
  z.object({ intent: z.enum(["self-approve", "self-reject"]), proposalId: id }),
]);
export type FormationForm = z.input<typeof formationSchema>;
