/**
 * What a person changes on their own account (ADR 0036): a forgotten password reset by an e-mailed
 * link, a new password (the current one required), a new address confirmed by a link sent to it,
 * their name and language.
 *
 * Links are sealed like the sign-up link (core/security/sealed.ts, ADR 0029): the person's id, the
 * new address if any, an expiry and the account's `securityStamp` travel in the link, encrypted and
 * authenticated; nothing is stored for them. A link works once: using it (or changing the password
 * or the address in any way, or asking for another address) gives the account a new stamp, and a
 * link whose stamp no longer matches is "used". Each use re-reads the account in the transaction
 * that changes it, so two tabs following one link change the account once.
 *
 * A forgotten-password request answers the same whether the address has an account or not: the
 * address is told by e-mail (a link, or a note that no account uses it), and a limit per address
 * sends at most a few of them an hour, silently past it.
 */
import type { MailMessage } from "../mail";
import {
  OPTIONAL_NOTICE_CATEGORIES,
  type NoticePreferences,
  type OptionalNoticeCategory,
} from "../data/notice-kinds";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { translate, type Locale } from "../i18n";
import { DomainError } from "../errors";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../security/password";
import { seal, unseal } from "../security/sealed";
import type { Services } from "../services";
import type { StoreWriter } from "../store/types";
import { normalizeEmail, toPublicUser, type PublicUser, type User } from "./user.server";

/** A reset link works this long: long enough to reach one's inbox, short if the inbox leaks. */
export const PASSWORD_RESET_HOURS = 1;
/** An address-change link works this long. */
export const EMAIL_CHANGE_HOURS = 24;

const RESET = "password-reset";
const EMAIL_CHANGE = "email-change";

export type AccountLinkState = "valid" | "invalid" | "expired" | "used";

/** What the two links carry (read back at the boundary, like any outside input). */
const resetSchema = z.strictObject({
  userId: z.string().min(1).max(64),
  stamp: z.string().max(64),
  expiresAt: z.iso.datetime(),
});
const emailChangeSchema = resetSchema.extend({ email: z.email().max(254) });

export class AccountLinkError extends DomainError {
  constructor(
    readonly state: Exclude<AccountLinkState, "valid">,
    kind: "reset" | "email",
  ) {
    super({
      name: "AccountLinkError",
      code: `${kind}-link-${state}`,
      messageKey: `account.links.${kind}.${state}`,
      status: 400,
    });
  }
}

export class WrongPasswordError extends DomainError {
  constructor() {
    super({
      name: "WrongPasswordError",
      code: "wrong-password",
      messageKey: "account.errors.wrongPassword",
      status: 400,
      field: "currentPassword",
    });
  }
}

export class SameEmailError extends DomainError {
  constructor() {
    super({
      name: "SameEmailError",
      code: "same-email",
      messageKey: "account.errors.sameEmail",
      status: 400,
      field: "email",
    });
  }
}

/** The address was taken by another account between the request and its confirmation. */
export class EmailNowTakenError extends DomainError {
  constructor() {
    super({
      name: "EmailNowTakenError",
      code: "email-now-taken",
      messageKey: "account.errors.emailNowTaken",
      status: 409,
    });
  }
}

const newStamp = () => randomBytes(12).toString("base64url");
const stampOf = (user: Pick<User, "securityStamp">) => user.securityStamp ?? "";
const hoursFrom = (s: Services, hours: number) =>
  new Date(s.clock.now().getTime() + hours * 3_600_000).toISOString();

function readSealed<T>(s: Services, purpose: string, schema: z.ZodType<T>, token: string) {
  const text = unseal(s.config.sessionSecret, purpose, token);
  if (text === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a link stands: invalid (not this server's, or its account is gone), expired, used (the
 * account's stamp moved on), or valid with its account.
 */
async function linkState<T extends { userId: string; stamp: string; expiresAt: string }>(
  s: Services,
  reader: Pick<StoreWriter, "get">,
  link: T | undefined,
): Promise<{ state: AccountLinkState; user?: User }> {
  if (!link) return { state: "invalid" };
  const user = await reader.get("users", link.userId);
  if (!user) return { state: "invalid" };
  if (Date.parse(link.expiresAt) <= s.clock.now().getTime()) return { state: "expired" };
  if (stampOf(user) !== link.stamp) return { state: "used" };
  return { state: "valid", user };
}

/**
 * Every session of the person but `keep` ends (a new password, ADR 0036); once committed, their
 * live connections close too.
 */
async function endOtherSessions(s: Services, tx: StoreWriter, userId: string, keep?: string) {
  const ended: string[] = [];
  for (const session of await tx.find("sessions", { userId })) {
    if (session.id === keep) continue;
    await tx.remove("sessions", session.id);
    ended.push(session.id);
  }
  await s.store.afterCommit(() =>
    s.signOuts.emit(keep ? { userId, sessionIds: ended } : { userId }),
  );
}

function passwordChangedMessage(s: Services, user: User): MailMessage {
  return {
    to: user.email,
    kind: "passwordChanged",
    subject: translate(user.locale, "emails.passwordChanged.subject"),
    text: translate(user.locale, "emails.passwordChanged.text", {
      name: user.name,
      link: `${s.site.url()}/forgot-password`,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// A forgotten password

/**
 * Answers "Mot de passe oublié ?": the address gets a reset link if it has an account, a note
 * that it has none otherwise; past `passwordResetAccount` requests for one address in an hour,
 * nothing more is sent. The caller answers the same in every case.
 */
export async function requestPasswordReset(
  s: Services,
  input: { email: string; locale: Locale },
): Promise<void> {
  const email = normalizeEmail(input.email);
  // A few e-mails an hour to one address at most, whoever asks: nobody floods an inbox with them.
  if ((await s.limits.consume("passwordResetAccount", email)) > 0) return;
  const user = await s.store.findOne("users", { email });
  const site = s.site.url();
  let message: MailMessage;
  if (user) {
    const link = {
      userId: user.id,
      stamp: stampOf(user),
      expiresAt: hoursFrom(s, PASSWORD_RESET_HOURS),
    };
    const token = seal(s.config.sessionSecret, RESET, JSON.stringify(link));
    message = {
      to: user.email,
      kind: "passwordReset",
      subject: translate(user.locale, "emails.passwordReset.subject"),
      text: translate(user.locale, "emails.passwordReset.text", {
        name: user.name,
        hours: PASSWORD_RESET_HOURS,
        link: `${site}/forgot-password?token=${token}`,
      }),
    };
  } else {
    message = {
      to: email,
      kind: "passwordResetUnknown",
      locale: input.locale,
      subject: translate(input.locale, "emails.passwordResetUnknown.subject"),
      text: translate(input.locale, "emails.passwordResetUnknown.text", {
        link: `${site}/signup`,
      }),
    };
  }
  await s.mail.enqueue(message);
}

/** Whether a reset link can still set a password, and for whom. */
export async function readPasswordResetLink(
  s: Services,
  token: string,
): Promise<{ state: AccountLinkState; user?: PublicUser }> {
  const { state, user } = await linkState(s, s.store, readSealed(s, RESET, resetSchema, token));
  return { state, user: user && toPublicUser(user) };
}

/**
 * Sets the password a reset link allows, once: every session of the person ends (the caller
 * signs this browser in anew) and the address is told.
 */
export async function resetPassword(
  s: Services,
  token: string,
  password: string,
): Promise<PublicUser> {
  const link = readSealed(s, RESET, resetSchema, token);
  const passwordHash = await hashPassword(password);
  const user = await s.store.transaction(async (tx) => {
    const { state, user } = await linkState(s, tx, link);
    if (state !== "valid" || !user)
      throw new AccountLinkError(state === "valid" ? "used" : state, "reset");
    const updated = await tx.update("users", user.id, { passwordHash, securityStamp: newStamp() });
    await endOtherSessions(s, tx, user.id);
    await s.mail.enqueue(passwordChangedMessage(s, updated));
    return updated;
  });
  return toPublicUser(user);
}

// ---------------------------------------------------------------------------------------------
// The account page

/** The name and the language of the account. */
export async function updateAccountDetails(
  s: Services,
  userId: string,
  input: { name: string; locale: Locale },
): Promise<PublicUser> {
  const user = await s.store.update("users", userId, {
    name: input.name.trim(),
    locale: input.locale,
  });
  return toPublicUser(user);
}

/**
 * The e-mail notices the person keeps on (ADR 0039): the optional categories not in `on` are
 * turned off; essential messages are sent whatever this says (core/mail/index.ts applies it).
 */
export async function updateNoticePreferences(
  s: Services,
  userId: string,
  on: readonly OptionalNoticeCategory[],
): Promise<NoticePreferences> {
  const noticePreferences: NoticePreferences = {
    off: OPTIONAL_NOTICE_CATEGORIES.filter((category) => !on.includes(category)),
  };
  await s.store.update("users", userId, { noticePreferences });
  return noticePreferences;
}

/** The categories a person keeps on (all of them when they never chose). */
export function noticesOn(user: Pick<User, "noticePreferences">): OptionalNoticeCategory[] {
  const off = user.noticePreferences?.off ?? [];
  return OPTIONAL_NOTICE_CATEGORIES.filter((category) => !off.includes(category));
}

/** The current password, or a WrongPasswordError (counted: a few tries per quarter hour). */
async function checkCurrentPassword(s: Services, userId: string, password: string) {
  const user = await s.store.get("users", userId);
  if ((await s.limits.wait("accountPassword", userId)) > 0) {
    throw new DomainError({
      name: "AccountThrottledError",
      code: "account-throttled",
      messageKey: "account.errors.throttled",
      status: 429,
    });
  }
  const ok = user
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password);
  if (!ok || !user) {
    await s.limits.count("accountPassword", userId);
    throw new WrongPasswordError();
  }
  return user;
}

/**
 * A new password, the current one required: the person's other sessions end (`sessionId`, this
 * browser's, stays) and the address is told.
 */
export async function changePassword(
  s: Services,
  input: { userId: string; sessionId?: string; currentPassword: string; password: string },
): Promise<void> {
  const before = await checkCurrentPassword(s, input.userId, input.currentPassword);
  const passwordHash = await hashPassword(input.password);
  await s.store.transaction(async (tx) => {
    const user = await tx.get("users", input.userId);
    // The password changed in another tab meanwhile: this one was checked against the old one.
    if (!user || user.passwordHash !== before.passwordHash) throw new WrongPasswordError();
    const updated = await tx.update("users", user.id, { passwordHash, securityStamp: newStamp() });
    await endOtherSessions(s, tx, user.id, input.sessionId);
    await s.mail.enqueue(passwordChangedMessage(s, updated));
  });
}

/**
 * Asks for a new address, the current password required: a link goes to the new address (an
 * earlier one stops working), or, when another account already uses it, a note saying so (the
 * page answers the same: it does not tell who has an account). The address changes when the link
 * is followed (confirmEmailChange).
 */
export async function requestEmailChange(
  s: Services,
  input: { userId: string; email: string; currentPassword: string },
): Promise<void> {
  const email = normalizeEmail(input.email);
  const before = await checkCurrentPassword(s, input.userId, input.currentPassword);
  if (before.email === email) throw new SameEmailError();
  const wait = await s.limits.consume("emailChangePerson", input.userId);
  if (wait > 0) {
    throw new DomainError({
      name: "AccountThrottledError",
      code: "account-throttled",
      messageKey: "account.errors.throttled",
      status: 429,
    });
  }
  const site = s.site.url();
  await s.store.transaction(async (tx) => {
    const user = await tx.get("users", input.userId);
    if (!user) throw new WrongPasswordError();
    const stamp = newStamp();
    await tx.update("users", user.id, { securityStamp: stamp });
    const taken = await tx.findOne("users", { email });
    const params = { name: user.name, hours: EMAIL_CHANGE_HOURS, email };
    let message: MailMessage;
    if (taken) {
      message = {
        to: email,
        kind: "emailChangeTaken",
        subject: translate(taken.locale, "emails.emailChangeTaken.subject"),
        text: translate(taken.locale, "emails.emailChangeTaken.text", { name: taken.name }),
      };
    } else {
      const link = {
        userId: user.id,
        stamp,
        email,
        expiresAt: hoursFrom(s, EMAIL_CHANGE_HOURS),
      };
      const token = seal(s.config.sessionSecret, EMAIL_CHANGE, JSON.stringify(link));
      message = {
        to: email,
        // The person's, at an address not theirs yet: their erasure drops it too.
        userId: user.id,
        kind: "emailChangeConfirm",
        subject: translate(user.locale, "emails.emailChangeConfirm.subject"),
        text: translate(user.locale, "emails.emailChangeConfirm.text", {
          ...params,
          link: `${site}/account/email?token=${token}`,
        }),
      };
    }
    await s.mail.enqueue(message);
  });
}

/** Whether an address-change link can still change the address, to which and for whom. */
export async function readEmailChangeLink(
  s: Services,
  token: string,
): Promise<{ state: AccountLinkState; email?: string; user?: PublicUser }> {
  const link = readSealed(s, EMAIL_CHANGE, emailChangeSchema, token);
  const { state, user } = await linkState(s, s.store, link);
  return { state, email: link?.email, user: user && toPublicUser(user) };
}

/**
 * Changes the address a link was sent to, once, if no other account took it meanwhile (checked
 * in the transaction that changes it). The old address is told.
 */
export async function confirmEmailChange(s: Services, token: string): Promise<PublicUser> {
  const link = readSealed(s, EMAIL_CHANGE, emailChangeSchema, token);
  const user = await s.store.transaction(async (tx) => {
    const { state, user } = await linkState(s, tx, link);
    if (state !== "valid" || !user || !link) {
      throw new AccountLinkError(state === "valid" ? "used" : state, "email");
    }
    const other = await tx.findOne("users", { email: link.email });
    if (other && other.id !== user.id) throw new EmailNowTakenError();
    const updated = await tx.update("users", user.id, {
      email: link.email,
      securityStamp: newStamp(),
      formerEmails: [
        ...(user.formerEmails ?? []),
        { email: user.email, until: s.clock.now().toISOString() },
      ].slice(-100),
    });
    const message: MailMessage = {
      to: user.email,
      userId: user.id,
      kind: "emailChanged",
      subject: translate(user.locale, "emails.emailChanged.subject"),
      text: translate(user.locale, "emails.emailChanged.text", {
        name: user.name,
        email: link.email,
      }),
    };
    await s.mail.enqueue(message);
    return updated;
  });
  return toPublicUser(user);
}
