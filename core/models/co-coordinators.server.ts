/**
 * A program's coordinators, together (ADR 0035): a coordinator invites a co-coordinator by e-mail
 * (a single-use link for that address, valid `COORDINATOR_INVITATION_DAYS` days), the person signs
 * up or signs in and accepts, and coordinates that program — that program only: accepting gives
 * no right to create programs, nor to act on another program. A coordinator steps down unless they
 * are the last one: a program always has a coordinator (invariant `program-has-coordinator`),
 * checked on the program re-read in the transaction that removes them.
 *
 * A coordinator withdraws an invitation still waiting (sent to the wrong address): its link then
 * says so. The other coordinators are told (in-app notice and e-mail, each in their own language)
 * when someone joins or steps down; the person acting is not told of their own act.
 *
 * Each change writes a line in the program's audit trail once committed; e-mails go after commit.
 */
import type { MailMessage } from "../mail";
import { newId } from "../store";
import type { EntityOf } from "../store";
import { hashToken, newToken } from "../security/tokens";
import { translate, type Locale } from "../i18n";
import { DomainError } from "../errors";
import type { Services } from "../services";
import { newestFirst } from "../utils/order";
import { coordinates } from "./coordinators";
import { audit } from "./group/read.server";
import { tellCoordinators } from "./notification.server";
import { normalizeEmail } from "./user.server";

export type CoordinatorInvitation = EntityOf<"coordinatorInvitations">;
export const COORDINATOR_INVITATION_DAYS = 14;

type Actor = { id: string; name: string };

export type CoCoordinationErrorCode =
  | "unknown"
  | "used"
  | "expired"
  | "withdrawn"
  | "invitation-unknown"
  | "accepted-meanwhile"
  | "wrong-email"
  | "participant"
  | "already-coordinator"
  | "last-coordinator"
  | "not-coordinator";

export class CoCoordinationError extends DomainError {
  constructor(
    readonly reason: CoCoordinationErrorCode,
    params?: { program?: string; email?: string },
  ) {
    super({
      name: "CoCoordinationError",
      code: `co-coordination-${reason}`,
      messageKey: `coCoordinators.errors.${reason}`,
      params,
      status:
        // What a person may not know of (another program, an invitation of another program)
        // answers as what does not exist: the page's 404, whose text is the not-found page's
        // (the message keys of these two reasons are never shown).
        reason === "not-coordinator" || reason === "invitation-unknown"
          ? 404
          : reason === "last-coordinator" || reason === "accepted-meanwhile"
            ? 409
            : 400,
      field: reason === "already-coordinator" || reason === "participant" ? "email" : undefined,
    });
  }
}

/** The program's coordinators (names and addresses) and its invitations still waiting. */
export async function listCoordinators(s: Services, program: EntityOf<"programs">) {
  const [users, invitations] = await Promise.all([
    Promise.all(program.coordinatorIds.map((id) => s.store.get("users", id))),
    s.store.find("coordinatorInvitations", { programId: program.id }),
  ]);
  const now = s.clock.now().toISOString();
  return {
    coordinators: users
      .filter((u) => u !== undefined)
      .map((u) => ({ id: u.id, name: u.name, email: u.email })),
    pending: invitations
      .filter((i) => !i.usedAt && !i.withdrawnAt && i.expiresAt > now)
      .sort((a, b) => newestFirst(a.createdAt, b.createdAt))
      .map((i) => ({ id: i.id, email: i.email, createdAt: i.createdAt, expiresAt: i.expiresAt })),
  };
}

/**
 * A coordinator of the program invites `email` to coordinate it with them: a new link (an earlier
 * one for the same address, not yet used, is withdrawn), e-mailed once committed.
 */
export async function inviteCoCoordinator(
  s: Services,
  actor: Actor & { locale: Locale },
  programId: string,
  email: string,
): Promise<{ invitation: CoordinatorInvitation; token: string }> {
  const address = normalizeEmail(email);
  const token = newToken();
  const now = s.clock.now();
  return s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program || !coordinates(program, actor.id))
      throw new CoCoordinationError("not-coordinator");
    const invited = await tx.findOne("users", { email: address });
    if (invited && coordinates(program, invited.id))
      throw new CoCoordinationError("already-coordinator", { email: address });
    if (invited && (await tx.findOne("participants", { userId: invited.id, programId })))
      throw new CoCoordinationError("participant", { email: address });
    for (const earlier of await tx.find("coordinatorInvitations", { programId, email: address })) {
      if (!earlier.usedAt && !earlier.withdrawnAt)
        await tx.update("coordinatorInvitations", earlier.id, { withdrawnAt: now.toISOString() });
    }
    const invitation = await tx.insert("coordinatorInvitations", {
      id: newId("cinv"),
      programId,
      tokenHash: hashToken(token),
      email: address,
      createdBy: actor.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + COORDINATOR_INVITATION_DAYS * 86_400_000).toISOString(),
    });
    const locale = invited?.locale ?? actor.locale;
    const params = {
      name: actor.name,
      program: program.title,
      days: COORDINATOR_INVITATION_DAYS,
      link: `${s.site.url()}/co-coordination/${token}`,
    };
    const message: MailMessage = {
      to: address,
      locale,
      kind: "coCoordinatorInvitation",
      programId,
      subject: translate(locale, "emails.coCoordinatorInvitation.subject", params),
      text: translate(locale, "emails.coCoordinatorInvitation.text", params),
    };
    await audit(s, programId, actor, "co-coordinator-invited", { email: address });
    await s.mail.enqueue(message);
    return { invitation, token };
  });
}

export type CoordinatorInvitationState = "valid" | "used" | "withdrawn" | "expired" | "unknown";

/** What a link leads to: its state, and the program while the link is valid. */
export async function readCoordinatorInvitation(s: Services, token: string) {
  const invitation = await s.store.findOne("coordinatorInvitations", {
    tokenHash: hashToken(token),
  });
  if (!invitation) return { state: "unknown" as const };
  const program = await s.store.get("programs", invitation.programId);
  if (!program) return { state: "unknown" as const };
  const state: CoordinatorInvitationState = invitation.usedAt
    ? "used"
    : invitation.withdrawnAt
      ? "withdrawn"
      : invitation.expiresAt <= s.clock.now().toISOString()
        ? "expired"
        : "valid";
  return { state, invitation, program };
}

/**
 * The invited person accepts: they coordinate the program from now on. Once: a second use by the
 * same person (a double click, a retry) answers the same program; by anyone else, "used".
 */
export async function acceptCoordinatorInvitation(
  s: Services,
  token: string,
  user: Actor,
): Promise<EntityOf<"programs">> {
  return s.store.transaction(async (tx) => {
    const invitation = await tx.findOne("coordinatorInvitations", { tokenHash: hashToken(token) });
    const program = invitation && (await tx.get("programs", invitation.programId));
    if (!invitation || !program) throw new CoCoordinationError("unknown");
    if (invitation.usedAt) {
      if (invitation.usedBy === user.id && coordinates(program, user.id)) return program;
      throw new CoCoordinationError("used");
    }
    const now = s.clock.now().toISOString();
    if (invitation.withdrawnAt) throw new CoCoordinationError("withdrawn");
    if (invitation.expiresAt <= now) throw new CoCoordinationError("expired");
    const account = await tx.get("users", user.id);
    if (!account) throw new CoCoordinationError("unknown");
    if (account.email !== invitation.email)
      throw new CoCoordinationError("wrong-email", { email: invitation.email });
    if (await tx.findOne("participants", { userId: user.id, programId: program.id }))
      throw new CoCoordinationError("participant", { email: account.email });
    await tx.update("coordinatorInvitations", invitation.id, { usedAt: now, usedBy: user.id });
    const updated = coordinates(program, user.id)
      ? program
      : await tx.update("programs", program.id, {
          coordinatorIds: [...program.coordinatorIds, user.id],
        });
    await audit(s, program.id, user, "co-coordinator-joined", {
      userId: user.id,
      email: account.email,
      invitedBy: invitation.createdBy,
    });
    await tellCoordinators(s, updated, {
      kind: "coCoordinatorJoined",
      name: user.name,
      except: [user.id],
    });
    return updated;
  });
}

/**
 * A coordinator steps down from the program. Refused when they are its last coordinator: the
 * program is re-read in this transaction, so two coordinators stepping down at once leave one.
 */
export async function stepDown(s: Services, actor: Actor, programId: string) {
  return s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program || !coordinates(program, actor.id))
      throw new CoCoordinationError("not-coordinator");
    if (program.coordinatorIds.length <= 1)
      throw new CoCoordinationError("last-coordinator", { program: program.title });
    const updated = await tx.update("programs", program.id, {
      coordinatorIds: program.coordinatorIds.filter((id) => id !== actor.id),
    });
    await audit(s, program.id, actor, "coordinator-stepped-down", { userId: actor.id });
    await tellCoordinators(s, updated, {
      kind: "coordinatorSteppedDown",
      name: actor.name,
      except: [actor.id],
    });
  });
}

/**
 * A coordinator withdraws an invitation still waiting (sent to the wrong address, say): its link
 * answers "withdrawn" from then on. One transaction re-reads the invitation: accepted meanwhile,
 * it is refused with that message (the person coordinates now); already withdrawn (a double
 * click, two coordinators at once), the same answer without a second line in the trail.
 */
export async function withdrawCoordinatorInvitation(
  s: Services,
  actor: Actor,
  programId: string,
  invitationId: string,
): Promise<{ email: string; changed: boolean }> {
  return s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program || !coordinates(program, actor.id))
      throw new CoCoordinationError("not-coordinator");
    const invitation = await tx.get("coordinatorInvitations", invitationId);
    // Another program's invitation answers as one that does not exist.
    if (!invitation || invitation.programId !== program.id)
      throw new CoCoordinationError("invitation-unknown");
    if (invitation.usedAt)
      throw new CoCoordinationError("accepted-meanwhile", { email: invitation.email });
    if (invitation.withdrawnAt) return { email: invitation.email, changed: false };
    await tx.update("coordinatorInvitations", invitation.id, {
      withdrawnAt: s.clock.now().toISOString(),
    });
    await audit(s, program.id, actor, "co-coordinator-invitation-withdrawn", {
      email: invitation.email,
    });
    return { email: invitation.email, changed: true };
  });
}
