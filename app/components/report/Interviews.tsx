import type { Report } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { FinalEvaluations } from "./FinalEvaluations";

/**
 * The final interviews: how many summaries the participants validated, and from those only, the
 * figures and the texts, already redacted (`interviewFigures`, core/models/report/aggregate.ts).
 */
export function Interviews({ interviews, min }: { interviews: Report["interviews"]; min: number }) {
  const { t } = useT();
  return (
    <>
      <p>
        {t("interviews.report.counts", {
          scheduled: interviews.scheduled,
          validated: interviews.validated,
        })}
      </p>
      {interviews.validated === 0 ? (
        <p className="empty-state">{t("interviews.report.none")}</p>
      ) : (
        <>
          <FinalEvaluations
            final={{ total: interviews.stats, byGroup: [] }}
            names={[]}
            min={min}
            caption={t("interviews.report.caption")}
          />
          {(["learning", "recommendations"] as const).map((kind) =>
            interviews[kind].length > 0 ? (
              <div key={kind}>
                <h4>{t(`interviews.report.${kind}`)}</h4>
                <ul className="quote-list">
                  {interviews[kind].map((text, i) => (
                    <li key={i}>
                      <blockquote>{text}</blockquote>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
        </>
      )}
    </>
  );
}
