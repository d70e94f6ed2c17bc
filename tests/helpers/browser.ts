/** Debian's chromium driven by playwright-core: headless, fresh profile, no network but loopback. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
/** Headless, and nothing that talks to the network on its own. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(): Promise<{
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}> {
  const profile = await mkdtemp(join(tmpdir(), "maillage-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: "fr-CA",
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs a demo account in through the sign-in form (French), landing on the dashboard. */
export async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Adresse courriel").fill(email);
  await page.getByLabel("Mot de passe").fill("maillage-demo");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/dashboard$/);
}

/**
 * One Debian chromium for a whole test file, with a fresh context (own cookies) per person:
 * cheaper than a browser per person when a file signs in several accounts.
 */
export async function launchSharedBrowser(): Promise<{
  newPage: () => Promise<Page>;
  close: () => Promise<void>;
}> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    newPage: async () => {
      const context = await browser.newContext({
        locale: "fr-CA",
        viewport: { width: 1280, height: 800 },
      });
      return context.newPage();
    },
    close: () => browser.close(),
  };
}

/** Chooses the interface language as the language switch does: the `maillage_lang` cookie. */
export async function setLanguage(page: Page, base: string, lang: "fr" | "en") {
  await page.context().addCookies([{ name: "maillage_lang", value: lang, url: base }]);
}

/** What shows where the keyboard focus is: the focused element and its visible focus indicator. */
export async function focusIndicator(page: Page): Promise<{
  tag: string;
  name: string;
  outline: string;
  boxShadow: string;
  visible: boolean;
}> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) {
      return { tag: "body", name: "", outline: "none", boxShadow: "none", visible: false };
    }
    const style = getComputedStyle(el);
    const outlineWidth = parseFloat(style.outlineWidth) || 0;
    const outline =
      style.outlineStyle !== "none" && outlineWidth > 0
        ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`
        : "none";
    const boxShadow = style.boxShadow;
    const label =
      el.getAttribute("aria-label") ??
      (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ??
      el.closest("label")?.textContent ??
      el.textContent ??
      "";
    return {
      tag: el.tagName.toLowerCase(),
      name: label.replace(/\s+/g, " ").trim(),
      outline,
      boxShadow,
      visible: outline !== "none" || (boxShadow !== "none" && boxShadow !== ""),
    };
  });
}
