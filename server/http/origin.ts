/**
 * Cross-site request refusal: with the sameSite=lax session cookie, a non-GET request whose
 * Origin (or, without it, Sec-Fetch-Site) shows another site is refused.
 */
import type { RequestHandler } from "express";
import { localeFromCookieHeader, translate } from "../../core/i18n";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSite(
  method: string,
  host: string | undefined,
  origin: string | undefined,
  fetchSite: string | undefined,
): boolean {
  if (SAFE.has(method.toUpperCase())) return false;
  if (origin === "null") return true;
  if (origin) {
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return fetchSite === "cross-site";
}

export const refuseCrossSite: RequestHandler = (req, res, next) => {
  if (!isCrossSite(req.method, req.headers.host, req.headers.origin, req.get("sec-fetch-site"))) {
    next();
    return;
  }
  const locale = localeFromCookieHeader(req.headers.cookie);
  res.status(403).type("text/plain; charset=utf-8").send(translate(locale, "errors.crossSite"));
};
