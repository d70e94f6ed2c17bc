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
import { outboxMessages, storeSnapshot } from "../helpers/store-snapshot";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import tar from "tar-stream";

const e2e = useE2E();

/** Who the story follows, as it stands after the last step. */
const person = {
  name: "Sophie Dubé",
  email: "sophie@exemple.org",
  password: DEMO_PASSWORD,
  /** The addresses the account had before its current one. */
  formerEmails: [] as string[],
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
  // The dashboard, loaded: a navigation started now would interrupt it.
  await page.locator("details.menu--right").waitFor({ state: "attached" });
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
    person.formerEmails.push(person.email);
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
    const footer = /https?:\/\/\S+\/account\/notices/.exec(
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

  it("downloads their data: the archive opens and holds their account and profile", async () => {
    const page = await signedInPage();
    // The account menu offers it; the browser fetches it with the person's session.
    expect(await page.locator('a[href="/account/data.tar.gz"]').count()).toBe(1);
    const response = await page.request.get(`${e2e.url}/account/data.tar.gz`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toContain("attachment");
    const archive = gunzipSync(await response.body());
    const files = await tarEntries(archive);
    const data = JSON.parse(files.get("maillage-data.json")!) as {
      format: string;
      account: { name: string; email: string };
      participations: Array<{ organization: { name: string }; profile: { sector: string } }>;
    };
    expect(data.format).toBe("maillage-personal-data");
    expect(data.account).toMatchObject({ name: person.name, email: person.email });
    expect(data.participations).toHaveLength(1);
    expect(data.participations[0]!.profile.sector).not.toBe("");
  });

  it("deletes the account; afterwards their name and e-mail appear nowhere", async () => {
    // Their name, their address, and the address they had before (the notice of the change went
    // there, and named both).
    expect(person.formerEmails).toHaveLength(1);
    const named = (text: string) =>
      [person.name, person.email, ...person.formerEmails].filter((x) =>
        text.toLowerCase().includes(x.toLowerCase()),
      );
    // Before, a member of the same program reads the name in the directory (so the check can fail).
    const other = await e2e.newPage();
    await signIn(other, e2e.url, "chloe@exemple.org", DEMO_PASSWORD);
    await other.locator("details.menu--right").waitFor({ state: "attached" });
    await other.goto(`${e2e.url}/programs/prog-reemploi-2026/directory`);
    expect(named(await other.content())).toContain(person.name);

    const page = await signedInPage();
    await page.goto(`${e2e.url}/account/delete`);
    await page.getByLabel("Your password, to confirm").fill(person.password);
    await page.getByLabel("I understand that deletion is final").check();
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByText("Your account was deleted.").waitFor();

    // No page of the program, as a member or as the coordinator, nor the report and its CSV files.
    const coordinator = await e2e.newPage();
    await signIn(coordinator, e2e.url, "coordination@exemple.org", DEMO_PASSWORD);
    await coordinator.locator("details.menu--right").waitFor({ state: "attached" });
    const pages: Array<[Page, string]> = [
      [other, "/programs/prog-reemploi-2026/directory"],
      [other, "/programs/prog-reemploi-2026/groups"],
      [coordinator, "/programs/prog-reemploi-2026/applications"],
      [coordinator, "/programs/prog-reemploi-2026/formation"],
      [coordinator, "/programs/prog-reemploi-2026/outbox"],
      [coordinator, "/programs/prog-reemploi-2026/report"],
    ];
    for (const [viewer, path] of pages) {
      await viewer.goto(`${e2e.url}${path}`);
      expect(named(await viewer.content()), path).toEqual([]);
    }
    for (const table of ["groups", "hours", "evaluations"]) {
      const csv = await coordinator.request.get(
        `${e2e.url}/programs/prog-reemploi-2026/report.csv?table=${table}`,
      );
      expect(named(await csv.text()), table).toEqual([]);
    }
    // No outbox message, no record of the store.
    expect(named(JSON.stringify(await outboxMessages([e2e.server.dataDir])))).toEqual([]);
    const store = await storeSnapshot({ engine: "lowdb", dataDir: e2e.server.dataDir });
    expect(named(JSON.stringify(store))).toEqual([]);
    // And the account is gone: signing in with it fails.
    const again = await e2e.newPage();
    await again.goto(`${e2e.url}/login`);
    await again.getByLabel(/Adresse courriel|Email/).fill(person.email);
    await again.getByLabel(/Mot de passe|Password/).fill(person.password);
    await again.getByRole("button", { name: /Se connecter|Sign in/ }).click();
    await again
      .getByText(/Adresse courriel ou mot de passe incorrect|Wrong email address or password/)
      .first()
      .waitFor();
    expect(new URL(again.url()).pathname).toBe("/login");
  });
});

/** The files of a tar archive, by name. */
async function tarEntries(archive: Buffer): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: unknown) => chunks.push(c as Buffer));
    stream.on("end", () => {
      files.set(header.name, Buffer.concat(chunks).toString("utf8"));
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  Readable.from([archive]).pipe(extract);
  await done;
  return files;
}
