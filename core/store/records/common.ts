/**
 * Building blocks shared by the record schemas of the store (core/store/records/*): ids, instants,
 * language, region and MRC codes.
 */
import { z } from "zod";

export const id = z.string().min(1).max(64);
export const isoDate = z.iso.datetime();

export const localeSchema = z.enum(["fr", "en"]);
export type Locale = z.infer<typeof localeSchema>;

export const regionCode = z.string().regex(/^\d{2}$/, "two-digit region code");
export const mrcCode = z.string().regex(/^\d{2,3}$/, "MRC code");
