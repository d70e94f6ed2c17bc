import { useT } from "~/utils/i18n-react";

/** In place of a figure built from fewer than `min` people's answers. */
export function Suppressed({ min }: { min: number }) {
  const { t } = useT();
  return <span className="suppressed">{t("report.suppressed", { min })}</span>;
}
