import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { MessageKey } from "../../core/i18n";
import { noticeParams } from "../../core/i18n/notice-params";
import { listNotifications, markNotificationsRead } from "../../core/models/notification.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "notificationsPage.title");

/** The person's own notices; opening the page marks them read. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  const user = await requireUser(s, request);
  const notices = await listNotifications(s, user.id);
  await markNotificationsRead(s, user.id);
  return {
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      params: n.params,
      link: n.link,
      createdAt: n.createdAt,
      unread: !n.readAt,
    })),
  };
}

export default function Notifications() {
  const { notices } = useLoaderData<typeof loader>();
  const { t, date, locale } = useT();
  return (
    <section className="narrow-wide">
      <h1>{t("notificationsPage.title")}</h1>
      {notices.length === 0 ? <p className="empty-state">{t("notificationsPage.none")}</p> : null}
      <ul className="mail-list">
        {notices.map((n) => (
          <li key={n.id} className={n.unread ? "card card--self" : "card"}>
            <p>
              <strong>
                {t(`notifications.${n.kind}.subject` as MessageKey, noticeParams(locale, n.params))}
              </strong>
            </p>
            <p className="muted small">
              {date(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}
            </p>
            {n.link ? <Link to={n.link}>{t("notificationsPage.open")}</Link> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
