import { newId } from "../store";
import type { EntityOf } from "../store";
import type { PrivacyConsent } from "../store/schema";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../security/password";
import type { Locale } from "../i18n";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type User = EntityOf<"users">;
/** What pages may see of an account: never the password hash. */
export type PublicUser = Omit<User, "passwordHash">;

export class EmailTakenError extends DomainError {
  constructor() {
    super({
      name: "EmailTakenError",
      code: "email-taken",
      messageKey: "auth.signUp.emailTaken",
      status: 400,
      field: "email",
    });
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toPublicUser({ passwordHash: _hash, ...user }: User): PublicUser {
  return user;
}

export async function getUserById(s: Services, id: string): Promise<PublicUser | undefined> {
  const user = await s.store.get("users", id);
  return user && toPublicUser(user);
}

export async function getUserByEmail(s: Services, email: string): Promise<PublicUser | undefined> {
  const user = await s.store.findOne("users", { email: normalizeEmail(email) });
  return user && toPublicUser(user);
}

/** Addresses whose sign-up makes a coordinator: MAILLAGE_COORDINATOR_EMAILS and the administrators'. */
function coordinatorEmails(s: Services): Set<string> {
  return new Set(
    [...s.config.coordinatorEmails, ...(s.config.adminEmails ?? [])]
      .map((e) => normalizeEmail(e))
      .filter(Boolean),
  );
}

export async function createUser(
  s: Services,
  input: {
    email: string;
    name: string;
    password: string;
    locale: Locale;
  },
): Promise<PublicUser> {
  const { password, ...rest } = input;
  return createUserWithHash(s, { ...rest, passwordHash: await hashPassword(password) });
}

/**
 * The account, from a password hashed earlier (a confirmed sign-up, ADR 0029). The first account
 * of an empty store is its administrator and a coordinator (ADR 0035): decided in the transaction
 * that inserts it, so of two first sign-ups at once only one finds the store empty.
 */
export async function createUserWithHash(
  s: Services,
  input: {
    email: string;
    name: string;
    passwordHash: string;
    locale: Locale;
    privacyConsent?: PrivacyConsent;
  },
): Promise<PublicUser> {
  const email = normalizeEmail(input.email);
  const passwordHash = input.passwordHash;
  const listed = coordinatorEmails(s).has(email);
  return s.store.transaction(async (tx) => {
    if (await tx.findOne("users", { email })) throw new EmailTakenError();
    const first = !(await tx.findOne("users", {}));
    const user = await tx.insert("users", {
      id: newId("u"),
      email,
      name: input.name.trim(),
      role: listed || first ? "coordinator" : "participant",
      ...(first ? { admin: true } : {}),
      passwordHash,
      locale: input.locale,
      createdAt: s.clock.now().toISOString(),
      ...(input.privacyConsent ? { privacyConsent: input.privacyConsent } : {}),
    });
    return toPublicUser(user);
  });
}

/** The account when the password is right; undefined otherwise (same timing either way). */
export async function verifyLogin(s: Services, email: string, password: string) {
  const user = await s.store.findOne("users", { email: normalizeEmail(email) });
  if (!user) return verifyAgainstDummy(password).then(() => undefined);
  return (await verifyPassword(password, user.passwordHash)) ? toPublicUser(user) : undefined;
}

export async function setUserLocale(s: Services, userId: string, locale: Locale) {
  await s.store.update("users", userId, { locale });
}
