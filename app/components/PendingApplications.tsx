/** The dashboard's list of a person's applications that still await a decision or joining. */
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n-react";

export interface PendingApplication {
  id: string;
  programTitle: string;
  organization: string;
  status: "submitted" | "waitlisted" | "accepted" | "draft" | "rejected";
  submittedAt: string | null;
}

export function PendingApplications({
  applications,
}: {
  applications: readonly PendingApplication[];
}) {
  const { t, date } = useT();
  if (applications.length === 0) return null;
  return (
    <section aria-labelledby="pending-applications">
      <h2 id="pending-applications">{t("dashboard.pendingApplications")}</h2>
      <ul className="cards">
        {applications.map((a) => (
          <li key={a.id} className="card">
            <h3>
              <Link to={`/applications/${a.id}`}>{a.programTitle}</Link>
            </h3>
            <p>{a.organization}</p>
            <p>
              <span className={`status status--${a.status}`}>
                {t(`applications.statuses.${a.status}`)}
              </span>
              {a.submittedAt
                ? ` · ${t("applications.submittedOn", { date: date(a.submittedAt) })}`
                : ""}
            </p>
            <p className="field-hint">{t(`applicationStatus.explain.${a.status}`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
