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

function seconds(clock: string | null): number {
  const [m, s] = (clock ?? "").split(":").map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

describe("two people in a live speed-dating room", () => {
  it("see the same countdown and each other's messages, and both rate the conversation", async () => {
    const { eventPath, eventId } = await createPairEvent(server.url, "Séance à deux");

    const [amelie, nathalie] = browsers.map((b) => b.page) as [Page, Page];
    await signIn(amelie, server.url, "amelie@exemple.org");
    await signIn(nathalie, server.url, "nathalie@exemple.org");
    await amelie.goto(`${server.url}${eventPath}`);
    await nathalie.goto(`${server.url}${eventPath}`);
    for (const page of [amelie, nathalie]) {
      await page.getByText("Connecté·e", { exact: true }).waitFor();
    }

    coordinator = await new LiveClient(server.url, "coordination@exemple.org").connect();
    await coordinator.join(eventId);
    expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(
      true,
    );

    for (const page of [amelie, nathalie]) {
      await page.getByRole("heading", { name: "Salle 1" }).waitFor();
    }
    const [a, n] = await Promise.all(
      [amelie, nathalie].map((p) => p.getByTestId("countdown").textContent()),
    );
    expect(Math.abs(seconds(a!) - seconds(n!))).toBeLessThanOrEqual(1);
    expect(seconds(a!)).toBeGreaterThan(4 * 60);
    expect(await amelie.getByRole("heading", { name: "Nathalie Gagnon" }).count()).toBe(1);

    await amelie
      .getByLabel("Votre message")
      .fill("Bonjour Nathalie ! Parlons de tarification sociale.");
    await amelie.getByRole("button", { name: "Envoyer" }).click();
    await nathalie.getByText("Bonjour Nathalie ! Parlons de tarification sociale.").waitFor();
    await nathalie.getByLabel("Votre message").fill("Avec plaisir, Amélie.");
    await nathalie.getByLabel("Votre message").press("Enter");
    await amelie.getByText("Avec plaisir, Amélie.").waitFor();

    expect((await coordinator.emit("console:command", { eventId, command: "skip" })).ok).toBe(true);
    for (const [page, other] of [
      [amelie, "Nathalie Gagnon"],
      [nathalie, "Amélie Roy"],
    ] as const) {
      const form = page.getByRole("group", { name: new RegExp(`${other}, tour 1`) });
      await form.waitFor();
      await form.getByLabel("Oui").check();
      await form.getByRole("button", { name: "Enregistrer" }).click();
      await form.getByText("Enregistré.").waitFor();
    }
    // Both countdowns now show the break, still in step.
    const [ba, bn] = await Promise.all(
      [amelie, nathalie].map((p) => p.getByTestId("countdown").textContent()),
    );
    expect(Math.abs(seconds(ba!) - seconds(bn!))).toBeLessThanOrEqual(1);

    expect((await coordinator.emit("console:command", { eventId, command: "end" })).ok).toBe(true);
    await amelie.getByRole("heading", { name: "Vos affinités réciproques" }).waitFor();
    await amelie.getByText("Oui réciproque").waitFor();
  });
});
