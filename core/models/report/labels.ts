/** How the report names a group and a tool theme, in the reader's language (page and CSV). */
import { translate, type Locale } from "../../i18n";
import type { ReportGroup, ToolTheme } from "./types";

/** How the report names a group: its label, or "Group 2". */
export function groupName(group: Pick<ReportGroup, "label" | "number">, locale: Locale): string {
  return group.label || translate(locale, "report.groupFallback", { n: group.number });
}

export function themeName(theme: Pick<ToolTheme, "theme" | "label" | "labelEn">, locale: Locale) {
  if (!theme.theme) return translate(locale, "report.tools.noTheme");
  return locale === "en" ? theme.labelEn : theme.label;
}
