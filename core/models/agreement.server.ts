/** The group's agreement (entente): versions, and each member's acceptance of the current one. */
import { newId } from "../store";
import type { EntityOf } from "../store";
import type { AgreementFormInput } from "../schemas/agreement";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { audit } from "./group/read.server";

export type Agreement = EntityOf<"agreements">;

export async function agreementVersions(s: Services, groupId: string) {
  const versions = await s.store.find("agreements", { groupId });
  return versions.sort((a, b) => b.version - a.version);
}

export async function currentAgreement(s: Services, groupId: string) {
  return (await agreementVersions(s, groupId))[0];
}

/** Saves a new version; acceptances start over (the only acceptance is the editor's own). */
export async function saveAgreement(
  s: Services,
  groupId: string,
  input: AgreementFormInput,
  by: string,
) {
  return s.store.transaction(async (tx) => {
    const versions = await tx.find("agreements", { groupId });
    const version = versions.reduce((max, a) => Math.max(max, a.version), 0) + 1;
    const now = s.clock.now().toISOString();
    return tx.insert("agreements", {
      id: newId("agr"),
      groupId,
      version,
      ...input,
      updatedBy: by,
      updatedAt: now,
      acceptances: { [by]: now },
    });
  });
}

export class StaleAgreementError extends DomainError {
  constructor() {
    super({
      name: "StaleAgreementError",
      code: "stale-agreement",
      messageKey: "agreement.stale",
      status: 409,
    });
  }
}

/**
 * A member accepts the version they read; a newer version means reading again. Accepted once:
 * accepting it again (another tab, a retry) keeps the first acceptance and its date.
 */
export async function acceptAgreement(
  s: Services,
  groupId: string,
  version: number,
  participantId: string,
) {
  return s.store.transaction(async (tx) => {
    const versions = await tx.find("agreements", { groupId });
    const current = versions.sort((a, b) => b.version - a.version)[0];
    if (!current || current.version !== version) throw new StaleAgreementError();
    if (current.acceptances[participantId]) return current;
    return tx.update("agreements", current.id, {
      acceptances: { ...current.acceptances, [participantId]: s.clock.now().toISOString() },
    });
  });
}

export function acceptedByAll(agreement: Agreement | undefined, memberIds: readonly string[]) {
  return Boolean(agreement && memberIds.every((id) => agreement.acceptances[id]));
}

/**
 * The agreement's observation point (ADR 0027): a member invites the program's coordination to
 * observe the group's meetings, or withdraws the invitation; one member's word is enough either
 * way, and it takes effect at once (it is not a version to accept). Setting what is already set
 * changes nothing and writes no audit line; a change is audited after the commit.
 */
export async function setObserverInvitation(
  s: Services,
  groupId: string,
  on: boolean,
  member: { participantId: string; userId: string; name: string },
) {
  return s.store.transaction(async (tx) => {
    const group = await tx.get("groups", groupId);
    if (!group || group.status !== "active" || !group.memberIds.includes(member.participantId))
      throw new GroupSpaceNotFoundError();
    if (Boolean(group.observerInvitation) === on) return group;
    const updated = await tx.update("groups", group.id, {
      observerInvitation: on
        ? { by: member.participantId, at: s.clock.now().toISOString() }
        : undefined,
    });
    await audit(
      s,
      group.programId,
      { id: member.userId, name: member.name },
      on ? "observer-invited" : "observer-revoked",
      { groupId: group.id },
    );
    return updated;
  });
}

class GroupSpaceNotFoundError extends DomainError {
  constructor() {
    super({
      name: "GroupSpaceNotFoundError",
      code: "group-not-found",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}
