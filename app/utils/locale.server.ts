import {
  LOCALE_COOKIE,
  localeFromCookieHeader,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from "../../core/i18n";

export function getLocale(request: Request): Locale {
  return localeFromCookieHeader(request.headers.get("Cookie"));
}

/** A plain `maillage_lang=fr|en` cookie, readable by the Socket.IO handshake too. */
export function localeCookieHeader(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** A translator for loaders and actions. */
export function getT(request: Request) {
  const locale = getLocale(request);
  return {
    locale,
    t: (key: MessageKey, params?: MessageParams) => translate(locale, key, params),
  };
}
