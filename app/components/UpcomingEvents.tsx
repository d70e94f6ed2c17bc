/**
 * The dashboard's list of a person's next speed-dating sessions (core/models/event/
 * announcements.server.ts: upcomingEventsOf), with their date in Quebec time and a link to each.
 */
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n-react";

export interface UpcomingEvent {
  id: string;
  programId: string;
  title: string;
  startsAt: string;
  format: "online" | "in-person";
  live: boolean;
}

export function UpcomingEvents({ events }: { events: readonly UpcomingEvent[] }) {
  const { t, date } = useT();
  if (events.length === 0) return null;
  return (
    <section aria-labelledby="upcoming-events">
      <h2 id="upcoming-events">{t("upcomingEvents.title")}</h2>
      <ul className="cards">
        {events.map((e) => (
          <li key={e.id} className="card">
            <h3>
              <Link
                to={`/programs/${e.programId}/events/${e.id}`}
                aria-label={t("upcomingEvents.open", { title: e.title })}
              >
                {e.title}
              </Link>
            </h3>
            <p>
              {t("upcomingEvents.when", {
                date: date(e.startsAt, { dateStyle: "full", timeStyle: "short" }),
              })}
            </p>
            <p>
              <span className="badge">{t(`upcomingEvents.${e.format}`)}</span>{" "}
              {e.live ? <span className="badge">{t("upcomingEvents.live")}</span> : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
