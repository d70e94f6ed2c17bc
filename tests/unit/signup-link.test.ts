/**
 * Sign-up links (core/models/signup.server.ts, ADR 0029): what the two e-mails say, how long a
 * link works, that it works once, and that nothing is stored before it is followed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  confirmSignUp,
  readSignUpLink,
  requestSignUp,
  SIGN_UP_LINK_HOURS,
} from "../../core/models/signup.server";
import { verifyLogin } from "../../core/models/user.server";
import { seal } from "../../core/security/sealed";
import { PRIVACY_VERSION } from "../../core/data/privacy";
import { outboxMessages } from "../helpers/store-snapshot";
import { testServices, type TestServices } from "../helpers/services";

let now = new Date("2026-12-03T14:00:00Z");
let s: TestServices;
beforeAll(async () => {
  s = await testServices({ clock: { now: () => now } });
});
afterAll(async () => {
  await s?.close();
});

const tokenOf = (text: string) => /\/signup\?confirm=([\w-]+)/.exec(text)![1]!;

async function mailsTo(email: string) {
  return (await outboxMessages([s.dataDir])).filter((m) => m.to === email);
}

describe("a sign-up link", () => {
  it("holds the account until it is followed, within its hours, once", async () => {
    const usersBefore = (await s.store.find("users")).length;
    await requestSignUp(s, {
      name: "Éloïse Gagnon",
      email: "Eloise@Exemple.org",
      password: "un-mot-de-passe-solide",
      locale: "en",
      redirectTo: "/programs",
    });
    expect((await s.store.find("users")).length).toBe(usersBefore);
    const [mail] = await mailsTo("eloise@exemple.org");
    expect(mail!.kind).toBe("signUpConfirm");
    expect(mail!.subject).toBe("Activate your Maillage account");
    expect(mail!.text).toContain("Hello Éloïse Gagnon");
    // The password travels sealed: neither it nor its hash can be read in the e-mail.
    expect(mail!.text).not.toContain("un-mot-de-passe-solide");
    expect(mail!.text).not.toMatch(/scrypt|\$/);
    const token = tokenOf(mail!.text);
    const askedAt = now.toISOString();

    now = new Date(now.getTime() + (SIGN_UP_LINK_HOURS * 60 - 1) * 60_000);
    const { user, redirectTo } = await confirmSignUp(s, token);
    expect([user.email, user.name, user.locale, redirectTo]).toEqual([
      "eloise@exemple.org",
      "Éloïse Gagnon",
      "en",
      "/programs",
    ]);
    expect(await verifyLogin(s, "eloise@exemple.org", "un-mot-de-passe-solide")).toBeTruthy();
    // The privacy page accepted on the form: when, and which version (ADR 0036).
    expect((await s.store.get("users", user.id))!.privacyConsent).toEqual({
      acceptedAt: askedAt,
      version: PRIVACY_VERSION,
    });
    expect((await readSignUpLink(s, token)).state).toBe("used");
    await expect(confirmSignUp(s, token)).rejects.toMatchObject({ code: "sign-up-link-used" });
  });

  it("expires after its hours, and refuses a link sealed for something else or changed", async () => {
    await requestSignUp(s, {
      name: "Tardive",
      email: "tardive@exemple.org",
      password: "un-mot-de-passe-solide",
      locale: "fr",
    });
    const token = tokenOf((await mailsTo("tardive@exemple.org"))[0]!.text);
    now = new Date(now.getTime() + SIGN_UP_LINK_HOURS * 3_600_000);
    expect((await readSignUpLink(s, token)).state).toBe("expired");
    await expect(confirmSignUp(s, token)).rejects.toMatchObject({ code: "sign-up-link-expired" });

    const other = seal(s.config.sessionSecret, "another-purpose", "{}");
    expect((await readSignUpLink(s, other)).state).toBe("invalid");
    const changed = token.slice(0, 20) + (token[20] === "A" ? "B" : "A") + token.slice(21);
    expect((await readSignUpLink(s, changed)).state).toBe("invalid");
    expect(await s.store.findOne("users", { email: "tardive@exemple.org" })).toBeUndefined();
  });

  it("tells an existing account that someone tried, in its language, and changes nothing", async () => {
    const before = await s.store.findOne("users", { email: "louise@exemple.org" });
    await requestSignUp(s, {
      name: "Imposteur",
      email: "LOUISE@exemple.org",
      password: "un-autre-mot-de-passe",
      locale: "en",
    });
    const mails = await mailsTo("louise@exemple.org");
    expect(mails.map((m) => m.kind)).toEqual(["signUpExisting"]);
    expect(mails[0]!.subject).toBe("Création de compte avec votre adresse");
    expect(mails[0]!.text).not.toContain("confirm=");
    expect(await s.store.findOne("users", { email: "louise@exemple.org" })).toEqual(before);
  });
});
