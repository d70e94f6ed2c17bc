import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";
import { Factory } from "../helpers/factory";
import { outboxMessages } from "../helpers/store-snapshot";

// A program open to applications, and its coordinator.
const f = new Factory("in");
const { program, coordinator } = f.cohort({ status: "open" });
const e2e = useE2E({ data: f });
const APPLICANT = "noemie@frigo-montmagny.exemple.org";

async function invitationLinkFor(email: string): Promise<string> {
  for (const mail of await outboxMessages([e2e.server.dataDir])) {
    const link = /http:\/\/\S+\/invitation\/[\w-]{32}/.exec(mail.text)?.[0];
    if (mail.to === email && link) return link;
  }
  throw new Error(`no invitation for ${email}`);
}

describe("from the interest form to a published profile", () => {
  it("an applicant fixes a form error and submits; the coordinator scores and accepts; the participant joins and edits needs", async () => {
    // The applicant, in French.
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/apply/${program.id}`);
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
      .getByRole("group", { name: /reçu du coaching ou du mentorat récemment/ })
      .getByLabel("Non")
      .check();
    await page
      .getByLabel("Dans quelle mesure votre organisme peut revoir ses façons de faire")
      .fill("Beaucoup.");
    await page.locator("#need-chaine-froid").selectOption("3");
    await page.locator("#need-transport").selectOption("2");
    await page.getByLabel("Mardi – Matin").check();
    await page.getByLabel(/La personne désignée participera/).check();
    await page.getByLabel(/Cette personne peut mettre les changements/).check();
    await page.getByLabel(/J'ai lu la politique de confidentialité/).check();
    await page.getByRole("button", { name: "Soumettre ma candidature" }).click();

    const emailError = page.locator("#field-contactEmail-error");
    await emailError.waitFor();
    expect(await emailError.textContent()).toContain("Entrez une adresse courriel valide");
    expect(await page.getByLabel("Nom de l'organisme").inputValue()).toBe(
      "Le Frigo partagé de Montmagny",
    );
    await page.getByLabel("Courriel de cette personne").fill(APPLICANT);
    await page.getByRole("button", { name: "Soumettre ma candidature" }).click();
    await page.waitForURL(/\/application\/[\w-]{32}\?submitted=1$/);
    expect(await page.getByRole("status").first().textContent()).toContain("a bien été reçue");

    // The coordinator scores and accepts it.
    await e2e.signIn(page, coordinator);
    await page.goto(`${e2e.url}${program.path}/applications`);
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
    const link = await invitationLinkFor(APPLICANT);
    await page.goto(link);
    await page.getByLabel("Prénom et nom").fill("Noémie Gosselin");
    expect(await page.getByLabel("Adresse courriel").inputValue()).toBe(APPLICANT);
    await page.getByLabel("Choisissez un mot de passe").fill("mot-de-passe-noemie");
    await page.getByRole("button", { name: "Rejoindre le programme" }).click();
    await page.waitForURL(`${e2e.url}${program.path}/profile`);
    const needs = page.locator(".need-list .need-label");
    await expect.poll(() => needs.allTextContents()).toEqual(["Chaîne de froid", "Transport"]);

    // Needs are ordered by their priority alone (ADR 0033): changing it moves the need.
    await page.getByLabel("Priorité de « Transport »").selectOption({ label: "Priorité élevée" });
    await page
      .getByLabel("Priorité de « Chaîne de froid »")
      .selectOption({ label: "Priorité faible" });
    await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
    await expect.poll(() => needs.allTextContents()).toEqual(["Transport", "Chaîne de froid"]);
    await page.getByLabel("Ajouter un besoin").selectOption("entreposage");
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await expect
      .poll(() => needs.allTextContents())
      .toEqual(["Transport", "Entreposage", "Chaîne de froid"]);
    await page.getByLabel("Publier mon profil dans le répertoire du programme").check();
    await page.getByRole("button", { name: "Enregistrer mon profil" }).click();
    await expect.poll(() => page.getByText("Profil enregistré.").count()).toBe(1);

    await page.getByRole("link", { name: "Répertoire" }).click();
    await page.waitForURL(/\/directory$/);
    await page.getByRole("heading", { name: /Noémie Gosselin/ }).waitFor({ timeout: 10_000 });
  });
});
