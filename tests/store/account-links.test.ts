/**
 * The account's links (core/models/account.server.ts, ADR 0036) on both engines: a password-reset
 * link and an address-change link work once and expire (a controlled clock), a reset ends every
 * session of its person, a forgotten-password request e-mails the address whether it has an
 * account or not, and two uses of one link at the same moment change the account once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AccountLinkError,
  changePassword,
  confirmEmailChange,
  EMAIL_CHANGE_HOURS,
  EmailNowTakenError,
  PASSWORD_RESET_HOURS,
  readEmailChangeLink,
  readPasswordResetLink,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  WrongPasswordError,
} from "../../core/models/account.server";
import { createSessionRecord, sessionUserId } from "../../core/models/session.server";
import { createUser, verifyLogin, type PublicUser } from "../../core/models/user.server";
import { testServices, type TestServices } from "../helpers/services";
import { storeEngines } from "../helpers/databases";

const engines = storeEngines("account_links");

const PASSWORD = "ancien-mot-de-passe";

describe.each(engines)("account links ($name)", (engine) => {
  let now = new Date("2026-12-06T15:00:00Z");
  let s: TestServices;
  let people = 0;
  beforeAll(async () => {
    s = await testServices({
      seed: "empty",
      databaseUrl: await engine.databaseUrl(),
      clock: { now: () => now },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  async function person(locale: "fr" | "en" = "fr"): Promise<PublicUser> {
    people += 1;
    return createUser(s, {
      email: `personne${people}@exemple.org`,
      name: `Personne ${people}`,
      password: PASSWORD,
      locale,
    });
  }
  async function mailsTo(email: string, kind?: string) {
    return (await s.mail.list())
      .filter((m) => m.to === email && (!kind || m.kind === kind))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async function lastToken(email: string, kind: string, path: string) {
    const mail = (await mailsTo(email, kind)).at(-1);
    const token = new RegExp(`${path.replace("?", "\\?")}\\?token=([\\w-]+)`).exec(
      mail?.text ?? "",
    )?.[1];
    if (!token) throw new Error(`no ${kind} link sent to ${email}`);
    return token;
  }
  const resetToken = (email: string) => lastToken(email, "passwordReset", "/forgot-password");
  const changeToken = (email: string) => lastToken(email, "emailChangeConfirm", "/account/email");

  it("a reset link sets a new password once, and ends every session of its person", async () => {
    const marie = await person();
    const other = await person();
    const sessions = [
      await createSessionRecord(s, marie.id),
      await createSessionRecord(s, marie.id),
    ];
    const otherSession = await createSessionRecord(s, other.id);
    await requestPasswordReset(s, { email: ` ${marie.email.toUpperCase()} `, locale: "en" });
    const token = await resetToken(marie.email);
    // The person's own language, whatever the page's.
    expect((await mailsTo(marie.email, "passwordReset"))[0]!.subject).toBe(
      "Choisir un nouveau mot de passe",
    );
    expect((await readPasswordResetLink(s, token)).state).toBe("valid");

    await resetPassword(s, token, "nouveau-mot-de-passe");
    expect(await verifyLogin(s, marie.email, "nouveau-mot-de-passe")).toBeTruthy();
    expect(await verifyLogin(s, marie.email, PASSWORD)).toBeUndefined();
    for (const sid of sessions) expect(await sessionUserId(s, sid)).toBeUndefined();
    expect(await sessionUserId(s, otherSession)).toBe(other.id);
    expect(await mailsTo(marie.email, "passwordChanged")).toHaveLength(1);

    // A second use: refused as used, and the password stays.
    expect((await readPasswordResetLink(s, token)).state).toBe("used");
    await expect(resetPassword(s, token, "troisieme-mot-de-passe")).rejects.toMatchObject({
      code: "reset-link-used",
    });
    expect(await verifyLogin(s, marie.email, "nouveau-mot-de-passe")).toBeTruthy();
  });

  it("a reset link expires after its hours", async () => {
    const paul = await person();
    await requestPasswordReset(s, { email: paul.email, locale: "fr" });
    const token = await resetToken(paul.email);
    later(PASSWORD_RESET_HOURS * 60 - 1);
    expect((await readPasswordResetLink(s, token)).state).toBe("valid");
    later(2);
    expect((await readPasswordResetLink(s, token)).state).toBe("expired");
    await expect(resetPassword(s, token, "nouveau-mot-de-passe")).rejects.toBeInstanceOf(
      AccountLinkError,
    );
    expect(await verifyLogin(s, paul.email, PASSWORD)).toBeTruthy();
  });

  it("a changed password spends the reset links sent before", async () => {
    const lea = await person();
    await requestPasswordReset(s, { email: lea.email, locale: "fr" });
    const token = await resetToken(lea.email);
    await changePassword(s, {
      userId: lea.id,
      currentPassword: PASSWORD,
      password: "un-autre-mot-de-passe",
    });
    expect((await readPasswordResetLink(s, token)).state).toBe("used");
  });

  it("an address with no account is told so, and a few requests an hour at most are sent", async () => {
    const email = "personne-inconnue@exemple.org";
    await requestPasswordReset(s, { email, locale: "fr" });
    const [mail] = await mailsTo(email);
    expect(mail!.kind).toBe("passwordResetUnknown");
    expect(mail!.text).not.toMatch(/token=/);
    expect(await s.store.findOne("users", { email })).toBeUndefined();

    const zoe = await person();
    for (let i = 0; i < 5; i++) await requestPasswordReset(s, { email: zoe.email, locale: "fr" });
    expect(await mailsTo(zoe.email, "passwordReset")).toHaveLength(3);
  });

  it("a forged or tampered link is invalid", async () => {
    const ana = await person();
    await requestPasswordReset(s, { email: ana.email, locale: "fr" });
    const token = await resetToken(ana.email);
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect((await readPasswordResetLink(s, tampered)).state).toBe("invalid");
    // A reset link is not an address-change link.
    expect((await readEmailChangeLink(s, token)).state).toBe("invalid");
  });

  it("two uses of one reset link at the same moment set one password", async () => {
    const luc = await person();
    await requestPasswordReset(s, { email: luc.email, locale: "fr" });
    const token = await resetToken(luc.email);
    const results = await Promise.allSettled(
      ["premier-mot-de-passe", "second-mot-de-passe", "troisieme-mot-de-passe"].map((p) =>
        resetPassword(s, token, p),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const won = ["premier-mot-de-passe", "second-mot-de-passe", "troisieme-mot-de-passe"].filter(
      (_, i) => results[i]!.status === "fulfilled",
    )[0]!;
    expect(await verifyLogin(s, luc.email, won)).toBeTruthy();
    expect(await mailsTo(luc.email, "passwordChanged")).toHaveLength(1);
  });

  it("a new password needs the current one and ends the person's other sessions only", async () => {
    const eve = await person();
    const here = await createSessionRecord(s, eve.id);
    const elsewhere = await createSessionRecord(s, eve.id);
    await expect(
      changePassword(s, {
        userId: eve.id,
        sessionId: here,
        currentPassword: "pas-le-bon",
        password: "nouveau-mot-de-passe",
      }),
    ).rejects.toBeInstanceOf(WrongPasswordError);
    expect(await sessionUserId(s, elsewhere)).toBe(eve.id);
    await changePassword(s, {
      userId: eve.id,
      sessionId: here,
      currentPassword: PASSWORD,
      password: "nouveau-mot-de-passe",
    });
    expect(await sessionUserId(s, here)).toBe(eve.id);
    expect(await sessionUserId(s, elsewhere)).toBeUndefined();
    expect(await verifyLogin(s, eve.email, "nouveau-mot-de-passe")).toBeTruthy();
  });

  it("a new address is confirmed from its inbox, once, and the old one is told", async () => {
    const jean = await person("en");
    const oldEmail = jean.email;
    const newEmail = `nouveau-${people}@exemple.org`;
    await expect(
      requestEmailChange(s, { userId: jean.id, email: newEmail, currentPassword: "pas-le-bon" }),
    ).rejects.toBeInstanceOf(WrongPasswordError);
    await requestEmailChange(s, { userId: jean.id, email: newEmail, currentPassword: PASSWORD });
    // Nothing changes before the link is followed.
    expect((await s.store.get("users", jean.id))!.email).toBe(oldEmail);
    const token = await changeToken(newEmail);
    expect((await mailsTo(newEmail, "emailChangeConfirm"))[0]!.subject).toBe(
      "Confirm your new address",
    );
    expect(await readEmailChangeLink(s, token)).toMatchObject({ state: "valid", email: newEmail });

    await confirmEmailChange(s, token);
    expect((await s.store.get("users", jean.id))!.email).toBe(newEmail);
    const [told] = await mailsTo(oldEmail, "emailChanged");
    expect(told!.text).toContain(newEmail);
    expect(await verifyLogin(s, newEmail, PASSWORD)).toBeTruthy();
    expect(await verifyLogin(s, oldEmail, PASSWORD)).toBeUndefined();

    expect((await readEmailChangeLink(s, token)).state).toBe("used");
    await expect(confirmEmailChange(s, token)).rejects.toMatchObject({ code: "email-link-used" });
  });

  it("an address-change link expires, and a newer request replaces it", async () => {
    const ines = await person();
    await requestEmailChange(s, {
      userId: ines.id,
      email: "a@exemple.org",
      currentPassword: PASSWORD,
    });
    const first = await changeToken("a@exemple.org");
    await requestEmailChange(s, {
      userId: ines.id,
      email: "b@exemple.org",
      currentPassword: PASSWORD,
    });
    const second = await changeToken("b@exemple.org");
    expect((await readEmailChangeLink(s, first)).state).toBe("used");
    later(EMAIL_CHANGE_HOURS * 60 + 1);
    expect((await readEmailChangeLink(s, second)).state).toBe("expired");
    await expect(confirmEmailChange(s, second)).rejects.toMatchObject({
      code: "email-link-expired",
    });
    expect((await s.store.get("users", ines.id))!.email).toBe(ines.email);
  });

  it("an address another account uses gets a note, not a link; one taken meanwhile is refused", async () => {
    const a = await person();
    const b = await person();
    await requestEmailChange(s, { userId: a.id, email: b.email, currentPassword: PASSWORD });
    const [note] = await mailsTo(b.email, "emailChangeTaken");
    expect(note!.text).not.toMatch(/token=/);
    expect(await mailsTo(b.email, "emailChangeConfirm")).toHaveLength(0);

    const wanted = `convoitee-${people}@exemple.org`;
    await requestEmailChange(s, { userId: a.id, email: wanted, currentPassword: PASSWORD });
    const token = await changeToken(wanted);
    await createUser(s, { email: wanted, name: "Quelqu'un", password: PASSWORD, locale: "fr" });
    await expect(confirmEmailChange(s, token)).rejects.toBeInstanceOf(EmailNowTakenError);
    expect((await s.store.get("users", a.id))!.email).toBe(a.email);
  });

  it("two confirmations of one address change at the same moment change it once", async () => {
    const rose = await person();
    const wanted = `rose-${people}@exemple.org`;
    await requestEmailChange(s, { userId: rose.id, email: wanted, currentPassword: PASSWORD });
    const token = await changeToken(wanted);
    const results = await Promise.allSettled([1, 2, 3].map(() => confirmEmailChange(s, token)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await mailsTo(rose.email, "emailChanged")).toHaveLength(1);
  });
});
