/** Building blocks shared by the form schemas. Messages are catalog keys. */
import { z } from "zod";
import { isMrcInRegion, isValidRegion } from "~/data/geography";

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

export const requiredText = (min: number, max: number) => z.string().trim().min(min).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).default("");

/** An HTML checkbox: present ("on") or absent. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** A number typed in a form field. */
export const numberField = (min: number, max: number, integer = true) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.replace(",", ".")) : v),
    (integer ? z.number("errors.number").int("errors.integer") : z.number("errors.number"))
      .min(min)
      .max(max),
  );

export const dateField = z.iso.date("errors.date");
export const optionalDateField = z.union([z.literal(""), z.iso.date("errors.date")]).default("");

/** Region then MRC; the MRC must belong to the region. */
export const regionMrcFields = {
  region: z.string().refine(isValidRegion, "errors.region"),
  mrc: z.string().min(1, "errors.required"),
};
export function mrcMatchesRegion(v: { region: string; mrc: string }) {
  return isMrcInRegion(v.region, v.mrc);
}
