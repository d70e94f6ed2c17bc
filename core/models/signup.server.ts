/**
 * Creating an account without telling whether an address already has one (ADR 0029). The sign-up
 * form always answers "check your e-mail", and the address gets one of two messages:
 *
 * - no account yet: a link that activates the account (valid `SIGN_UP_LINK_HOURS` hours). Nothing
 *   is stored until it is followed: the name, address, password hash and language travel in the
 *   link, sealed (core/security/sealed.ts), so a sign-up nobody confirms leaves nothing behind and
 *   nobody can hold an address by signing it up first. Following it creates the account once: the
 *   link is spent as soon as the address has an account;
 * - an account already: a note that someone tried to create an account with it, and where to sign
 *   in. The account does not change.
 *
 * Both cost a password hash, so the time of the answer tells nothing either.
 */
import type { MailMessage } from "../mail";
import { z } from "zod";
import { locales, translate, type Locale } from "../i18n";
import { DomainError } from "../errors";
import { PRIVACY_VERSION } from "../data/privacy";
import { privacyConsentSchema } from "../store/schema";
import { hashPassword } from "../security/password";
import { seal, unseal } from "../security/sealed";
import type { Services } from "../services";
import {
  createUserWithHash,
  EmailTakenError,
  normalizeEmail,
  type PublicUser,
} from "./user.server";

export const SIGN_UP_LINK_HOURS = 24;
const PURPOSE = "sign-up";

/** What a sign-up link carries (read back at the boundary, like any outside input). */
const pendingSchema = z.object({
  name: z.string().min(1).max(200),
  email: z.email(),
  passwordHash: z.string().min(1).max(500),
  locale: z.enum(locales),
  redirectTo: z.string().max(500).optional(),
  expiresAt: z.iso.datetime(),
  /** The privacy page accepted on the form (ADR 0036): recorded on the account it creates. */
  privacyConsent: privacyConsentSchema.optional(),
});
export type PendingSignUp = z.infer<typeof pendingSchema>;

export type SignUpLinkState = "valid" | "invalid" | "expired" | "used";

export class SignUpLinkError extends DomainError {
  constructor(readonly state: Exclude<SignUpLinkState, "valid">) {
    super({
      name: "SignUpLinkError",
      code: `sign-up-link-${state}`,
      messageKey: `auth.signUp.link.${state}`,
      status: 400,
    });
  }
}

/** Answers a sign-up form: an e-mail to the address, the same answer whoever owns it. */
export async function requestSignUp(
  s: Services,
  input: { name: string; email: string; password: string; locale: Locale; redirectTo?: string },
): Promise<void> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const existing = await s.store.findOne("users", { email });
  const site = s.site.url();
  let message: MailMessage;
  if (existing) {
    const params = { name: existing.name, link: `${site}/login` };
    message = {
      to: existing.email,
      kind: "signUpExisting",
      subject: translate(existing.locale, "emails.signUpExisting.subject"),
      text: translate(existing.locale, "emails.signUpExisting.text", params),
    };
  } else {
    const pending: PendingSignUp = {
      name: input.name.trim(),
      email,
      passwordHash,
      locale: input.locale,
      redirectTo: input.redirectTo,
      expiresAt: new Date(s.clock.now().getTime() + SIGN_UP_LINK_HOURS * 3_600_000).toISOString(),
      privacyConsent: { acceptedAt: s.clock.now().toISOString(), version: PRIVACY_VERSION },
    };
    const token = seal(s.config.sessionSecret, PURPOSE, JSON.stringify(pending));
    const params = {
      name: pending.name,
      hours: SIGN_UP_LINK_HOURS,
      link: `${site}/signup?confirm=${token}`,
    };
    message = {
      to: email,
      kind: "signUpConfirm",
      locale: input.locale,
      subject: translate(input.locale, "emails.signUpConfirm.subject"),
      text: translate(input.locale, "emails.signUpConfirm.text", params),
    };
  }
  await s.mail.enqueue(message);
}

/** What a sign-up link holds, and whether it can still create its account. */
export async function readSignUpLink(
  s: Services,
  token: string,
): Promise<{ state: SignUpLinkState; pending?: PendingSignUp }> {
  const text = unseal(s.config.sessionSecret, PURPOSE, token);
  if (text === undefined) return { state: "invalid" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: "invalid" };
  }
  const parsed = pendingSchema.safeParse(json);
  if (!parsed.success) return { state: "invalid" };
  const pending = parsed.data;
  if (Date.parse(pending.expiresAt) <= s.clock.now().getTime()) return { state: "expired" };
  if (await s.store.findOne("users", { email: pending.email })) return { state: "used" };
  return { state: "valid", pending };
}

/** Creates the account a sign-up link holds (once: a second use finds the account there). */
export async function confirmSignUp(
  s: Services,
  token: string,
): Promise<{ user: PublicUser; redirectTo?: string }> {
  const { state, pending } = await readSignUpLink(s, token);
  if (state !== "valid" || !pending) throw new SignUpLinkError(state === "valid" ? "used" : state);
  try {
    const user = await createUserWithHash(s, pending);
    return { user, redirectTo: pending.redirectTo };
  } catch (error) {
    if (error instanceof EmailTakenError) throw new SignUpLinkError("used");
    throw error;
  }
}
