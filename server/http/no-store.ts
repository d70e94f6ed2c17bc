/**
 * `Cache-Control: no-store` on every answer of the app itself (pages, their `.data` requests, CSV
 * files, calendar feeds, uploaded files): they are built for one person (a session, a link's secret
 * token) and no browser or proxy cache may keep them. Mounted after the static files, whose own
 * caching (fingerprinted assets for a year, the favicon for an hour) is left alone.
 *
 * Set when the headers leave, so that it wins over whatever a route wrote.
 */
import type { RequestHandler } from "express";

export const noStore: RequestHandler = (_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
    if (!res.headersSent) res.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
};
