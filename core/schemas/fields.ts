/** Building blocks shared by the form schemas. Messages are catalog keys. */
import { z } from "zod";
import { isMrcInRegion, isValidRegion } from "../data/geography";
import type { MessageKey, MessageParams } from "../i18n";
import { ID_PATTERN } from "../utils/ids";

/** A record id in a URL, a form or a payload (core/utils/ids.ts). */
export const idSchema = z.string().regex(ID_PATTERN);
/** An id picked in a form's list: a refusal says "choose one of the list". */
export const choiceIdSchema = z.string().regex(ID_PATTERN, "errors.choice");

export const emailField = z
  .string()
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.tooLong")
  .pipe(z.email("errors.email"));

export const optionalEmailField = z
  .string()
  .trim()
  .max(254, "errors.tooLong")
  .pipe(z.union([z.literal(""), z.email("errors.email")]))
  .default("");

/** Control characters other than tab and line breaks (NUL, escape, DEL…). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** A surrogate half without its other half (not valid UTF-8, refused by PostgreSQL's jsonb). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as typed by a person: control characters (NUL included) removed and lone surrogate halves
 * replaced by U+FFFD, so that whatever is stored can be written to any store and shown as text.
 * Letters of every script, combining marks, emoji, zero-width and direction marks are kept.
 */
export function plainText(value: string): string {
  return value.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** A free-text string, cleaned with plainText, then trimmed. Always give it a maximum length. */
export const text = () => z.string().overwrite(plainText).trim();

export const requiredText = (min: number, max: number) => text().min(min).max(max);
export const optionalText = (max: number) => text().max(max).default("");

/** An HTML checkbox: present ("on") or absent. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/**
 * The bounds of a number typed in a form, as a refinement (`.refine(...inRange(0, 24, false))`):
 * out of them, or not whole where a whole number is asked, the message names the bounds, written
 * for the person's language ("Entrez un nombre entre 0,25 et 12."). A bound may be infinite: the
 * message then names the other one ("au moins 1"). Give the schema its own "errors.number" for
 * what is not a number at all.
 */
export function inRange(min: number, max: number, integer = false) {
  const low = Number.isFinite(min);
  const high = Number.isFinite(max);
  const message: MessageKey =
    low && high
      ? integer
        ? "errors.integerBetween"
        : "errors.numberBetween"
      : low
        ? integer
          ? "errors.integerAtLeast"
          : "errors.tooSmall"
        : high
          ? integer
            ? "errors.integerAtMost"
            : "errors.tooBig"
          : "errors.integer";
  const params: MessageParams = { ...(low && { min }), ...(high && { max }) };
  const check = (n: number) => n >= min && n <= max && (!integer || Number.isInteger(n));
  return [check, { message, params }] as [typeof check, { message: string; params: MessageParams }];
}

/**
 * A number typed in a form field ("12,5" as well as "12.5"), between `min` and `max`: "Entrez un
 * nombre." when it is not a number at all, a message naming the bounds otherwise (inRange).
 */
export const numberField = (min: number, max: number, integer = true) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.replace(",", ".")) : v),
    z.number("errors.number").refine(...inRange(min, max, integer)),
  );

export const dateField = z.iso.date("errors.date");
export const optionalDateField = z.union([z.literal(""), z.iso.date("errors.date")]).default("");

/** Region then MRC; the MRC must belong to the region. */
export const regionMrcFields = {
  region: z.string().max(2, "errors.region").refine(isValidRegion, "errors.region"),
  mrc: z.string().min(1, "errors.required").max(3, "errors.choice"),
};
export function mrcMatchesRegion(v: { region: string; mrc: string }) {
  return isMrcInRegion(v.region, v.mrc);
}
