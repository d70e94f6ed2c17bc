/**
 * Where an application stands: the organization, the status and what it means, the date it was
 * sent and the coordination's message. Shown on the private link's page and on the signed-in
 * applicant's own page.
 */
import { useT } from "~/utils/i18n-react";

export interface ApplicationStatusFacts {
  organization: string;
  status: "draft" | "submitted" | "accepted" | "rejected" | "waitlisted";
  submittedAt: string | null;
  reason: string;
}

export function ApplicationStatusView({ facts: d }: { facts: ApplicationStatusFacts }) {
  const { t, date } = useT();
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t("organization.name")}</dt>
          <dd>{d.organization || "—"}</dd>
        </div>
        <div>
          <dt>{t("applicationStatus.status")}</dt>
          <dd>
            <span className={`status status--${d.status}`}>
              {t(`applications.statuses.${d.status}`)}
            </span>
          </dd>
        </div>
        {d.submittedAt ? (
          <div>
            <dt>{t("applicationStatus.submittedAt")}</dt>
            <dd>{date(d.submittedAt)}</dd>
          </div>
        ) : null}
      </dl>
      <p>{t(`applicationStatus.explain.${d.status}`)}</p>
      {d.reason && d.status !== "submitted" ? (
        <div className="panel">
          <h2>{t("applicationStatus.reason")}</h2>
          <p>{d.reason}</p>
        </div>
      ) : null}
    </>
  );
}
