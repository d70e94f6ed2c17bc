import { useT } from "~/utils/i18n-react";

/** How long a program keeps personal information, or when it was purged (ADR 0038). */
export interface RetentionFacts {
  months: number;
  /** The purge day (Quebec), once the program is closed. */
  date?: string;
  /** When the retention job purged it. */
  purgedAt?: string;
}

export function RetentionNotice({ retention }: { retention: RetentionFacts }) {
  const { t, date } = useT();
  const text = retention.purgedAt
    ? t("retention.purged", { date: date(retention.purgedAt, { dateStyle: "long" }) })
    : retention.date
      ? t("retention.scheduled", { date: date(retention.date) })
      : t("retention.whileOpen", { months: retention.months });
  return (
    <section className="panel" aria-labelledby="retention">
      <h2 id="retention">{t("retention.title")}</h2>
      <p>{text}</p>
    </section>
  );
}
