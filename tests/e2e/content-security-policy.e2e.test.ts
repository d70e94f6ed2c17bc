/**
 * The app works under its own Content-Security-Policy: pages hydrate, live pages connect, and the
 * browser reports no violation (inline scripts run only with the response's nonce).
 */
import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";

// Every page of every browser test reports its violations to the shared set-up, which listens
// for them before any page loads (tests/helpers/e2e.ts).
const e2e = useE2E();

const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";

describe("the Content-Security-Policy in a real browser", () => {
  it("lets every page hydrate and live pages connect, with no violation reported", async () => {
    const page = await e2e.signedIn("marc@exemple.org");
    for (const path of [
      "/dashboard",
      "/programs/prog-reemploi-2026/directory",
      GROUP,
      `${GROUP}/meetings`,
      `${GROUP}/codev/cdv-demo-2`,
      "/programs/prog-reemploi-2026/events/evt-demo-novembre",
    ]) {
      await page.goto(`${e2e.url}${path}`);
      // Remix hydrated: its router exists only once the page's scripts ran.
      await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });
    }
    // The co-development runner shows its live state only over Socket.IO.
    await page.goto(`${e2e.url}${GROUP}/codev/cdv-demo-2`);
    await page.getByText("En direct", { exact: true }).waitFor();
    // A client-side navigation works (scripts, not only server pages).
    await page.goto(`${e2e.url}${GROUP}`);
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.getByRole("link", { name: "Codéveloppement" }).click();
    await page.waitForURL(/\/codev$/);
    expect(e2e.violations).toEqual([]);
  });
});
