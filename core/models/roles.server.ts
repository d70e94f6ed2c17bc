/**
 * Who may create programs, and who says so (docs/decisions/0035-roles-in-the-app.md).
 *
 * - An administrator is the first account of an empty install (stored: `admin: true`, set in the
 *   transaction that creates it, user.server.ts) or an address of MAILLAGE_ADMIN_EMAILS (read at
 *   each request: removing an address and restarting ends that person's administration).
 * - Administrators grant and revoke the coordinator role in the app. Revoking also ends the
 *   person's coordination of every program, and is refused, naming the program, while they are
 *   the only coordinator of one: a program always has a coordinator.
 *
 * Every change goes to the audit trail: the `accounts` stream for the role, and each program's
 * own trail when its coordinators change.
 */
import { coordinates } from "./coordinators";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { newId } from "../store";
import { paginate, type PageInfo } from "../utils/pagination";
import { normalizeEmail, type PublicUser } from "./user.server";
import { audit } from "./group/read.server";
import { notify, tellCoordinators } from "./notification.server";
import { quotedList } from "../i18n";

/** The audit trail's stream for changes to accounts (programs have one stream each). */
export const ACCOUNTS_AUDIT = "accounts";

export function adminEmails(s: Services): Set<string> {
  return new Set((s.config.adminEmails ?? []).map((e) => normalizeEmail(e)).filter(Boolean));
}

export function isAdministrator(s: Services, user: Pick<PublicUser, "email" | "admin">): boolean {
  return user.admin === true || adminEmails(s).has(normalizeEmail(user.email));
}

export class RoleChangeError extends DomainError {
  constructor(code: "last-coordinator" | "unknown-account", params?: { program: string }) {
    super({
      name: "RoleChangeError",
      code: `role-${code}`,
      messageKey: `admin.errors.${code}`,
      params,
      status: code === "unknown-account" ? 400 : 409,
    });
  }
}

export interface AccountRow {
  id: string;
  name: string;
  email: string;
  role: PublicUser["role"];
  admin: boolean;
  createdAt: string;
  /** The programs the person coordinates, by title. */
  programs: Array<{ id: string; title: string }>;
}

const fold = (v: string) =>
  v
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** One page of the accounts, searched by name or address (accents and case ignored), by name. */
export async function pageOfAccounts(
  s: Services,
  query: string,
  page: number,
): Promise<{ rows: AccountRow[]; pageInfo: PageInfo }> {
  const [users, programs] = await Promise.all([s.store.find("users"), s.store.find("programs")]);
  const wanted = fold(query.trim());
  const matching = users
    .filter((u) => !wanted || fold(u.name).includes(wanted) || fold(u.email).includes(wanted))
    .sort((a, b) => a.name.localeCompare(b.name, "fr") || a.email.localeCompare(b.email));
  const { items, pageInfo } = paginate(matching, page);
  return {
    pageInfo,
    rows: items.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      admin: isAdministrator(s, u),
      createdAt: u.createdAt,
      programs: programs
        .filter((p) => coordinates(p, u.id))
        .map((p) => ({ id: p.id, title: p.title })),
    })),
  };
}

type Actor = { id: string; name: string };

async function auditAccount(
  s: Services,
  actor: Actor,
  action: string,
  details: Record<string, unknown>,
) {
  const entry = {
    id: newId("aud"),
    programId: ACCOUNTS_AUDIT,
    at: s.clock.now().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action,
    details,
  };
  await s.store.afterCommit(() => s.audit.append(entry));
}

/** The changes to accounts, newest first (the administration page). */
export async function listAccountsAudit(s: Services) {
  return (await s.audit.list(ACCOUNTS_AUDIT)).reverse();
}

/**
 * Gives the coordinator role (the right to create programs), and tells the person. Giving it again
 * changes nothing and writes nothing. The caller checked that `actor` is an administrator.
 */
export async function grantCoordinator(s: Services, actor: Actor, userId: string) {
  return s.store.transaction(async (tx) => {
    const user = await tx.get("users", userId);
    if (!user) throw new RoleChangeError("unknown-account");
    if (user.role === "coordinator") return { changed: false, name: user.name };
    await tx.update("users", user.id, { role: "coordinator" });
    await auditAccount(s, actor, "coordinator-granted", { userId: user.id, name: user.name });
    // The person learns what they can now do, in their language.
    await notify(s, {
      userId: user.id,
      kind: "coordinatorRoleGranted",
      params: {},
      link: "/programs/new",
    });
    return { changed: true, name: user.name };
  });
}

/**
 * Takes the coordinator role back, and the person's place among the coordinators of every program;
 * the person and those programs' other coordinators are told. Refused, naming the program, while the person is the only coordinator of one (re-read in the
 * transaction: a co-coordinator stepping down at the same moment cannot leave it with none).
 */
export async function revokeCoordinator(s: Services, actor: Actor, userId: string) {
  return s.store.transaction(async (tx) => {
    const user = await tx.get("users", userId);
    if (!user) throw new RoleChangeError("unknown-account");
    const programs = (await tx.find("programs")).filter((p) => coordinates(p, user.id));
    const alone = programs.find((p) => p.coordinatorIds.length === 1);
    if (alone) throw new RoleChangeError("last-coordinator", { program: alone.title });
    if (user.role !== "coordinator" && programs.length === 0)
      return { changed: false, name: user.name };
    for (const program of programs) {
      const updated = await tx.update("programs", program.id, {
        coordinatorIds: program.coordinatorIds.filter((id) => id !== user.id),
      });
      await audit(s, program.id, actor, "coordinator-removed", {
        userId: user.id,
        name: user.name,
      });
      // The program's other coordinators learn who no longer runs it with them.
      await tellCoordinators(s, updated, {
        kind: "coordinatorRemoved",
        name: user.name,
        except: [actor.id],
      });
    }
    if (user.role === "coordinator") await tx.update("users", user.id, { role: "participant" });
    // The person learns it too, with the programs they no longer coordinate.
    await notify(s, {
      userId: user.id,
      kind: "coordinatorRoleRevoked",
      params: {
        // A co-coordinator may coordinate without the account role (which creates programs).
        hadRole: user.role === "coordinator" ? "yes" : "no",
        count: programs.length,
        programs: quotedList(
          user.locale,
          programs.map((p) => p.title),
        ),
      },
      link: "/",
    });
    await auditAccount(s, actor, "coordinator-revoked", {
      userId: user.id,
      name: user.name,
      programs: programs.map((p) => p.title),
    });
    return { changed: true, name: user.name };
  });
}
