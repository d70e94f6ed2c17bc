/**
 * Declaring co-mentors (ADR 0026): a coordinator says that two mentors of one organization share
 * one mentor seat, or that they no longer do. The rules (core/schemas/co-mentors.ts) are checked in
 * the transaction that writes, on what it reads: both mentors of this program, same organization,
 * neither sharing a seat already, neither in a group or a pending proposal yet.
 */
import { coMentorPairSchema, type CoMentorCandidate } from "../schemas/co-mentors";
import type { EntityOf } from "../store";
import type { Services } from "../services";
import { DomainError } from "../errors";
import type { MessageKey } from "../i18n";
import { audit } from "./group/read.server";

type Program = EntityOf<"programs">;

export class CoMentorError extends DomainError {
  constructor(messageKey: MessageKey, field: string) {
    super({ name: "CoMentorError", code: "co-mentor", messageKey, status: 400, field });
  }
}

/** Declares (or, with `remove`, ends) the shared seat of `a` and `b`. The same answer twice is no change. */
export async function setCoMentors(
  s: Services,
  program: Pick<Program, "id">,
  input: { a: string; b: string; remove: boolean },
  actor: { id: string; name: string },
) {
  await s.store.transaction(async (tx) => {
    const participants = await tx.find("participants", { programId: program.id });
    const byId = new Map(participants.map((p) => [p.id, p]));
    const [a, b] = [byId.get(input.a), byId.get(input.b)];
    const paired = a?.coMentorId === input.b && b?.coMentorId === input.a;
    const groups = await tx.find("groups", { programId: program.id, status: "active" });
    const proposals = await tx.find("groupProposals", { programId: program.id });
    const busy = new Set([
      ...groups.flatMap((g) => g.memberIds),
      ...proposals
        .filter((p) => p.status === "pending" || p.status === "awaiting-approval")
        .flatMap((p) => p.memberIds),
    ]);
    if (input.remove) {
      if (!paired) return;
      // The seat's groups keep both co-mentors: the seat ends when its groups do.
      if (busy.has(input.a) || busy.has(input.b))
        throw new CoMentorError("coMentors.errors.inGroup", "a");
      await tx.update("participants", input.a, { coMentorId: undefined });
      await tx.update("participants", input.b, { coMentorId: undefined });
    } else {
      if (paired) return;
      const people = new Map<string, CoMentorCandidate>(
        participants.map((p) => [
          p.id,
          {
            role: p.role,
            organizationId: p.organizationId,
            coMentorId: p.coMentorId,
            busy: busy.has(p.id),
          },
        ]),
      );
      const parsed = coMentorPairSchema(people).safeParse({ a: input.a, b: input.b });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CoMentorError(issue.message as MessageKey, String(issue.path[0] ?? "a"));
      }
      await tx.update("participants", input.a, { coMentorId: input.b });
      await tx.update("participants", input.b, { coMentorId: input.a });
    }
    await audit(s, program.id, actor, input.remove ? "co-mentors-removed" : "co-mentors-added", {
      a: input.a,
      b: input.b,
    });
  });
}

/** The program's shared seats, each once: [the seat's id, the other co-mentor]. */
export async function listCoMentors(s: Services, programId: string): Promise<[string, string][]> {
  const participants = await s.store.find("participants", { programId });
  return participants
    .filter((p) => p.coMentorId && p.id < p.coMentorId)
    .map((p) => [p.id, p.coMentorId!]);
}
