/**
 * Authorization in one place, used by every loader, action and socket handler.
 * A program that a person may not see answers 404, so its existence does not leak.
 */
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getProgram, type Program } from "../../core/models/program.server";
import { getParticipantFor, type Participant } from "../../core/models/participant.server";
import { getGroup } from "../../core/models/group.server";
import type { PublicUser } from "../../core/models/user.server";
import { getOptionalUser } from "./session.server";
import type { Services } from "../../core/services";

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}
export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export async function requireUser(s: Services, request: Request): Promise<PublicUser> {
  const user = await getOptionalUser(s, request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/login?${params.toString()}`);
  }
  return user;
}

export async function requireCoordinator(s: Services, request: Request): Promise<PublicUser> {
  const user = await requireUser(s, request);
  if (user.role !== "coordinator") throw forbidden();
  return user;
}

const programIdSchema = z.string().regex(/^[\w-]{1,64}$/);

export interface ProgramAccess {
  user: PublicUser;
  program: Program;
  asCoordinator: boolean;
  participant?: Participant;
}

/** The program when the person runs it or takes part in it; 404 otherwise. */
export async function requireProgramAccess(
  s: Services,
  request: Request,
  programId: unknown,
): Promise<ProgramAccess> {
  const user = await requireUser(s, request);
  const id = programIdSchema.safeParse(programId);
  if (!id.success) throw notFound();
  const program = await getProgram(s, id.data);
  if (!program) throw notFound();
  const asCoordinator = program.coordinatorIds.includes(user.id);
  const participant = asCoordinator ? undefined : await getParticipantFor(s, user.id, program.id);
  if (!asCoordinator && !participant) throw notFound();
  return { user, program, asCoordinator, participant };
}

/** Only the program's own coordinators: another program's coordinator gets 404. */
export async function requireCoordinatorOf(s: Services, request: Request, programId: unknown) {
  const access = await requireProgramAccess(s, request, programId);
  if (!access.asCoordinator) throw forbidden();
  return access;
}

/**
 * A group's space is for its members only (confidentiality): anyone else, coordinators included,
 * gets 404.
 */
export async function requireGroupMember(
  s: Services,
  request: Request,
  programId: unknown,
  groupId: unknown,
) {
  const access = await requireProgramAccess(s, request, programId);
  const id = z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .safeParse(groupId);
  const group = id.success ? await getGroup(s, id.data) : undefined;
  if (!group || group.programId !== access.program.id || group.status !== "active")
    throw notFound();
  if (!access.participant || !group.memberIds.includes(access.participant.id)) throw notFound();
  return { ...access, participant: access.participant, group };
}
