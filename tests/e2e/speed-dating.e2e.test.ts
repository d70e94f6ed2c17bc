import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";
import { Factory } from "../helpers/factory";

const f = new Factory("sd");
const { program, coordinator, mentees } = f.cohort({ mentees: 2 });
const [a, b] = mentees;
const event = f.liveEvent(program, [a, b], { title: "Séance à deux" });
const e2e = useE2E({ data: f });

function seconds(clock: string | null): number {
  const [m, s] = (clock ?? "").split(":").map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

describe("two people in a live speed-dating room", () => {
  it("see the same countdown and each other's messages, and both rate the conversation", async () => {
    const { path: eventPath, id: eventId } = event;

    const [pageA, pageB] = await Promise.all([e2e.signedIn(a), e2e.signedIn(b)]);
    await pageA.goto(`${e2e.url}${eventPath}`);
    await pageB.goto(`${e2e.url}${eventPath}`);
    for (const page of [pageA, pageB]) {
      await page.getByText("Connecté·e", { exact: true }).waitFor();
    }

    const console = await e2e.live(coordinator);
    await console.join(eventId);
    expect((await console.emit("console:command", { eventId, command: "start" })).ok).toBe(true);

    for (const page of [pageA, pageB]) {
      await page.getByRole("heading", { name: "Salle 1" }).waitFor();
    }
    const [clockA, clockB] = await Promise.all(
      [pageA, pageB].map((p) => p.getByTestId("countdown").textContent()),
    );
    expect(Math.abs(seconds(clockA!) - seconds(clockB!))).toBeLessThanOrEqual(1);
    expect(seconds(clockA!)).toBeGreaterThan(4 * 60);
    expect(await pageA.getByRole("heading", { name: b.name }).count()).toBe(1);

    await pageA.getByLabel("Votre message").fill("Bonjour ! Parlons de tarification sociale.");
    await pageA.getByRole("button", { name: "Envoyer" }).click();
    await pageB.getByText("Bonjour ! Parlons de tarification sociale.").waitFor();
    await pageB.getByLabel("Votre message").fill("Avec plaisir.");
    await pageB.getByLabel("Votre message").press("Enter");
    await pageA.getByText("Avec plaisir.").waitFor();

    expect((await console.emit("console:command", { eventId, command: "skip" })).ok).toBe(true);
    for (const [page, other] of [
      [pageA, b.name],
      [pageB, a.name],
    ] as const) {
      const form = page.getByRole("group", { name: new RegExp(`${other}, tour 1`) });
      await form.waitFor();
      await form.getByLabel("Oui").check();
      await form.getByRole("button", { name: "Enregistrer" }).click();
      await form.getByText("Enregistré.").waitFor();
    }
    // Both countdowns now show the break, still in step.
    const [breakA, breakB] = await Promise.all(
      [pageA, pageB].map((p) => p.getByTestId("countdown").textContent()),
    );
    expect(Math.abs(seconds(breakA!) - seconds(breakB!))).toBeLessThanOrEqual(1);

    expect((await console.emit("console:command", { eventId, command: "end" })).ok).toBe(true);
    await pageA.getByRole("heading", { name: "Vos affinités réciproques" }).waitFor();
    await pageA.getByText("Oui réciproque").waitFor();
  });
});
