import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";

const e2e = useE2E();

describe("a coordinator's first visit", () => {
  it("signs in with the demo account, sees the dashboard, switches language and signs out", async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.url);
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    await page.getByRole("link", { name: "Se connecter" }).first().click();
    await page.waitForURL(/\/login/);

    // A wrong password shows the error, then the right one signs in.
    await page.getByLabel("Adresse courriel").fill("coordination@exemple.org");
    await page.getByLabel("Mot de passe").fill("pas-le-bon");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("mot de passe incorrect");

    await page.getByLabel("Mot de passe").fill("maillage-demo");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(/\/dashboard$/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Bonjour Geneviève !");
    await page
      .getByRole("heading", { name: "Programmes que vous coordonnez" })
      .waitFor({ timeout: 10_000 });
    await page
      .getByRole("link", { name: "Maillages et mentorat 2026-2027" })
      .first()
      .waitFor({ timeout: 10_000 });

    // English, and back to French, staying on the same page.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await page.waitForURL(/\/dashboard$/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Hello Geneviève!");
    await page.getByRole("button", { name: "Français" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("fr");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Bonjour Geneviève !");

    // The program switcher leads to the program.
    await page.locator("summary", { hasText: "Mes programmes" }).click();
    await page
      .getByRole("link", { name: /Maillages et mentorat 2026-2027/ })
      .first()
      .click();
    await page.waitForURL(/\/programs\/prog-reemploi-2026$/);
    await page.getByRole("heading", { name: "Participant·es" }).waitFor({ timeout: 10_000 });

    // Sign out from the account menu, with the keyboard.
    await page.locator("summary", { hasText: "Geneviève Lavoie" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Se déconnecter" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(e2e.url + "/");
    await page.getByRole("link", { name: "Se connecter" }).first().waitFor({ timeout: 5_000 });
    expect(await page.locator("summary", { hasText: "Geneviève Lavoie" }).count()).toBe(0);
    await page.goto(`${e2e.url}/dashboard`);
    await page.waitForURL(/\/login\?redirectTo=%2Fdashboard/);
  });

  it("sees every one of a coordinator's program tabs, and the current one, at 1 280 and 360 px", async () => {
    for (const width of [1280, 360]) {
      const page = await e2e.signedIn("coordination@exemple.org", {
        viewport: { width, height: 800 },
      });
      for (const tab of ["settings", "outbox", "formation"]) {
        await page.goto(`${e2e.url}/programs/prog-reemploi-2026/${tab}`);
        const seen = await page.evaluate(() => ({
          tabs: [...document.querySelectorAll("nav.tabs a")].map((a) => {
            const box = a.getBoundingClientRect();
            return { label: a.textContent, left: box.left, right: box.right, height: box.height };
          }),
          current: document.querySelectorAll('nav.tabs a[aria-current="page"]').length,
          pageWidth: document.documentElement.scrollWidth,
        }));
        expect(seen.tabs.length).toBeGreaterThanOrEqual(11);
        for (const box of seen.tabs) {
          const label = `${width} px, ${tab}: ${box.label}`;
          expect(box.height, label).toBeGreaterThan(0);
          expect(box.left, label).toBeGreaterThanOrEqual(0);
          expect(box.right, label).toBeLessThanOrEqual(width);
        }
        // The current tab is one of them, and the page itself does not scroll sideways.
        expect(seen.current).toBe(1);
        expect(seen.pageWidth).toBeLessThanOrEqual(width);
      }
    }
  }, 90_000);
});
