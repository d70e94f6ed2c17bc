/**
 * Cross-site request refusal: with the sameSite=lax session cookie, a non-GET request whose
 * Origin (or, without it, Sec-Fetch-Site) shows another site is refused. With PUBLIC_URL set, the
 * Origin must be that address's origin: the same scheme, host and port (`https://host` is another
 * site than `http://host`). Without it, the Origin's host and port must be the request's Host.
 */
import type { RequestHandler } from "express";
import { localeFromCookieHeader, translate } from "../../core/i18n";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSite(
  method: string,
  host: string | undefined,
  origin: string | undefined,
  fetchSite: string | undefined,
  /** PUBLIC_URL, when configured: the only origin accepted. */
  publicUrl?: string,
): boolean {
  if (SAFE.has(method.toUpperCase())) return false;
  if (origin === "null") return true;
  if (origin) {
    try {
      const from = new URL(origin);
      return publicUrl ? from.origin !== new URL(publicUrl).origin : from.host !== host;
    } catch {
      return true;
    }
  }
  return fetchSite === "cross-site";
}

export function refuseCrossSite(publicUrl: string | undefined): RequestHandler {
  return (req, res, next) => {
    const { method, headers } = req;
    if (!isCrossSite(method, headers.host, headers.origin, req.get("sec-fetch-site"), publicUrl)) {
      next();
      return;
    }
    const locale = localeFromCookieHeader(req.headers.cookie);
    res.status(403).type("text/plain; charset=utf-8").send(translate(locale, "errors.crossSite"));
  };
}
