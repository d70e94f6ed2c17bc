/**
 * The notice preferences (ADR 0039) on both engines: the mailer reads the recipient's account in
 * the caller's transaction; a turned-off category is not written, an essential message always
 * is, and a preference changed earlier in the same transaction already counts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { updateNoticePreferences } from "../../core/models/account.server";
import { testServices, type TestServices } from "../helpers/services";
import { storeEngines } from "../helpers/databases";

const engines = storeEngines("notice_prefs");

describe.each(engines)("notice preferences on $name", (engine) => {
  let s: TestServices | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("skips a turned-off category inside the caller's transaction, never an essential one", async () => {
    s = await testServices({ databaseUrl: await engine.databaseUrl() });
    const services = s;
    const user = (await services.store.findOne("users", { email: "marc@exemple.org" }))!;
    await updateNoticePreferences(services, user.id, ["announcements"]);
    const written = await services.store.transaction(async () => [
      await services.mail.enqueue({
        to: user.email,
        kind: "checkInReminder",
        subject: "Suivi",
        text: "Bonjour",
      }),
      await services.mail.enqueue({
        to: user.email,
        kind: "proposalReceived",
        subject: "Proposition",
        text: "Bonjour",
      }),
      await services.mail.enqueue({
        to: user.email,
        kind: "passwordChanged",
        subject: "Mot de passe",
        text: "Bonjour",
      }),
      await services.mail.enqueue({
        to: user.email,
        kind: "eventAnnouncement",
        subject: "Annonce",
        text: "Bonjour",
      }),
    ]);
    expect(written.map((m) => m?.kind)).toEqual([
      undefined,
      undefined,
      "passwordChanged",
      "eventAnnouncement",
    ]);
    const outbox = await services.mail.list();
    expect(outbox.map((m) => m.kind).sort()).toEqual(["eventAnnouncement", "passwordChanged"]);
    expect(outbox.every((m) => m.text.endsWith("/account/notices"))).toBe(true);
    // A preference changed in the same transaction as the message counts at once.
    await services.store.transaction(async () => {
      await updateNoticePreferences(services, user.id, []);
      await services.mail.enqueue({
        to: user.email,
        kind: "eventAnnouncement",
        subject: "Annonce 2",
        text: "Bonjour",
      });
    });
    expect((await services.mail.list()).some((m) => m.subject === "Annonce 2")).toBe(false);
  });
});
