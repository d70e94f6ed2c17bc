/** Single-use invitation links to join a program. Only a hash of the token is stored. */
import { newId } from "../store";
import { hashToken, newToken } from "../security/tokens";
import { createUser } from "./user.server";
import type { Locale } from "../i18n";
import type { EntityOf } from "../store";
import { newestFirst } from "../utils/order";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type Invitation = EntityOf<"invitations">;
export const INVITATION_DAYS = 30;

export async function createInvitation(
  s: Services,
  input: {
    programId: string;
    role: Invitation["role"];
    email?: string;
    applicationId?: string;
    createdBy: string;
  },
): Promise<{ invitation: Invitation; token: string }> {
  const token = newToken();
  const now = s.clock.now();
  const invitation = await s.store.insert("invitations", {
    id: newId("inv"),
    programId: input.programId,
    tokenHash: hashToken(token),
    role: input.role,
    email: input.email ? input.email.trim().toLowerCase() : undefined,
    applicationId: input.applicationId,
    createdBy: input.createdBy,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
  });
  return { invitation, token };
}

export type InvitationState = "valid" | "used" | "expired" | "unknown";

export async function findInvitation(
  s: Services,
  token: string,
): Promise<{ state: InvitationState; invitation?: Invitation }> {
  const invitation = await s.store.findOne("invitations", { tokenHash: hashToken(token) });
  if (!invitation) return { state: "unknown" };
  if (invitation.usedAt) return { state: "used", invitation };
  if (invitation.expiresAt <= s.clock.now().toISOString()) return { state: "expired", invitation };
  return { state: "valid", invitation };
}

export async function listInvitations(s: Services, programId: string) {
  const list = await s.store.find("invitations", { programId });
  return list.sort((a, b) => newestFirst(a.createdAt, b.createdAt));
}

const invitationMessages = {
  unknown: "invitations.join.invalid",
  used: "invitations.join.used",
  expired: "invitations.join.expired",
  valid: "errors.unexpected",
  "already-member": "invitations.join.alreadyMember",
  "wrong-email": "invitations.join.wrongEmail",
} as const;

export class InvitationError extends DomainError {
  constructor(readonly state: InvitationState | "already-member" | "wrong-email") {
    super({
      name: "InvitationError",
      code: `invitation-${state}`,
      messageKey: invitationMessages[state],
      status: 400,
    });
  }
}

/**
 * Uses the invitation: the person joins the program with their organization. All or nothing, and
 * a second use of the same link fails even when two requests race.
 */
/** Names typed in the form ("Moisson X, Frigo Y") matched to known organizations, accents ignored. */
export function matchOrganizationNames(
  text: string,
  organizations: ReadonlyArray<{ id: string; name: string }>,
): string[] {
  const fold = (v: string) =>
    v
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  const wanted = text
    .split(/[,;\n]+/)
    .map(fold)
    .filter((v) => v.length >= 4);
  return organizations
    .filter((o) => wanted.some((w) => fold(o.name).includes(w) || w.includes(fold(o.name))))
    .map((o) => o.id);
}

export interface OrganizationInput {
  name: string;
  region: string;
  mrc: string;
  sector: string;
}

/**
 * Uses the invitation: the person joins the program with their organization. An invitation from an
 * accepted application brings the application's organization, profile and declared competitors.
 * All or nothing, and a second use of the same link fails even when two requests race.
 */
export async function acceptInvitation(
  s: Services,
  token: string,
  userId: string,
  organization?: OrganizationInput,
) {
  return s.store.transaction(async (tx) => {
    const invitation = await tx.findOne("invitations", { tokenHash: hashToken(token) });
    if (!invitation) throw new InvitationError("unknown");
    if (invitation.usedAt) {
      // The same person again (a double click, a retry): the participation they already have.
      const joined =
        invitation.usedBy === userId &&
        (await tx.findOne("participants", { userId, programId: invitation.programId }));
      if (joined) return joined;
      throw new InvitationError("used");
    }
    const now = s.clock.now().toISOString();
    if (invitation.expiresAt <= now) throw new InvitationError("expired");
    const user = await tx.get("users", userId);
    if (!user) throw new InvitationError("unknown");
    if (invitation.email && invitation.email !== user.email)
      throw new InvitationError("wrong-email");
    if (await tx.findOne("participants", { userId, programId: invitation.programId })) {
      throw new InvitationError("already-member");
    }
    const application = invitation.applicationId
      ? await tx.get("applications", invitation.applicationId)
      : undefined;
    // A decision changed after acceptance (wait-listed, rejected) withdraws the invitation.
    if (invitation.applicationId && application?.status !== "accepted")
      throw new InvitationError("expired");
    const orgInput: OrganizationInput | undefined = application
      ? {
          name: application.organizationName,
          region: application.region,
          mrc: application.mrc,
          sector: application.profile.sector,
        }
      : organization;
    if (!orgInput) throw new InvitationError("unknown");
    const name = orgInput.name.trim();
    const organizations = await tx.find("organizations");
    const existing = organizations.find(
      (o) =>
        o.mrc === orgInput.mrc && o.name.toLocaleLowerCase("fr") === name.toLocaleLowerCase("fr"),
    );
    // The coordinator's mapping of the competitors named in words is the whole list; before
    // one, the names typed are matched to known organizations.
    const competitorIds = application
      ? [
          ...new Set([
            ...application.competitorOrgIds,
            ...(application.competitorsMappedAt
              ? []
              : matchOrganizationNames(application.competitorsText, organizations)),
          ]),
        ]
      : [];
    const org = existing
      ? await tx.update("organizations", existing.id, {
          competitorIds: [...new Set([...existing.competitorIds, ...competitorIds])],
        })
      : await tx.insert("organizations", {
          id: newId("org"),
          name,
          region: orgInput.region,
          mrc: orgInput.mrc,
          sector: orgInput.sector.trim(),
          competitorIds,
          createdAt: now,
        });
    const participant = await tx.insert("participants", {
      id: newId("p"),
      programId: invitation.programId,
      userId,
      organizationId: org.id,
      role: invitation.role,
      profile: application?.profile,
      applicationId: application?.id,
      joinedAt: now,
    });
    if (application)
      await tx.update("applications", application.id, { participantId: participant.id });
    await tx.update("invitations", invitation.id, { usedAt: now, usedBy: userId });
    return participant;
  });
}

/** A new account and its first program in one step: both happen, or neither. */
export async function signUpWithInvitation(
  s: Services,
  token: string,
  account: { name: string; email: string; password: string; locale: Locale },
  organization?: OrganizationInput,
) {
  return s.store.transaction(async () => {
    const user = await createUser(s, account);
    const participant = await acceptInvitation(s, token, user.id, organization);
    return { user, participant };
  });
}
