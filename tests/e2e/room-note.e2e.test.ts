/**
 * Two people type in their room's shared note at the same time, in two browsers: both texts
 * survive, on both screens and after a reload (issue 16: with the last writer winning, one
 * person's line vanished).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, signIn } from "../helpers/browser";
import { createPairEvent } from "../helpers/http";
import { LiveClient } from "../helpers/live";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browsers: Array<Awaited<ReturnType<typeof launchBrowser>>> = [];
let coordinator: LiveClient | undefined;

beforeAll(async () => {
  server = await startServer();
  browsers = await Promise.all([launchBrowser(), launchBrowser()]);
});
afterAll(async () => {
  coordinator?.close();
  await Promise.all(browsers.map((b) => b.close()));
  await server?.stop();
});

const note = (page: Page) => page.getByLabel("Note commune de la salle");

/** Waits until the note on this page holds every text given (the other's arrives on its own). */
async function expectNoteWith(page: Page, texts: string[]) {
  await expect
    .poll(
      async () => {
        const value = await note(page).inputValue();
        return texts.filter((t) => !value.includes(t));
      },
      { timeout: 15_000 },
    )
    .toEqual([]);
}

describe("the shared note of a room", () => {
  it("keeps what two people type at the same time, on both screens and after a reload", async () => {
    const { eventPath, eventId } = await createPairEvent(server.url, "Note commune à deux");
    const [amelie, nathalie] = browsers.map((b) => b.page) as [Page, Page];
    await signIn(amelie, server.url, "amelie@exemple.org");
    await signIn(nathalie, server.url, "nathalie@exemple.org");
    for (const page of [amelie, nathalie]) {
      await page.goto(`${server.url}${eventPath}`);
      await page.getByText("Connecté·e", { exact: true }).waitFor();
    }
    coordinator = await new LiveClient(server.url, "coordination@exemple.org").connect();
    await coordinator.join(eventId);
    expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(
      true,
    );
    for (const page of [amelie, nathalie]) {
      await page.getByRole("heading", { name: "Salle 1" }).waitFor();
      await note(page).click();
    }

    // Both type two lines at once, keystroke by keystroke, each seeing the other's text arrive.
    const lines = {
      amelie: ["Amélie : un budget partagé pour la camionnette.", "Amélie : appeler la Ville."],
      nathalie: ["Nathalie : le calendrier des collectes.", "Nathalie : trouver des bénévoles."],
    };
    await Promise.all([
      amelie.keyboard.type(`${lines.amelie.join("\n")}\n`, { delay: 35 }),
      nathalie.keyboard.type(`${lines.nathalie.join("\n")}\n`, { delay: 45 }),
    ]);
    const all = [...lines.amelie, ...lines.nathalie];
    for (const page of [amelie, nathalie]) await expectNoteWith(page, all);
    const onAmelie = await note(amelie).inputValue();
    const onNathalie = await note(nathalie).inputValue();
    expect(onNathalie).toBe(onAmelie);
    // Nothing else crept in: the four lines and their line breaks, each line whole.
    expect(onAmelie.split("\n").filter(Boolean).sort()).toEqual([...all].sort());

    for (const page of [amelie, nathalie]) {
      await page.reload();
      await page.getByText("Connecté·e", { exact: true }).waitFor();
      await expectNoteWith(page, all);
      expect(await note(page).inputValue()).toBe(onAmelie);
    }
  });
});
