/**
 * Debian's chromium driven by playwright-core: headless, fresh profile, no network but loopback.
 * tests/helpers/e2e.ts launches it for the browser tests; these are the pieces pages share.
 */
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../server/seeds/demo";

export const CHROMIUM = "/usr/bin/chromium";
/** Headless, and nothing that talks to the network on its own. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Signs an account in through the sign-in form (French), landing on the dashboard; a demo account
 * unless the password is given.
 */
export async function signIn(page: Page, base: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Adresse courriel").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/dashboard$/);
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
