import type { AnswerStats } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";

/** How the report writes hours, shares and average appreciations, in the reader's language. */
export function useReportFormat() {
  const { number } = useT();
  return {
    hours: (h: number) => `${number(h)} h`,
    percent: (x: number) => number(x, { style: "percent", maximumFractionDigits: 0 }),
    average: (s: AnswerStats) =>
      s.averageAppreciation === null ? "—" : `${number(s.averageAppreciation)} / 5`,
  };
}
