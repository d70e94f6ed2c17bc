/**
 * The browser: the page's catalog first (the language of its <html lang>, which the server wrote),
 * then hydration. Should the catalog not load, the page stays as the server rendered it: its links
 * and forms work without scripts.
 */
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { defaultLocale, isLocale } from "../core/i18n";
import { loadCatalog } from "./utils/catalogs";

const lang = document.documentElement.lang;
loadCatalog(isLocale(lang) ? lang : defaultLocale).then(
  () =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  (error: unknown) => console.error("The page's messages did not load; no scripts run.", error),
);
