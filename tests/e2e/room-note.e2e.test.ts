/**
 * Two people type in their room's shared note at the same time, in two browsers: both texts
 * survive, on both screens and after a reload (issue 16: with the last writer winning, one
 * person's line vanished).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";
import { Factory } from "../helpers/factory";

const f = new Factory("rn");
const { program, coordinator, mentees } = f.cohort({ mentees: 2 });
const [a, b] = mentees;
const event = f.liveEvent(program, [a, b], { title: "Note commune à deux" });
const e2e = useE2E({ data: f });

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
    const { path: eventPath, id: eventId } = event;
    const [pageA, pageB] = await Promise.all([e2e.signedIn(a), e2e.signedIn(b)]);
    for (const page of [pageA, pageB]) {
      await page.goto(`${e2e.url}${eventPath}`);
      await page.getByText("Connecté·e", { exact: true }).waitFor();
    }
    const console = await e2e.live(coordinator);
    await console.join(eventId);
    expect((await console.emit("console:command", { eventId, command: "start" })).ok).toBe(true);
    for (const page of [pageA, pageB]) {
      await page.getByRole("heading", { name: "Salle 1" }).waitFor();
      await note(page).click();
    }

    // Both type two lines at once, keystroke by keystroke, each seeing the other's text arrive.
    const lines = {
      a: ["A : un budget partagé pour la camionnette.", "A : appeler la Ville."],
      b: ["B : le calendrier des collectes.", "B : trouver des bénévoles."],
    };
    await Promise.all([
      pageA.keyboard.type(`${lines.a.join("\n")}\n`, { delay: 35 }),
      pageB.keyboard.type(`${lines.b.join("\n")}\n`, { delay: 45 }),
    ]);
    const all = [...lines.a, ...lines.b];
    for (const page of [pageA, pageB]) await expectNoteWith(page, all);
    const onA = await note(pageA).inputValue();
    const onB = await note(pageB).inputValue();
    expect(onB).toBe(onA);
    // Nothing else crept in: the four lines and their line breaks, each line whole.
    expect(onA.split("\n").filter(Boolean).sort()).toEqual([...all].sort());

    for (const page of [pageA, pageB]) {
      await page.reload();
      await page.getByText("Connecté·e", { exact: true }).waitFor();
      await expectNoteWith(page, all);
      expect(await note(page).inputValue()).toBe(onA);
    }
  });
});
