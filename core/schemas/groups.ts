import { z } from "zod";
import { text, idSchema, choiceIdSchema } from "./fields";
import { coMentorFormSchema } from "./co-mentors";

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

const runGroupId = z.string().regex(/^g\d{1,4}$/, "errors.choice");
/** At most 20 people in a regrouping: 2–6 groups of three, and people in no group. */
export const LOCAL_MAX_PEOPLE = 20;
const regroupSelection = {
  runId: id,
  groupIds: z
    .array(runGroupId, "formation.local.errors.groupCount")
    .min(2, "formation.local.errors.groupCount")
    .max(6, "formation.local.errors.groupCount")
    .refine((ids) => new Set(ids).size === ids.length, "formation.local.errors.groupCount"),
  freeIds: z
    .array(choiceIdSchema, "errors.choice")
    .max(LOCAL_MAX_PEOPLE, "formation.local.errors.tooMany")
    .refine((ids) => new Set(ids).size === ids.length, "errors.choice")
    .default([]),
};

/** The formation page (coordinators): the solver, its proposed groups, pair rules, self-formed groups. */
export const formationSchema = z
  .discriminatedUnion("intent", [
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
    // Two mentors of one organization share one mentor seat (ADR 0026).
    coMentorFormSchema,
    // Local re-optimization (core/models/formation-local.server.ts): the best regrouping of 2–6
    // proposals and a few people in no group (20 people at most), then its approval.
    z.object({ intent: z.literal("regroup"), ...regroupSelection }),
    z.object({
      intent: z.literal("regroup-apply"),
      ...regroupSelection,
      token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, "formation.local.errors.stale"),
      groups: z
        .array(
          z
            .string()
            .max(200, "formation.local.errors.stale")
            .transform((v) => v.split(","))
            .pipe(z.array(id).length(3)),
          "formation.local.errors.stale",
        )
        .max(10, "formation.local.errors.stale")
        .default([]),
    }),
    z.object({
      intent: z.literal("replacements"),
      runId: id,
      groupId: runGroupId,
      outId: choiceIdSchema,
    }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent !== "regroup" && value.intent !== "regroup-apply") return;
    if (3 * value.groupIds.length + value.freeIds.length > LOCAL_MAX_PEOPLE) {
      ctx.addIssue({
        code: "custom",
        path: ["freeIds"],
        message: "formation.local.errors.tooMany",
      });
    }
  });
export type FormationForm = z.input<typeof formationSchema>;
