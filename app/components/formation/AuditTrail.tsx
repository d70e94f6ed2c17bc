import type { MessageKey } from "../../../core/i18n";
import { useT } from "~/utils/i18n-react";

/** The actions of the program's audit trail that have a label (formation.audit.*). */
export const AUDIT_ACTIONS = new Set([
  "solve-started",
  "solve-cancelled",
  "group-approved",
  "group-rejected",
  "members-swapped",
  "member-moved",
  "pin-added",
  "pin-removed",
  "forbid-added",
  "forbid-removed",
  "self-group-approved",
  "self-group-rejected",
  "groups-regrouped",
  "coordination-time-added",
  "coordination-time-removed",
  "mentor-compensation-set",
  "observer-invited",
  "observer-revoked",
  "co-mentors-added",
  "co-mentors-removed",
  "co-coordinator-invited",
  "co-coordinator-invitation-withdrawn",
  "co-coordinator-joined",
  "coordinator-stepped-down",
  "coordinator-removed",
]);

/** The formation's journal: who did what, newest first. */
export function AuditTrail({
  audit,
}: {
  audit: ReadonlyArray<{ id: string; at: string; actorName: string; action: string }>;
}) {
  const { t, date } = useT();
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t("formation.auditTitle")}</h2>
      {audit.length === 0 ? <p className="muted">{t("formation.auditEmpty")}</p> : null}
      <ol className="audit small">
        {audit.map((a) => (
          <li key={a.id}>
            {date(a.at, { dateStyle: "medium", timeStyle: "short" })} —{" "}
            <strong>{a.actorName}</strong> —{" "}
            <span data-action={a.action}>
              {t(
                (AUDIT_ACTIONS.has(a.action)
                  ? `formation.audit.${a.action}`
                  : "formation.audit.other") as MessageKey,
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
