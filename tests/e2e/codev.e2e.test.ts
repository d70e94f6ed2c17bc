import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";
let server: TestServer;
let browsers: Array<Awaited<ReturnType<typeof launchBrowser>>> = [];

beforeAll(async () => {
  server = await startServer();
  browsers = await Promise.all([launchBrowser(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.stop();
});

const STEPS = [
  "Tour d'ouverture",
  "Exposé du problème",
  "Questions de clarification",
  "Le contrat",
  "Consultation",
  "Synthèse et plan d'action",
  "Apprentissages",
];

describe("a co-development session in the browser", () => {
  it("the facilitator runs it step by step; the client follows; the action lands in the plan", async () => {
    const [marc, benoit] = browsers.map((b) => b.page) as [Page, Page];
    await signIn(marc, server.url, "marc@exemple.org");
    await signIn(benoit, server.url, "benoit@exemple.org");

    // Marc finds the session from the group's space.
    await marc.goto(`${server.url}${GROUP}`);
    await marc.getByRole("link", { name: "Codéveloppement" }).click();
    await marc.getByRole("link", { name: "Séance de codéveloppement n° 2" }).click();
    await marc.getByText("Votre rôle : Animation.").waitFor();
    await marc.getByText("En direct", { exact: true }).waitFor();

    await benoit.goto(`${server.url}${marc.url().replace(server.url, "")}`);
    await benoit.getByText("Votre rôle : Client.").waitFor();
    await benoit.getByText("En direct", { exact: true }).waitFor();
    // Benoît cannot start the session; he waits for Marc.
    expect(await benoit.getByRole("button", { name: "Démarrer la séance" }).count()).toBe(0);

    await marc.getByRole("button", { name: "Démarrer la séance" }).click();
    for (const page of [marc, benoit]) {
      await page.getByRole("heading", { name: `0. ${STEPS[0]}` }).waitFor();
    }
    const timer = await marc.getByRole("timer").textContent();
    expect(timer).toMatch(/Temps restant : (10:00|9:5\d)/);

    // The client states his subject; it shows on the facilitator's screen.
    await benoit
      .getByLabel("Le problème apporté par le client")
      .fill("Nos chambres froides débordent");
    await benoit.getByRole("button", { name: "Enregistrer le sujet" }).click();
    await marc
      .getByLabel("Le problème apporté par le client")
      .and(marc.locator('[value="Nos chambres froides débordent"]'))
      .waitFor();

    // Marc (facilitating, no one else writing) keeps notes, then moves through the steps.
    await marc.getByLabel("Notes de cette étape").fill("Première séance de Benoît");
    await marc.getByText("Notes enregistrées.").waitFor();
    for (let step = 1; step <= 5; step++) {
      await marc.getByRole("button", { name: "Étape suivante" }).click();
      for (const page of [marc, benoit]) {
        await page.getByRole("heading", { name: `${step}. ${STEPS[step]}` }).waitFor();
      }
    }
    // Step 5: the client writes his action; everyone sees it.
    await benoit.getByLabel("Nouvelle action").fill("Mesurer les pertes de juillet");
    await benoit.getByRole("button", { name: "Ajouter l'action" }).click();
    await marc.getByText("Mesurer les pertes de juillet").waitFor();

    await marc.getByRole("button", { name: "Étape suivante" }).click();
    await benoit.getByRole("heading", { name: `6. ${STEPS[6]}` }).waitFor();
    await marc.getByRole("button", { name: "Terminer la séance" }).click();
    await marc.getByRole("button", { name: "Oui, terminer" }).click();
    for (const page of [marc, benoit]) {
      await page.getByRole("heading", { name: "Séance terminée" }).waitFor();
    }
    await benoit
      .getByText(
        /([01] action du client ajoutée|([2-9]|\d{2,}) actions du client ajoutées) au plan d'action/,
      )
      .waitFor();

    await benoit.getByRole("link", { name: "Voir le plan d'action" }).click();
    await benoit.waitForURL(/\/plan$/);
    await benoit.getByRole("heading", { name: "Mesurer les pertes de juillet" }).waitFor();
  });
});
