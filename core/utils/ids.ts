/**
 * The one shape of a record id that a URL, a form or a socket payload may carry: letters, digits,
 * `_` and `-`, 1 to 64 of them. Anything else is refused before any lookup (a 404 for a page).
 * Zod-free, so that a page's script may use it; the schemas' `idSchema` (core/schemas/fields.ts)
 * is built on it.
 */
export const ID_PATTERN = /^[\w-]{1,64}$/;

/** Whether a value is a well-formed id. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}
