/**
 * Authorization for pages: the signed-in user from the session, then the rules of
 * core/permissions/index.ts (shared with the socket handlers) as a response. A program that a person may
 * not see answers 404, so its existence does not leak.
 */
import { redirect } from "@remix-run/node";
import {
  coordinatorAccess,
  eventAccess,
  groupAccess,
  groupViewAccess,
  interviewAccess,
  programAccess,
  isRefusal,
  type ProgramAccess as CoreProgramAccess,
  type Refusal,
} from "../../core/permissions";
import type { PublicUser } from "../../core/models/user.server";
import { isAdministrator } from "../../core/models/roles.server";
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

/**
 * The administration's pages (ADR 0035): administrators only; anyone else signed in gets 404, as
 * if the page did not exist.
 */
export async function requireAdministrator(s: Services, request: Request): Promise<PublicUser> {
  const user = await requireUser(s, request);
  if (!isAdministrator(s, user)) throw notFound();
  return user;
}

export interface ProgramAccess extends CoreProgramAccess {
  user: PublicUser;
}

/** A refusal of core/permissions/index.ts as the page's answer. */
function deny(refusal: Refusal): never {
  throw refusal === "forbidden" ? forbidden() : notFound();
}

/** The program when the person runs it or takes part in it; 404 otherwise. */
export async function requireProgramAccess(
  s: Services,
  request: Request,
  programId: unknown,
): Promise<ProgramAccess> {
  const user = await requireUser(s, request);
  const access = await programAccess(s, user.id, programId);
  if (isRefusal(access)) deny(access);
  return { user, ...access };
}

/** Only the program's own coordinators: its participants get 403, anyone else 404. */
export async function requireCoordinatorOf(s: Services, request: Request, programId: unknown) {
  const user = await requireUser(s, request);
  const access = await coordinatorAccess(s, user.id, programId);
  if (isRefusal(access)) deny(access);
  return { user, ...access };
}

/** The coordination's own pages: the program's coordinators; anyone else 404. */
export async function requireCoordinationOf(s: Services, request: Request, programId: unknown) {
  const user = await requireUser(s, request);
  const access = await coordinatorAccess(s, user.id, programId, "not_found");
  if (isRefusal(access)) deny(access);
  return { user, ...access };
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
  const user = await requireUser(s, request);
  const access = await groupAccess(s, user.id, programId, groupId);
  if (isRefusal(access)) deny(access);
  return { user, ...access };
}

/**
 * The parts of a group's space an observer may open (its calendar and meetings): its members,
 * and the program's coordinators while the group invites them as observers (ADR 0027); 404 for
 * anyone else. `observer` says which: an observer reads, and acts on nothing of the group's.
 */
export async function requireGroupViewer(
  s: Services,
  request: Request,
  programId: unknown,
  groupId: unknown,
) {
  const user = await requireUser(s, request);
  const access = await groupViewAccess(s, user.id, programId, groupId);
  if (isRefusal(access)) deny(access);
  return { user, ...access };
}

/** A speed-dating event of the program: its coordinators and invited participants; 404 otherwise. */
export async function requireEventAccess(
  s: Services,
  request: Request,
  programId: unknown,
  eventId: unknown,
) {
  const { user, program } = await requireProgramAccess(s, request, programId);
  const access = await eventAccess(s, user.id, eventId, program.id);
  if (isRefusal(access)) deny(access);
  return { user, program, ...access };
}

/** A final interview: the program's coordinators and the participant interviewed; 404 otherwise. */
export async function requireInterviewAccess(
  s: Services,
  request: Request,
  programId: unknown,
  interviewId: unknown,
) {
  const user = await requireUser(s, request);
  const access = await interviewAccess(s, user.id, programId, interviewId);
  if (isRefusal(access)) deny(access);
  return { user, ...access };
}
