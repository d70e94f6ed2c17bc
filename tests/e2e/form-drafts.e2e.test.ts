/**
 * Drafts in the browser and length counters (#20): a person who leaves the interest form half
 * filled is warned, comes Back to what they typed ("Brouillon restauré"), and sends it; the draft
 * is then gone. Text fields with a limit count their characters as the person types.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useE2E } from "../helpers/e2e";

const e2e = useE2E();
const APPLY = "/apply/prog-reemploi-2026";

const drafts = (page: Page) =>
  page.evaluate(() =>
    Object.keys(window.sessionStorage).filter((k) => k.startsWith("maillage:draft:")),
  );

describe("drafts of the interest form", () => {
  it("warns before an in-app link, restores the fields after Back, and forgets the draft once sent", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}${APPLY}`);
    await page.getByLabel("Nom de l'organisme").fill("Le Frigo partagé de Montmagny");
    await page
      .getByLabel("Le concept de votre projet")
      .fill("Un frigo communautaire ouvert en 2025 ; nous voulons récupérer les invendus.");
    await page.getByLabel(/Mentoré·e — votre organisme/).check();
    expect(await drafts(page)).toHaveLength(1);

    // An in-app link: the dialog asks; staying keeps the page as it is.
    await page.getByRole("link", { name: "Se connecter" }).click();
    const dialog = page.getByRole("dialog", { name: "Quitter sans envoyer ?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Rester sur la page" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe(APPLY);
    expect(await page.getByLabel("Nom de l'organisme").inputValue()).toBe(
      "Le Frigo partagé de Montmagny",
    );

    // Leaving anyway, then Back: what was typed is there again, with the notice.
    await page.getByRole("link", { name: "Se connecter" }).click();
    await dialog.getByRole("button", { name: "Quitter la page" }).click();
    await page.waitForURL(/\/login/);
    await page.evaluate(() => window.history.back());
    await page.waitForURL(new RegExp(`${APPLY}$`));
    await page.getByText("Brouillon restauré").waitFor();
    expect(await page.getByLabel("Nom de l'organisme").inputValue()).toBe(
      "Le Frigo partagé de Montmagny",
    );
    expect(await page.getByLabel("Le concept de votre projet").inputValue()).toContain(
      "récupérer les invendus",
    );
    expect(await page.getByLabel(/Mentoré·e — votre organisme/).isChecked()).toBe(true);

    // A reload keeps it too.
    page.once("dialog", (d) => void d.accept()); // the browser's own "leave the page?" question
    await page.reload();
    await page.getByText("Brouillon restauré").waitFor();
    expect(await page.getByLabel("Nom de l'organisme").inputValue()).toBe(
      "Le Frigo partagé de Montmagny",
    );

    // The rest of the form, and it is sent: the draft is gone, nothing asks before leaving.
    await page.getByLabel("Courriel de l'organisme").fill("info@frigo-montmagny.exemple.org");
    await page.getByLabel("Personne qui serait mentorée (ou mentore)").fill("Noémie Gosselin");
    await page.getByLabel("Courriel de cette personne").fill("noemie@exemple.org");
    await page.getByLabel("Région administrative").selectOption("12");
    await page.getByLabel("MRC ou territoire équivalent").selectOption("18");
    await page.getByLabel("Secteur d'activité").fill("Frigo communautaire");
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
    await page.locator("#need-transport").selectOption("3");
    await page.getByLabel("Mardi – Matin").check();
    await page.getByLabel(/J'ai lu la politique de confidentialité/).check();
    await page.getByRole("button", { name: "Soumettre ma candidature" }).click();
    await page.waitForURL(/\/application\/[\w-]{32}\?submitted=1$/);
    expect(await drafts(page)).toEqual([]);
    await page.goto(`${e2e.url}${APPLY}`);
    expect(await page.getByLabel("Nom de l'organisme").inputValue()).toBe("");
    await expect.poll(() => page.getByText("Brouillon restauré").count()).toBe(0);
  });

  it("discards a restored draft on request", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}${APPLY}`);
    await page.getByLabel("Secteur d'activité").fill("Épicerie solidaire");
    page.once("dialog", (d) => void d.accept());
    await page.reload();
    await page.getByText("Brouillon restauré").waitFor();
    expect(await page.getByLabel("Secteur d'activité").inputValue()).toBe("Épicerie solidaire");
    await page.getByRole("button", { name: "Effacer le brouillon" }).click();
    expect(await page.getByLabel("Secteur d'activité").inputValue()).toBe("");
    expect(await drafts(page)).toEqual([]);
    // Nothing left to lose: a link leaves at once.
    await page.getByRole("link", { name: "Se connecter" }).click();
    await page.waitForURL(/\/login/);
  });
});

describe("length counters", () => {
  it("counts as the person types, is read with the field, and speaks only near and over the limit", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}${APPLY}`);
    const field = page.getByLabel("Organismes concurrents ou en conflit d'intérêts");
    const count = page.locator("#field-competitorsText-count");
    const spoken = page.locator('[data-count-announce="field-competitorsText"]');
    expect(await count.textContent()).toMatch(/^0 \/ 1\s?000 caractères$/);
    expect(await field.getAttribute("aria-describedby")).toContain("field-competitorsText-count");
    expect(await spoken.getAttribute("aria-live")).toBe("polite");

    await field.fill("Moisson Beauce");
    expect(await count.textContent()).toMatch(/^14 \/ 1\s?000 caractères$/);
    expect(await spoken.textContent()).toBe("");

    await field.fill("a".repeat(950));
    expect(await spoken.textContent()).toBe("Il reste 50 caractères.");
    await field.fill("a".repeat(1004));
    expect(await count.textContent()).toContain("4 caractères de trop.");
    expect(await spoken.textContent()).toBe("4 caractères de trop.");
    expect(await count.getAttribute("data-state")).toBe("over");

    // The server still holds the limit.
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.locator("#field-competitorsText-error").waitFor();
    expect(await page.locator("#field-competitorsText-error").textContent()).toMatch(
      /1\s?000 caractères/,
    );
  });
});
