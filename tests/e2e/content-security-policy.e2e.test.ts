/**
 * The app works under its own Content-Security-Policy: pages hydrate, live pages connect, and the
 * browser reports no violation (inline scripts run only with the response's nonce).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signIn } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";

describe("the Content-Security-Policy in a real browser", () => {
  it("lets every page hydrate and live pages connect, with no violation reported", async () => {
    const { page } = browser;
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`Refused to load: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });

    await signIn(page, server.url, "marc@exemple.org");
    for (const path of [
      "/dashboard",
      "/programs/prog-reemploi-2026/directory",
      GROUP,
      `${GROUP}/meetings`,
      `${GROUP}/codev/cdv-demo-2`,
      "/programs/prog-reemploi-2026/events/evt-demo-novembre",
    ]) {
      await page.goto(`${server.url}${path}`);
      // Remix hydrated: its router exists only once the page's scripts ran.
      await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });
    }
    // The co-development runner shows its live state only over Socket.IO.
    await page.goto(`${server.url}${GROUP}/codev/cdv-demo-2`);
    await page.getByText("En direct", { exact: true }).waitFor();
    // A client-side navigation works (scripts, not only server pages).
    await page.goto(`${server.url}${GROUP}`);
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.getByRole("link", { name: "Codéveloppement" }).click();
    await page.waitForURL(/\/codev$/);
    expect(violations).toEqual([]);
  });
});
