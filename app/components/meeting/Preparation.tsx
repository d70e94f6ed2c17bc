import { Form } from "~/components/AppForm";
import { useT } from "~/utils/i18n-react";
import type { MeetingData } from "./types";

/**
 * What the mentor reads before preparing: the check-ins sent since the previous held meeting, and
 * the confirmation that the content is prepared (the mentor confirms it while the meeting is planned).
 */
export function Preparation({
  checkIns,
  confirmedAt,
  canConfirm,
  busy,
}: {
  checkIns: MeetingData["checkIns"];
  confirmedAt?: string;
  canConfirm: boolean;
  busy: boolean;
}) {
  const { t, date } = useT();
  return (
    <section className="panel" aria-labelledby="checkins-title">
      <h2 id="checkins-title">{t("checkIns.beforeMeeting")}</h2>
      {checkIns.length > 0 ? (
        <ul className="cards">
          {checkIns.map((c) => (
            <li key={c.id} className="card">
              <h3 className="card-title">
                {c.author} · {date(c.createdAt, { dateStyle: "medium" })} ·{" "}
                {t(`checkIns.statuses.${c.needsStatus}`)}
              </h3>
              <p className="codev-notes">{c.update}</p>
              {c.changes ? <p className="codev-notes">{c.changes}</p> : null}
              {c.questions ? <p className="codev-notes">{c.questions}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{t("checkIns.noneSince")}</p>
      )}
      {confirmedAt ? (
        <p className="alert alert--success">
          {t("checkIns.confirmedOn", {
            date: date(confirmedAt, { dateStyle: "medium", timeStyle: "short" }),
          })}
          {checkIns.some((c) => c.createdAt > confirmedAt!)
            ? ` ${t("checkIns.newSinceConfirmation")}`
            : ""}
        </p>
      ) : null}
      {canConfirm ? (
        <Form method="post">
          <input type="hidden" name="intent" value="confirm-preparation" />
          <p className="field-hint">{t("checkIns.confirmHint")}</p>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("checkIns.confirm")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
