import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function invitationLinkFor(email: string): Promise<string> {
  const dir = join(server.dataDir, "outbox");
  for (const name of await readdir(dir)) {
    if (!name.endsWith(".json")) continue;
    const mail = JSON.parse(await readFile(join(dir, name), "utf8")) as {
      to: string;
      text: string;
    };
    const link = /http:\/\/\S+\/invitation\/[\w-]{32}/.exec(mail.text)?.[0];
    if (mail.to === email && link) return link;
  }
  throw new Error(`no invitation for ${email}`);
}

describe("from the interest form to a published profile", () => {
  it("an applicant fixes a form error and submits; the coordinator scores and accepts; the participant joins and edits needs", async () => {
    // The applicant, in French.
    await page.goto(`${server.url}/apply/prog-reemploi-2026`);
    await page.getByLabel("Courriel de l'organisme").fill("info@frigo-montmagny.exemple.org");
    await page.getByLabel("Nom de l'organisme").fill("Le Frigo partagé de Montmagny");
    await page.getByLabel("Personne qui serait mentorée (ou mentore)").fill("Noémie Gosselin");
    await page.getByLabel("Courriel de cette personne").fill("noemie-at-exemple.org");
    await page.getByLabel("Région administrative").selectOption("12");
    await page.getByLabel("MRC ou territoire équivalent").selectOption("18");
    await page.getByLabel("Secteur d'activité").fill("Frigo communautaire");
    await page.getByLabel(/Mentoré·e — votre organisme/).check();
    await page
      .getByLabel("Le concept de votre projet")
      .fill(
        "Un frigo communautaire ouvert en 2025 ; nous voulons récupérer les invendus des épiceries.",
      );
    await page.getByLabel("Transport", { exact: true }).first().check();
    await page.getByLabel("Les freins prioritaires à lever").fill("Pas de véhicule réfrigéré.");
    await page
      .getByLabel("Comment le mentorat pourrait vous aider")
      .fill("Apprendre la chaîne de froid.");
    await page
      .getByLabel("Dans quelle mesure votre organisme peut revoir ses façons de faire")
      .fill("Beaucoup.");
    await page.locator("#need-chaine-froid").selectOption("3");
    await page.locator("#need-transport").selectOption("2");
    await page.getByLabel("Mardi – Matin").check();
    await page.getByLabel(/La personne désignée participera/).check();
    await page.getByLabel(/Cette personne peut mettre les changements/).check();
    await page.getByLabel(/J'accepte les règles de confidentialité/).check();
    await page.getByRole("button", { name: "Soumettre ma candidature" }).click();

    const emailError = page.locator("#field-contactEmail-error");
    await emailError.waitFor();
    expect(await emailError.textContent()).toContain("Entrez une adresse courriel valide");
    expect(await page.getByLabel("Nom de l'organisme").inputValue()).toBe(
      "Le Frigo partagé de Montmagny",
    );
    await page.getByLabel("Courriel de cette personne").fill("noemie@exemple.org");
    await page.getByRole("button", { name: "Soumettre ma candidature" }).click();
    await page.waitForURL(/\/application\/[\w-]{32}\?submitted=1$/);
    expect(await page.getByRole("status").first().textContent()).toContain("a bien été reçue");

    // The coordinator scores and accepts it.
    await signIn(page, server.url, "coordination@exemple.org");
    await page.goto(`${server.url}/programs/prog-reemploi-2026/applications`);
    await page.getByRole("link", { name: "Le Frigo partagé de Montmagny" }).click();
    await page.waitForURL(/\/applications\/app-/);
    for (const criterion of [
      "Accès universel à une alimentation de qualité",
      "Lien avec le thème du programme",
      "Étape où le mentorat est utile",
    ]) {
      await page.getByRole("group", { name: criterion }).getByLabel("3").check();
    }
    for (const criterion of [
      "Qualité du projet (maturité, stratégie, viabilité, complémentarité, innovation)",
      "Ouverture à revoir ses pratiques",
      "Retombées possibles (volumes, liens, expertise)",
      "Contexte intersectoriel et partenariats",
    ]) {
      await page.getByRole("group", { name: criterion }).getByLabel("2").check();
    }
    await page.getByRole("button", { name: "Enregistrer l'évaluation" }).click();
    await expect.poll(() => page.getByText("Total actuel : 17 / 21").count()).toBe(1);
    await page.getByLabel(/Accepter \(une invitation/).check();
    await page
      .getByLabel("Raison communiquée à l'organisme")
      .fill("Projet clair et personne désignée engagée.");
    await page.getByRole("button", { name: "Enregistrer la décision" }).click();
    await expect.poll(() => page.getByText("Décision enregistrée").count()).toBe(1);
    await page.context().clearCookies();

    // The participant joins through the invitation and edits their needs.
    const link = await invitationLinkFor("noemie@exemple.org");
    await page.goto(link);
    await page.getByLabel("Prénom et nom").fill("Noémie Gosselin");
    expect(await page.getByLabel("Adresse courriel").inputValue()).toBe("noemie@exemple.org");
    await page.getByLabel("Choisissez un mot de passe").fill("mot-de-passe-noemie");
    await page.getByRole("button", { name: "Rejoindre le programme" }).click();
    await page.waitForURL(/\/programs\/prog-reemploi-2026\/profile$/);
    const needs = page.locator(".need-list .need-label");
    await expect.poll(() => needs.allTextContents()).toEqual(["Chaîne de froid", "Transport"]);

    await page.getByRole("button", { name: "Monter « Transport »" }).click();
    await expect.poll(() => needs.allTextContents()).toEqual(["Transport", "Chaîne de froid"]);
    await page.getByLabel("Ajouter un besoin").selectOption("entreposage");
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await expect
      .poll(() => needs.allTextContents())
      .toEqual(["Transport", "Chaîne de froid", "Entreposage"]);
    await page.getByLabel("Publier mon profil dans le répertoire du programme").check();
    await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
    await expect.poll(() => page.getByText("Profil enregistré.").count()).toBe(1);

    await page.getByRole("link", { name: "Répertoire" }).click();
    await page.waitForURL(/\/directory$/);
    await page.getByRole("heading", { name: /Noémie Gosselin/ }).waitFor({ timeout: 10_000 });
  });
});
