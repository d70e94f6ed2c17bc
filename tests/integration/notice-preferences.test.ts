/**
 * E-mail notice preferences (ADR 0039): a participant turns reminders off on /account (the real
 * page, through HTTP); a meeting reminder pass then writes nothing to them and still writes to the
 * other members; a password reset (essential) still reaches them; every message carries the link
 * to the preferences, in the recipient's language.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, HttpClient, location, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { storeSnapshot } from "../helpers/store-snapshot";
import { testServices, type TestServices } from "../helpers/services";
import {
  noticesOn,
  requestPasswordReset,
  updateNoticePreferences,
} from "../../core/models/account.server";
import { sendMeetingReminders } from "../../core/models/meeting-calendar.server";
import { OPTIONAL_NOTICE_CATEGORIES, noticeCategoryOf } from "../../core/data/notice-kinds";

const GROUP = "grp-demo-chaine-froid";

describe("notice preferences on the account page", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("the e-mails' link leads to the choices, through the sign-in when signed out", async () => {
    const anonymous = await new HttpClient(server.url).get("/account/notices");
    expect(location(anonymous)).toBe("/login?redirectTo=%2Faccount%2Fnotices");
    const client = await signedIn(server.url, "mathieu@exemple.org");
    expect(location(await client.get("/account/notices"))).toBe("/account#notices");
  });

  it("a participant turns reminders off, and the page shows it after reload", async () => {
    const client = await signedIn(server.url, "mathieu@exemple.org");
    const page = decode(await (await client.get("/account")).text());
    expect(page).toContain('id="notices"');
    expect(page).toContain("Avis par courriel");
    expect(page).toMatch(/id="notices-reminders"[^>]*checked/);
    const saved = await client.post("/account", {
      intent: "notices",
      on: ["announcements", "groups", "requests", "coordination"],
    });
    expect(saved.status).toBe(302);
    expect(location(saved)).toBe("/account?saved=notices#notices");
    const after = decode(await (await client.get("/account?saved=notices")).text());
    expect(after).toContain("Vos choix d'avis par courriel sont enregistrés.");
    expect(after).not.toMatch(/id="notices-reminders"[^>]*checked/);
    expect(after).toMatch(/id="notices-groups"[^>]*checked/);
    // The essential ones are shown on and cannot be changed.
    expect(after).toMatch(
      /id="notices-essential"[^>]*checked[^>]*disabled|id="notices-essential"[^>]*disabled[^>]*checked/,
    );
    const stored = await storeSnapshot({ engine: "lowdb", dataDir: server.dataDir });
    const user = stored.users.find((u) => u.email === "mathieu@exemple.org")!;
    expect(user.noticePreferences).toEqual({ off: ["reminders"] });
    // "essential" is not a choice: sent anyway, it is refused and nothing changes.
    const refused = await client.post("/account?saved=notices", {
      intent: "notices",
      on: ["essential"],
    });
    expect(refused.status).toBe(400);
    // The page that answers the refusal no longer says the last choices were saved.
    expect(decode(await refused.text())).not.toContain(
      "Vos choix d'avis par courriel sont enregistrés.",
    );
    const again = await storeSnapshot({ engine: "lowdb", dataDir: server.dataDir });
    expect(again.users.find((u) => u.id === user.id)!.noticePreferences).toEqual({
      off: ["reminders"],
    });
  });
});

describe("the mailer applies the preferences", () => {
  let s: TestServices;
  beforeAll(async () => {
    s = await testServices({ config: { publicUrl: "https://maillage.exemple.org" } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("no reminder to who turned them off, still to the others; a password reset always", async () => {
    const group = (await s.store.get("groups", GROUP))!;
    const members = [];
    for (const id of group.memberIds) {
      const participant = (await s.store.get("participants", id))!;
      members.push((await s.store.get("users", participant.userId))!);
    }
    const [off, ...others] = members;
    expect(others.length).toBeGreaterThan(0);
    await updateNoticePreferences(s, off!.id, [
      "announcements",
      "groups",
      "requests",
      "coordination",
    ]);
    expect(noticesOn((await s.store.get("users", off!.id))!)).toEqual([
      "announcements",
      "groups",
      "requests",
      "coordination",
    ]);
    // One of the others reads English: their footer is in English.
    await s.store.update("users", others[0]!.id, { locale: "en" });

    const told = await sendMeetingReminders(s, 24 * 365);
    expect(told).toBeGreaterThan(0);
    const reminders = (await s.mail.list()).filter((m) => m.kind === "meetingReminder");
    expect(reminders.some((m) => m.to === off!.email)).toBe(false);
    for (const other of others) expect(reminders.some((m) => m.to === other.email)).toBe(true);
    // The in-app notice is still there: only the e-mail is turned off.
    const notices = await s.store.find("notifications", { userId: off!.id });
    expect(notices.some((n) => n.kind === "meetingReminder")).toBe(true);

    await requestPasswordReset(s, { email: off!.email, locale: "fr" });
    const reset = (await s.mail.list()).filter((m) => m.kind === "passwordReset");
    expect(reset.map((m) => m.to)).toEqual([off!.email]);
    expect(noticeCategoryOf("passwordReset")).toBe("essential");

    const all = await s.mail.list();
    expect(all.length).toBeGreaterThan(1);
    for (const message of all)
      expect(message.text).toContain("https://maillage.exemple.org/account/notices");
    const english = all.find((m) => m.to === others[0]!.email)!;
    expect(english.text).toContain("To choose which e-mails you receive from Maillage:");
    expect(reset[0]!.text).toContain("Pour choisir les courriels que vous recevez de Maillage :");
  });

  it("turning reminders back on sends them again", async () => {
    const group = (await s.store.get("groups", GROUP))!;
    const participant = (await s.store.get("participants", group.memberIds[0]!))!;
    const user = (await s.store.get("users", participant.userId))!;
    await updateNoticePreferences(s, user.id, [...OPTIONAL_NOTICE_CATEGORIES]);
    const before = (await s.mail.list()).length;
    await s.mail.enqueue({
      to: user.email,
      kind: "meetingReminder",
      subject: "Rappel",
      text: "Bonjour",
    });
    expect((await s.mail.list()).length).toBe(before + 1);
    await updateNoticePreferences(s, user.id, []);
    const skipped = await s.mail.enqueue({
      to: user.email.toUpperCase(),
      kind: "eventAnnouncement",
      subject: "Annonce",
      text: "Bonjour",
    });
    expect(skipped).toBeUndefined();
    expect((await s.mail.list()).length).toBe(before + 1);
  });
});
