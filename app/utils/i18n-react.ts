import { useRouteLoaderData } from "@remix-run/react";
import { createContext, useCallback, useContext, useEffect } from "react";
import {
  defaultLocale,
  formatDate,
  formatNumber,
  hasCatalog,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from "../../core/i18n";

/**
 * The language the request asked for (its cookie), given by the server renderer: an error page
 * thrown before the root loader ran (a form too large, a full disk) still speaks it.
 */
export const RequestLocaleContext = createContext<Locale | undefined>(undefined);

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  const requested = useContext(RequestLocaleContext);
  if (data) return data.locale;
  if (requested) return requested;
  if (typeof document !== "undefined") {
    const lang = document.documentElement.lang;
    if (lang === "en" || lang === "fr") return lang;
  }
  return defaultLocale;
}

export function useT() {
  const locale = useLocale();
  const t = useCallback(
    (key: MessageKey, params?: MessageParams) => translate(locale, key, params),
    [locale],
  );
  return {
    t,
    locale,
    date: (value: string | Date, options?: Intl.DateTimeFormatOptions) =>
      formatDate(locale, value, options),
    number: (value: number, options?: Intl.NumberFormatOptions) =>
      formatNumber(locale, value, options),
  };
}

/**
 * A page in the browser holds only its language's catalog (app/entry.client.tsx): should the
 * language change under it (switched in another tab, then a navigation here), it loads again.
 */
export function useReloadOnLanguageChange() {
  const locale = useLocale();
  useEffect(() => {
    if (!hasCatalog(locale)) window.location.reload();
  }, [locale]);
}
