/** The program report's forms and its CSV download. */
import { z } from "zod";
import { text, choiceIdSchema } from "./fields";

export const GROUP_LABEL_MAX = 80;

/** Coordinators name a group for the report by a theme; empty gives "Group N". */
export const groupLabelSchema = z.object({
  intent: z.literal("label"),
  groupId: choiceIdSchema,
  label: text()
    .max(GROUP_LABEL_MAX)
    .refine((s) => !/[@<>]/.test(s), "errors.reportLabelCharacters")
    .default(""),
});

/** The report's tables a coordinator can download as CSV (core/models/report/csv.ts). */
export const REPORT_TABLES = [
  "groups",
  "meetings",
  "hours",
  "budget",
  "tools",
  "evaluations",
  "interviews",
] as const;

/** `?table=` of the CSV download. */
export const reportCsvQuerySchema = z.object({
  table: z.enum(REPORT_TABLES),
});

/** Groups per page in the report's per-group tables and charts. */
export const REPORT_GROUPS_PER_PAGE = 10;
/** Tools named per theme in the report's tools table (unless every group is shown). */
export const REPORT_TOOLS_PER_THEME = 3;

/**
 * The report's query: `?groups=all` shows every group's rows on one page (to print them all);
 * anything else shows them a page at a time (`?page=`, see ~/utils/pagination).
 */
export const reportViewQuerySchema = z.object({
  groups: z.literal("all").optional().catch(undefined),
});
