/**
 * A participant's own account, in the browser, as one story told in steps (ADR 0036): the steps
 * run in order and share `person` (who they are, their address and password now), so that later
 * steps — a data download, deleting the account — are appended at the end of the
 * `describe` and start from where the previous one left off.
 *
 * E-mails are read from the test server's outbox ($DATA_DIR/outbox), as a person reads their inbox.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../server/seeds/demo";
import { signIn } from "../helpers/browser";
import { useE2E } from "../helpers/e2e";
import { outboxMessages } from "../helpers/store-snapshot";

const e2e = useE2E();

/** Who the story follows, as it stands after the last step. */
const person = {
  name: "Sophie Dubé",
  email: "sophie@exemple.org",
  password: DEMO_PASSWORD,
};

/** The newest e-mail of `kind` sent to `to`. */
async function lastMail(to: string, kind: string) {
  const mail = (await outboxMessages([e2e.server.dataDir]))
    .filter((m) => m.to === to && m.kind === kind)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .at(-1);
  if (!mail) throw new Error(`no ${kind} e-mail to ${to}`);
  return mail;
}

/** The link of the newest e-mail of `kind` to `to`. */
async function linkIn(to: string, kind: string): Promise<string> {
  const link = /https?:\/\/\S+\?token=[\w-]+/.exec((await lastMail(to, kind)).text)?.[0];
  if (!link) throw new Error(`no link in the ${kind} e-mail to ${to}`);
  return link;
}

/** A fresh page signed in as the person, with their address and password as they are now. */
async function signedInPage(): Promise<Page> {
  const page = await e2e.newPage();
  await signIn(page, e2e.url, person.email, person.password);
  return page;
}

describe.sequential("a participant's account, step by step", () => {
  it("forgets the password, sets a new one from the e-mailed link, and other sessions end", async () => {
    // A session opened earlier on another computer.
    const elsewhere = await signedInPage();

    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/login`);
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await page.waitForURL(/\/forgot-password$/);
    await page.getByLabel("Adresse courriel").fill(person.email);
    await page.getByRole("button", { name: "Recevoir le lien" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Si un compte utilise cette adresse" })
      .waitFor();

    const link = await linkIn(person.email, "passwordReset");
    await page.goto(link);
    const newPassword = "un-nouveau-mot-de-passe";
    await page.getByLabel(/^Nouveau mot de passe/).fill(newPassword);
    await page.getByLabel("Tapez le nouveau mot de passe une deuxième fois").fill(newPassword);
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await page.waitForURL(/\/dashboard$/);
    person.password = newPassword;
    expect((await lastMail(person.email, "passwordChanged")).subject).toBe(
      "Votre mot de passe a changé",
    );

    // The other computer's session has ended.
    await elsewhere.goto(`${e2e.url}/dashboard`);
    await elsewhere.waitForURL(/\/login\?redirectTo=/);

    // The link works once.
    const again = await e2e.newPage();
    await again.goto(link);
    await again.getByRole("alert").filter({ hasText: "Ce lien a déjà servi" }).waitFor();
  }, 90_000);

  it("changes the address, confirmed from the new inbox, and the old address is told", async () => {
    const page = await signedInPage();
    await page.goto(`${e2e.url}/account`);
    const address = page.getByRole("region", { name: "Adresse courriel" });
    const newEmail = "sophie.tremblay@exemple.org";
    await address.getByLabel("Nouvelle adresse courriel").fill(newEmail);
    await address.getByLabel("Mot de passe actuel").fill(person.password);
    await address.getByRole("button", { name: "Changer d'adresse" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("Un lien vient d'être envoyé à la nouvelle adresse");
    // Until the link is followed, the account keeps its address.
    expect(await page.getByText(`Adresse actuelle : ${person.email}`).count()).toBe(1);

    // The new inbox, opened on a phone: no session there.
    const phone = await e2e.newPage();
    await phone.goto(await linkIn(newEmail, "emailChangeConfirm"));
    await phone.getByRole("button", { name: "Confirmer la nouvelle adresse" }).click();
    await expect
      .poll(() => phone.getByRole("status").textContent())
      .toContain("Votre nouvelle adresse courriel est confirmée");
    expect((await lastMail(person.email, "emailChanged")).text).toContain(newEmail);
    person.email = newEmail;

    await page.reload();
    expect(await page.getByText(`Adresse actuelle : ${newEmail}`).count()).toBe(1);
    // The new address signs in.
    await signedInPage();
  }, 90_000);

  it("changes the language of the pages and e-mails, and finds the privacy page in the footer", async () => {
    const page = await signedInPage();
    await page.goto(`${e2e.url}/account`);
    await page.getByLabel("Langue des pages et des courriels").selectOption("en");
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.getByRole("heading", { name: "My account", level: 1 }).waitFor();
    expect(await page.getByRole("status").textContent()).toContain("Your details are saved.");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    await page.getByRole("contentinfo").getByRole("link", { name: "Privacy" }).click();
    await page.getByRole("heading", { name: "Privacy policy", level: 1 }).waitFor();
    expect(
      await page.getByRole("region", { name: "The person in charge" }).textContent(),
    ).toContain("confidentialite@exemple.org");
  });

  it("turns reminders off from the link every e-mail carries, and the choice stays after reload", async () => {
    // Every e-mail ends with the link to the preferences: the last one received leads there.
    const footer = /https?:\/\/\S+\/account#notices/.exec(
      (await lastMail(person.email, "emailChangeConfirm")).text,
    )?.[0];
    expect(footer).toBeTruthy();
    const page = await signedInPage();
    await page.goto(footer!);
    const notices = page.getByRole("region", { name: "E-mail notices" });
    const reminders = notices.getByRole("checkbox", { name: "Reminders" });
    expect(await reminders.isChecked()).toBe(true);
    // The essential e-mails are shown on, and cannot be turned off.
    const essential = notices.getByRole("checkbox", { name: /Essential e-mails/ });
    expect(await essential.isChecked()).toBe(true);
    expect(await essential.isDisabled()).toBe(true);

    await reminders.uncheck();
    await notices.getByRole("button", { name: "Save my choices" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("Your e-mail notice choices are saved.");
    await page.reload();
    const after = page.getByRole("region", { name: "E-mail notices" });
    expect(await after.getByRole("checkbox", { name: "Reminders" }).isChecked()).toBe(false);
    expect(await after.getByRole("checkbox", { name: "Announcements" }).isChecked()).toBe(true);
  });

  // Next steps (another engineer): downloads their data, deletes the account.
});
