import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";
import { Factory } from "../helpers/factory";

// A mentor facilitates; a mentee is the client; the other mentee, the scribe, is away.
const f = new Factory("cd");
const { program } = f.cohort();
const { group, members } = f.groupSpace(program);
const [mentor, client, scribe] = members;
f.codevSession(group, {
  status: "planned",
  number: 2,
  roles: { client, facilitator: mentor, scribe },
});
const e2e = useE2E({ data: f });

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
    const [facilitator, presenter] = await Promise.all([
      e2e.signedIn(mentor),
      e2e.signedIn(client),
    ]);

    // The mentor finds the session from the group's space.
    await facilitator.goto(`${e2e.url}${group.path}`);
    await facilitator.getByRole("link", { name: "Codéveloppement" }).click();
    await facilitator.getByRole("link", { name: "Séance de codéveloppement n° 2" }).click();
    await facilitator.getByText("Votre rôle : Animation.").waitFor();
    await facilitator.getByText("En direct", { exact: true }).waitFor();

    await presenter.goto(`${e2e.url}${facilitator.url().replace(e2e.url, "")}`);
    await presenter.getByText("Votre rôle : Client.").waitFor();
    await presenter.getByText("En direct", { exact: true }).waitFor();
    // The client cannot start the session; they wait for the facilitator.
    expect(await presenter.getByRole("button", { name: "Démarrer la séance" }).count()).toBe(0);

    await facilitator.getByRole("button", { name: "Démarrer la séance" }).click();
    for (const page of [facilitator, presenter]) {
      await page.getByRole("heading", { name: `0. ${STEPS[0]}` }).waitFor();
    }
    const timer = await facilitator.getByRole("timer").textContent();
    expect(timer).toMatch(/Temps restant : (10:00|9:5\d)/);

    // The client states his subject; it shows on the facilitator's screen.
    await presenter
      .getByLabel("Le problème apporté par le client")
      .fill("Nos chambres froides débordent");
    await presenter.getByRole("button", { name: "Enregistrer le sujet" }).click();
    await facilitator
      .getByLabel("Le problème apporté par le client")
      .and(facilitator.locator('[value="Nos chambres froides débordent"]'))
      .waitFor();

    // The facilitator (the scribe away, no one else writing) keeps notes, then moves through the steps.
    await facilitator.getByLabel("Notes de cette étape").fill("Première séance du client");
    await facilitator.getByText("Notes enregistrées.").waitFor();
    for (let step = 1; step <= 5; step++) {
      await facilitator.getByRole("button", { name: "Étape suivante" }).click();
      for (const page of [facilitator, presenter]) {
        await page.getByRole("heading", { name: `${step}. ${STEPS[step]}` }).waitFor();
      }
    }
    // Step 5: the client writes his action; everyone sees it.
    await presenter.getByLabel("Nouvelle action").fill("Mesurer les pertes de juillet");
    await presenter.getByRole("button", { name: "Ajouter l'action" }).click();
    await facilitator.getByText("Mesurer les pertes de juillet").waitFor();

    await facilitator.getByRole("button", { name: "Étape suivante" }).click();
    await presenter.getByRole("heading", { name: `6. ${STEPS[6]}` }).waitFor();
    await facilitator.getByRole("button", { name: "Terminer la séance" }).click();
    await facilitator.getByRole("button", { name: "Oui, terminer" }).click();
    for (const page of [facilitator, presenter]) {
      await page.getByRole("heading", { name: "Séance terminée" }).waitFor();
    }
    await presenter
      .getByText(
        /([01] action du client ajoutée|([2-9]|\d{2,}) actions du client ajoutées) au plan d'action/,
      )
      .waitFor();

    await presenter.getByRole("link", { name: "Voir le plan d'action" }).click();
    await presenter.waitForURL(/\/plan$/);
    await presenter.getByRole("heading", { name: "Mesurer les pertes de juillet" }).waitFor();
  });
});
