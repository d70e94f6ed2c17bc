import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { regionName } from "../../core/data/geography";
import { groupView } from "../../core/models/group.server";
import { reasonText } from "../../core/data/reason-text";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireGroupMember } from "~/utils/permissions.server";
import { acceptedByAll, currentAgreement } from "../../core/models/agreement.server";
import { hourBankSummary } from "../../core/models/hour-bank.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "groups.spaceTitle");

/** The group's space: its members only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, participant, group } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const view = await groupView(s, group.id);
  if (!view) throw notFound();
  const [agreement, hours] = await Promise.all([
    currentAgreement(s, group.id),
    hourBankSummary(s, group, program),
  ]);
  return {
    members: view.members,
    suggestedFirstMeeting: view.group.suggestedFirstMeeting,
    explanation: view.group.explanation ?? null,
    origin: view.group.origin,
    me: participant.id,
    hours: program.hourBankHours,
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    hoursLeft: hours.remaining,
    agreement: agreement
      ? {
          version: agreement.version,
          acceptedByAll: acceptedByAll(agreement, group.memberIds),
          acceptedByMe: Boolean(agreement.acceptances[participant.id]),
        }
      : null,
  };
}

export default function GroupSpace() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, date } = useT();
  return (
    <>
      <h1>{t("groups.spaceTitle")}</h1>
      <p className="lead">{t("groups.spaceIntro", { hours: data.hours })}</p>
      <section className="panel" aria-labelledby="agreement-title">
        <h2 id="agreement-title">{t("agreement.title")}</h2>
        <p>
          {data.agreement
            ? data.agreement.acceptedByAll
              ? t("agreement.acceptedByAll", { version: data.agreement.version })
              : t(data.agreement.acceptedByMe ? "agreement.waitingOthers" : "agreement.toAccept", {
                  version: data.agreement.version,
                })
            : t("agreement.none")}
        </p>
        <Link className="button button--secondary" to={`${data.groupPath}/agreement`}>
          {t("agreement.open")}
        </Link>
      </section>
      <section className="panel" aria-labelledby="hours-title">
        <h2 id="hours-title">{t("hours.title")}</h2>
        <p>{t("groups.hoursLeft", { remaining: data.hoursLeft, bank: data.hours })}</p>
        <Link className="button button--secondary" to={`${data.groupPath}/hours`}>
          {t("groups.openHours")}
        </Link>{" "}
        <Link className="button button--secondary" to={`${data.groupPath}/meetings`}>
          {t("groups.openMeetings")}
        </Link>{" "}
        <Link className="button button--secondary" to={`${data.groupPath}/plan`}>
          {t("groups.openPlan")}
        </Link>{" "}
        <Link className="button button--secondary" to={`${data.groupPath}/codev`}>
          {t("groups.openCodev")}
        </Link>{" "}
        <Link className="button button--secondary" to={`${data.groupPath}/checkins`}>
          {t("groups.openCheckIns")}
        </Link>{" "}
        <Link className="button button--secondary" to={`${data.groupPath}/tools`}>
          {t("groups.openTools")}
        </Link>
      </section>
      <p className="alert alert--success">
        {t("groups.firstMeetingSuggested", {
          date: date(data.suggestedFirstMeeting, { dateStyle: "full" }),
        })}
      </p>
      <ul className="cards">
        {data.members.map((m) => (
          <li key={m.id} className="card">
            <h2 className="card-title">
              {m.name}{" "}
              {m.id === data.me ? <span className="badge">{t("directory.you")}</span> : null}
            </h2>
            <p className="muted">
              {t(`roles.${m.role}`)} · {m.organization} · {regionName(m.region)}
            </p>
            <p>
              <a href={`mailto:${m.email}`}>{m.email}</a>
            </p>
            {m.needs.length ? (
              <p>
                <strong>
                  {t("profile.needs")}
                  {t("common.colon")}
                </strong>{" "}
                {m.needs.join(", ")}
              </p>
            ) : null}
            {m.expertise.length ? (
              <p>
                <strong>
                  {t("profile.expertise")}
                  {t("common.colon")}
                </strong>{" "}
                {m.expertise.join(", ")}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {data.explanation ? (
        <section className="panel" aria-labelledby="why-title">
          <h2 id="why-title">{t("formation.why")}</h2>
          <ul>
            {data.explanation.map((reason, i) => (
              <li key={i}>{reasonText(locale, reason)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
