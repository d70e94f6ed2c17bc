/** The program report's forms and its CSV download. */
import { z } from "zod";
import { REPORT_TABLES } from "~/models/report";
import { text } from "./fields";

export const GROUP_LABEL_MAX = 80;

/** Coordinators name a group for the report by a theme; empty gives "Group N". */
export const groupLabelSchema = z.object({
  intent: z.literal("label"),
  groupId: z.string().regex(/^[\w-]{1,64}$/, "errors.choice"),
  label: text()
    .max(GROUP_LABEL_MAX)
    .refine((s) => !/[@<>]/.test(s), "errors.reportLabelCharacters")
    .default(""),
});

/** `?table=` of the CSV download. */
export const reportCsvQuerySchema = z.object({
  table: z.enum(REPORT_TABLES),
});
