/**
 * A notice's params as its reader reads them. Notices are stored once and read later, perhaps after
 * the person chose another language: a stored notice keeps raw values, written in the reader's
 * language when shown (the notifications page) or sent (its e-mail), never preformatted text.
 *
 * The convention: a param named `date`, or whose name ends in `At` (`startsAt`), holds an ISO
 * instant (`2026-12-08T15:00:00.000Z`) and reads as its full date and short time in Quebec time
 * ("Tuesday, December 8, 2026 at 10:00 a.m."). Any other value reads as stored: notices written
 * before this convention kept a date already formatted in the language of their day (ADR 0031,
 * addendum).
 */
import { formatDate, type Locale } from "./index";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** True for the names of the params that hold an instant (see above). */
export function isInstantParam(name: string): boolean {
  return name === "date" || /[a-z]At$/.test(name);
}

export function noticeParams<P extends Record<string, string | number>>(
  locale: Locale,
  params: P,
): P {
  const read: Record<string, string | number> = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" && isInstantParam(name) && ISO_INSTANT.test(value))
      read[name] = formatDate(locale, value, { dateStyle: "full", timeStyle: "short" });
  }
  return read as P;
}
