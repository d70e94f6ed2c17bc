/**
 * A meeting's place (ADR 0027): a street address, or a link to join online. One rule for the form,
 * the meeting page, the calendar feed and the reminder: text that starts like a link (a scheme
 * such as `https:`, `javascript:` or `zoom:` directly followed by the rest) is a link, and a link
 * must be an http(s) URL; anything else is an address, shown as text.
 */
const LOOKS_LIKE_LINK = /^[a-z][a-z0-9+.-]*:(?!\s)/i;

/** The place's link when it is one (an http(s) URL), else undefined (an address, or nothing). */
export function placeUrl(place: string): string | undefined {
  const value = place.trim();
  if (!LOOKS_LIKE_LINK.test(value)) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== ""
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** May this be stored as a place? An address, nothing, or an http(s) link (never another scheme). */
export function isValidPlace(place: string): boolean {
  const value = place.trim();
  return !LOOKS_LIKE_LINK.test(value) || placeUrl(value) !== undefined;
}

/** How the members meet (ADR 0027): a meeting's format, beside its kind (collective/individual). */
export const MEETING_FORMATS = ["online", "in-person", "site-visit"] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
