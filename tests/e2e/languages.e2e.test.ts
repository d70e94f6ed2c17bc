/**
 * Each page sends only its language (docs/decisions/0004-forms-and-languages.md): in a real
 * browser, a page downloads its own language's catalog and no text of the other's, hydrates in its
 * language with no error, and switching the language (here, or in another tab) loads the other.
 */
import { describe, expect, it } from "vitest";
import type { Page, Response } from "playwright-core";
import en from "../../core/i18n/en.json";
import fr from "../../core/i18n/fr.json";
import { setLanguage } from "../helpers/browser";
import { useE2E } from "../helpers/e2e";
import { Factory } from "../helpers/factory";

const f = new Factory("lg");
const { program, mentors, mentees } = f.cohort({ mentors: 1, mentees: 2 });
const [mentor] = mentors;
const [first, second] = mentees;
const e2e = useE2E({ data: f });
const programLink = new RegExp(program.title);

/** Messages no dashboard shows: found in a download, they mean the whole catalog came along. */
const CATALOG_TEXT = {
  fr: [fr.taxonomy.intro, fr.directory.intro, fr.programForm.newIntro],
  en: [en.taxonomy.intro, en.directory.intro, en.programForm.newIntro],
} as const;
/** Whether a download holds a message: its first words, as a bundle or a JSON file keeps them. */
const contains = (body: string, text: string) =>
  body.includes(text.split(" ").slice(0, 6).join(" "));

/**
 * Watches what a page downloads (scripts, styles, data) and what its console says, from now on.
 */
function watch(page: Page) {
  const downloads: Promise<{ url: string; body: string }>[] = [];
  const messages: string[] = [];
  const onResponse = (response: Response) => {
    if (!/\/assets\//.test(response.url())) return;
    downloads.push(response.text().then((body) => ({ url: response.url(), body })));
  };
  page.on("response", onResponse);
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") messages.push(message.text());
  });
  page.on("pageerror", (error) => messages.push(error.message));
  return {
    console: messages,
    downloads: async () => {
      page.off("response", onResponse);
      return Promise.all(downloads);
    },
  };
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });
}

describe("each page in its language only", () => {
  it("the dashboard in English downloads the English catalog once and nothing of the French", async () => {
    const page = await e2e.signedIn(mentor);
    await setLanguage(page, e2e.url, "en");
    const seen = watch(page);
    await page.goto(`${e2e.url}/dashboard`);
    await hydrated(page);
    await page.waitForLoadState("networkidle");
    const downloads = await seen.downloads();

    expect(await page.getAttribute("html", "lang")).toBe("en");
    const catalogs = downloads.filter((d) => /\/assets\/(fr|en)-[\w-]+\.json$/.test(d.url));
    expect(catalogs.map((d) => /\/assets\/(fr|en)-/.exec(d.url)![1])).toEqual(["en"]);
    for (const { url, body } of downloads) {
      for (const text of CATALOG_TEXT.fr)
        expect(contains(body, text), `${url}: ${text}`).toBe(false);
    }
    expect(downloads.some(({ body }) => CATALOG_TEXT.en.every((t) => contains(body, t)))).toBe(
      true,
    );
    // Hydrated in English: React found the text the server wrote (a mismatch is logged as an
    // error), and a page rendered in the browser, without loading a document, is in English.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.locator("summary", { hasText: "My programs" }).click();
    await page.getByRole("link", { name: programLink }).first().click();
    await page.getByRole("navigation", { name: /^Sections of the program / }).waitFor();
    expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
    expect(seen.console).toEqual([]);
  });

  it("the dashboard in French downloads nothing of the English catalog", async () => {
    const page = await e2e.signedIn(mentor);
    const seen = watch(page);
    await page.goto(`${e2e.url}/dashboard`);
    await hydrated(page);
    await page.waitForLoadState("networkidle");
    const downloads = await seen.downloads();
    for (const { url, body } of downloads) {
      for (const text of CATALOG_TEXT.en)
        expect(contains(body, text), `${url}: ${text}`).toBe(false);
    }
    expect(downloads.some(({ body }) => CATALOG_TEXT.fr.every((t) => contains(body, t)))).toBe(
      true,
    );
    expect(seen.console).toEqual([]);
  });

  it("switching the language loads the page again with the other catalog", async () => {
    // Someone else: the switch is kept on the account.
    const page = await e2e.signedIn(first);
    await hydrated(page);
    const seen = watch(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await hydrated(page);
    await page.waitForLoadState("networkidle");
    const catalogs = (await seen.downloads()).filter((d) => /\/assets\/(fr|en)-/.test(d.url));
    expect(catalogs.map((d) => /\/assets\/(fr|en)-/.exec(d.url)![1])).toEqual(["en"]);
    await page.locator("summary", { hasText: "My programs" }).click();
    await page.getByRole("link", { name: programLink }).first().waitFor();
    expect(seen.console).toEqual([]);
  });

  it("a page whose language changed in another tab loads again in it at its next revalidation", async () => {
    const page = await e2e.signedIn(second);
    await hydrated(page);
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    // Another tab switched to English: the cookie changes under this page.
    await setLanguage(page, e2e.url, "en");
    await page.evaluate(() =>
      (
        window as unknown as { __remixRouter: { revalidate: () => void } }
      ).__remixRouter.revalidate(),
    );
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await hydrated(page);
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Hello /);
  });

  it("an error page hydrates in the request's language", async () => {
    const page = await e2e.newPage();
    await setLanguage(page, e2e.url, "en");
    const seen = watch(page);
    const response = await page.goto(`${e2e.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    await hydrated(page);
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { name: en.errors.page.title }).waitFor();
    const catalogs = (await seen.downloads()).filter((d) => /\/assets\/(fr|en)-/.test(d.url));
    expect(catalogs.map((d) => /\/assets\/(fr|en)-/.exec(d.url)![1])).toEqual(["en"]);
    // The 404 itself is the only error the console reports.
    expect(seen.console.filter((m) => !/404/.test(m))).toEqual([]);
  });
});
