/**
 * Co-mentors: two mentors of one organization who share one mentor seat (ADR 0026). The form's
 * shape, and the rules a declaration must keep against the program's people (the model
 * core/models/co-mentors.server.ts parses with both inside its transaction).
 */
import { z } from "zod";
import { choiceIdSchema } from "./fields";

/** The formation page's form: declare a shared seat, or end one. */
export const coMentorFormSchema = z
  .object({
    intent: z.enum(["co-mentor-add", "co-mentor-remove"]),
    a: choiceIdSchema,
    b: choiceIdSchema,
  })
  .refine((v) => v.a !== v.b, { path: ["b"], message: "coMentors.errors.same" });

export interface CoMentorCandidate {
  role: string;
  organizationId: string;
  coMentorId?: string;
  /** In an active group or a pending proposal: the seat cannot change under it. */
  busy: boolean;
}

/**
 * A new shared seat: both are mentors of the program, of the same organization, neither shares a
 * seat already, and neither is in a group yet. Each refusal names the field at fault.
 */
export function coMentorPairSchema(people: ReadonlyMap<string, CoMentorCandidate>) {
  return z
    .object({ a: choiceIdSchema, b: choiceIdSchema })
    .refine((v) => v.a !== v.b, { path: ["b"], message: "coMentors.errors.same" })
    .superRefine((v, ctx) => {
      const issue = (path: "a" | "b", message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      for (const side of ["a", "b"] as const) {
        const person = people.get(v[side]);
        if (!person) issue(side, "coMentors.errors.notParticipant");
        else if (person.role !== "mentor") issue(side, "coMentors.errors.notMentor");
        else if (person.coMentorId && person.coMentorId !== v[side === "a" ? "b" : "a"])
          issue(side, "coMentors.errors.alreadyPaired");
        else if (person.busy) issue(side, "coMentors.errors.inGroup");
      }
      const [a, b] = [people.get(v.a), people.get(v.b)];
      if (
        a &&
        b &&
        a.role === "mentor" &&
        b.role === "mentor" &&
        a.organizationId !== b.organizationId
      )
        issue("b", "coMentors.errors.otherOrganization");
    });
}
