import type { Report } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";

/**
 * The recommendations and quotes of the answers whose author consented to be quoted, already
 * redacted (`~/models/report/texts`).
 */
export function ConsentedTexts({
  recommendations,
  quotes,
}: Pick<Report, "recommendations" | "quotes">) {
  const { t } = useT();
  return (
    <>
      {recommendations.length === 0 ? (
        <p className="empty-state">{t("report.recommendations.none")}</p>
      ) : (
        <ul className="quote-list">
          {recommendations.map((text, i) => (
            <li key={i}>
              <blockquote>{text}</blockquote>
            </li>
          ))}
        </ul>
      )}
      {quotes.length > 0 ? (
        <>
          <h3>{t("report.quotes.title")}</h3>
          <ul className="quote-list">
            {quotes.map((q, i) => (
              <li key={i}>
                <blockquote>{q.text}</blockquote>
                <p className="muted small">{t(`report.quotes.${q.source}`)}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
