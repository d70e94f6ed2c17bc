/**
 * Keyboard-only journeys in Debian's chromium: no click, no fill — Tab, Shift+Tab, Space, Enter,
 * arrow keys and typing. Every element the keyboard lands on must show where the focus is (an
 * outline or a box shadow), and the journey ends on what a person would see.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { focusIndicator } from "../helpers/browser";
import { useE2E } from "../helpers/e2e";
import { Factory, FACTORY_PASSWORD } from "../helpers/factory";
import { HttpClient, pageText } from "../helpers/http";

// A program open to applications, its coordinator, and two mentees invited to a live event.
const f = new Factory("kb");
const { program, coordinator, mentees } = f.cohort({ status: "open", mentees: 2 });
const [a, b] = mentees;
const event = f.liveEvent(program, [a, b], { title: "Séance au clavier" });
const PROGRAM = program.path;
const APPLICANT = "noemie@frigo-montmagny.exemple.org";
const e2e = useE2E({ data: f });

type Stop = Awaited<ReturnType<typeof focusIndicator>>;

/**
 * Presses `key` (Tab by default) until the focused element's accessible label matches `target`,
 * checking at every stop that the focus is visible. Fails, listing the stops, when it never gets
 * there within `max` presses.
 */
async function tabTo(
  page: Page,
  target: RegExp,
  options: { key?: "Tab" | "Shift+Tab"; max?: number } = {},
): Promise<Stop> {
  const { key = "Tab", max = 120 } = options;
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const stop = await focusIndicator(page);
    stops.push(`${stop.tag} "${stop.name}"`);
    expect(stop.visible, `no visible focus on ${stop.tag} "${stop.name}"`).toBe(true);
    if (target.test(stop.name)) return stop;
  }
  throw new Error(`${key} never reached ${target} in ${max} presses:\n${stops.join("\n")}`);
}

/** The focus as it is now: on the expected element, and visible. */
async function expectFocusOn(page: Page, target: RegExp): Promise<Stop> {
  const stop = await focusIndicator(page);
  expect(stop.name).toMatch(target);
  expect(stop.visible, `no visible focus on ${stop.tag} "${stop.name}"`).toBe(true);
  return stop;
}

describe("keyboard-only journeys", { timeout: 120_000 }, () => {
  it("an applicant fills and submits the interest form with the keyboard alone", async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/apply/${program.id}`);

    // The first Tab reaches the skip link; Enter jumps over the header to the content.
    const skip = await tabTo(page, /^Aller au contenu/, { max: 1 });
    expect(skip.tag).toBe("a");
    const box = await page.getByRole("link", { name: "Aller au contenu" }).boundingBox();
    expect(box && box.y >= 0 && box.height > 0, "the skip link shows once focused").toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    await tabTo(page, /^Courriel de l'organisme/, { max: 1 });
    await page.keyboard.type("info@frigo-montmagny.exemple.org");
    await tabTo(page, /^Nom de l'organisme/, { max: 1 });
    await page.keyboard.type("Le Frigo partagé de Montmagny");
    await tabTo(page, /^Personne qui serait mentorée/, { max: 1 });
    await page.keyboard.type("Noémie Gosselin");
    await tabTo(page, /^Courriel de cette personne/, { max: 1 });
    await page.keyboard.type("noemie-at-exemple.org"); // a mistake, fixed below
    // Native selects: type-ahead picks the region; the MRC list then holds that region's only.
    await tabTo(page, /^Région administrative/, { max: 1 });
    await page.keyboard.type("12");
    expect(await page.locator("#field-region option:checked").textContent()).toBe(
      "12 – Chaudière-Appalaches",
    );
    await tabTo(page, /^MRC ou territoire/, { max: 1 });
    await page.keyboard.type("Montm");
    expect(await page.locator("#field-mrc option:checked").textContent()).toBe("Montmagny");
    await tabTo(page, /^Secteur d'activité/, { max: 1 });
    await page.keyboard.type("Frigo communautaire");

    // Radio buttons: Tab enters the group, the arrows move the choice; Shift+Tab goes back.
    await tabTo(page, /^Mentoré·e/, { max: 3 });
    await page.keyboard.press("ArrowDown");
    await expectFocusOn(page, /^Mentor·e/);
    await tabTo(page, /^Domaine d'activité/, { key: "Shift+Tab", max: 1 });
    await tabTo(page, /^Mentor·e/, { max: 1 });
    await page.keyboard.press("ArrowUp");
    await expectFocusOn(page, /^Mentoré·e/);
    expect(await page.getByLabel(/^Mentoré·e/).isChecked()).toBe(true);

    await tabTo(page, /^Le concept de votre projet/, { max: 1 });
    await page.keyboard.type("Un frigo communautaire ouvert en 2025.");
    // Checkboxes: Space ticks the one with the focus.
    await tabTo(page, /^Transport$/, { max: 3 });
    await page.keyboard.press("Space");
    await tabTo(page, /^Les freins prioritaires/);
    await page.keyboard.type("Pas de véhicule réfrigéré.");
    await tabTo(page, /^Comment le mentorat/, { max: 1 });
    await page.keyboard.type("Apprendre la chaîne de froid.");
    // Radio buttons: Tab enters the group on its first option, an arrow key picks the next.
    await tabTo(page, /^Oui$/, { max: 1 });
    await page.keyboard.press("ArrowDown");
    expect(
      await page
        .getByRole("group", { name: /reçu du coaching ou du mentorat récemment/ })
        .getByLabel("Non")
        .isChecked(),
    ).toBe(true);
    await tabTo(page, /^Dans quelle mesure/, { max: 2 });
    await page.keyboard.type("Beaucoup.");
    // A need's priority: the arrow keys walk the options of the focused select.
    await tabTo(page, /^Chaîne de froid$/);
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("#need-chaine-froid option:checked").textContent()).toMatch(
      /^Priorité élevée/,
    );
    await tabTo(page, /^Mardi – Matin$/);
    await page.keyboard.press("Space");
    await tabTo(page, /^La personne désignée participera/);
    await page.keyboard.press("Space");
    await tabTo(page, /^Cette personne peut mettre/, { max: 1 });
    await page.keyboard.press("Space");
    await tabTo(page, /^J'ai lu la politique de confidentialité/, { max: 2 });
    await page.keyboard.press("Space");
    // Past the privacy policy's link in the consent's label.
    await tabTo(page, /^Soumettre ma candidature$/, { max: 2 });
    await page.keyboard.press("Enter");

    // Refused: the focus lands on the field at fault, which reads out its error.
    await page.getByRole("alert").first().waitFor();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute("name") === "contactEmail",
      undefined,
      { timeout: 10_000 },
    );
    await expectFocusOn(page, /^Courriel de cette personne/);
    const field = page.locator("input:focus");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.getAttribute("aria-describedby")).toContain("field-contactEmail-error");
    const error = page.locator("#field-contactEmail-error");
    expect(await error.textContent()).toContain("Entrez une adresse courriel valide");
    expect(await error.isVisible()).toBe(true);
    // Everything typed before is still there; the applicant fixes the address and presses Enter.
    expect(await page.getByLabel(/^Nom de l'organisme/).inputValue()).toBe(
      "Le Frigo partagé de Montmagny",
    );
    await page.keyboard.press("Control+a");
    await page.keyboard.type(APPLICANT);
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/application\/[\w-]{32}\?submitted=1$/);
    const status = page.getByRole("status").first();
    expect(await status.textContent()).toContain("a bien été reçue");
    expect(await status.isVisible()).toBe(true);

    // The coordinator finds everything the keyboard entered.
    const coordination = new HttpClient(e2e.url);
    await coordination.signIn(coordinator.email, FACTORY_PASSWORD);
    const list = await pageText(await coordination.get(`${PROGRAM}/applications`));
    const link = new RegExp(`href="(${PROGRAM}/applications/[^"]+)"[^>]*>Le Frigo partagé`).exec(
      list,
    );
    expect(link, "the application is listed").not.toBeNull();
    const detail = await pageText(await coordination.get(link![1]!));
    for (const shown of [
      APPLICANT,
      "Chaudière-Appalaches · Montmagny",
      "Pas de véhicule réfrigéré.",
      "Chaîne de froid (Priorité élevée)",
      '<p class="eyebrow">Mentoré·e</p>',
    ]) {
      expect(detail).toContain(shown);
    }
  });

  it("a participant takes part in a speed-dating round with the keyboard alone", async () => {
    const { path: eventPath, id: eventId } = event;
    const [pageA, pageB] = await Promise.all([e2e.signedIn(a), e2e.signedIn(b)]);
    for (const page of [pageA, pageB]) {
      await page.goto(`${e2e.url}${eventPath}`);
      await page.getByText("Connecté·e", { exact: true }).waitFor();
    }
    const console = await e2e.live(coordinator);
    await console.join(eventId);
    expect((await console.emit("console:command", { eventId, command: "start" })).ok).toBe(true);
    await pageA.getByRole("heading", { name: "Salle 1" }).waitFor();

    // A tabs from the top of the page to the chat, types and presses Enter.
    await tabTo(pageA, /^Votre message$/);
    await pageA.keyboard.type("Bonjour, au clavier !");
    await pageA.keyboard.press("Enter");
    await pageA.locator(".chat-list").getByText("Bonjour, au clavier !").waitFor();
    await pageB.locator(".chat-list").getByText("Bonjour, au clavier !").waitFor();
    // The field is emptied and keeps the focus for the next message.
    await expectFocusOn(pageA, /^Votre message$/);
    expect(await pageA.getByLabel("Votre message").inputValue()).toBe("");

    // The round ends: the rating form. Tab enters the radio group, arrows choose, Enter saves.
    expect((await console.emit("console:command", { eventId, command: "skip" })).ok).toBe(true);
    const form = pageA.getByRole("group", { name: new RegExp(`${b.name}, tour 1`) });
    await form.waitFor();
    // The chat that had the focus is gone: the focus goes to the ratings, not back to the top.
    await pageA.waitForFunction(() => document.activeElement?.id === "ratings-title");
    expect(await pageA.locator(":focus").textContent()).toBe("Vos impressions");
    await tabTo(pageA, /^Oui$/, { max: 1 });
    await pageA.keyboard.press("ArrowRight");
    await expectFocusOn(pageA, /^Peut-être$/);
    await pageA.keyboard.press("ArrowLeft");
    await expectFocusOn(pageA, /^Oui$/);
    expect(await form.getByLabel("Oui").isChecked()).toBe(true);
    await tabTo(pageA, /^Note privée/, { max: 1 });
    await pageA.keyboard.type("Tarification sociale : à revoir ensemble.");
    await tabTo(pageA, /^Enregistrer$/, { max: 1 });
    await pageA.keyboard.press("Enter");
    await form.getByText("Enregistré.").waitFor();

    // B answers too (with the mouse); at the end A sees the mutual match.
    const hers = pageB.getByRole("group", { name: new RegExp(`${a.name}, tour 1`) });
    await hers.getByLabel("Oui").check();
    await hers.getByRole("button", { name: "Enregistrer" }).click();
    await hers.getByText("Enregistré.").waitFor();
    expect((await console.emit("console:command", { eventId, command: "end" })).ok).toBe(true);
    await pageA.getByRole("heading", { name: "Vos affinités réciproques" }).waitFor();
    const matches = pageA.locator("section", {
      has: pageA.getByRole("heading", { name: "Vos affinités réciproques" }),
    });
    expect(await matches.textContent()).toMatch(new RegExp(`${b.name}.*Oui réciproque`));
  });
});
