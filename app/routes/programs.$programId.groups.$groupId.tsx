import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { regionName } from "../../core/data/geography";
import { groupView, reasonsForMembers } from "../../core/models/group.server";
import { reasonText } from "../../core/data/reason-text";
import { tagLabel, tagOptions } from "../../core/data/tag-label";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireGroupMember } from "~/utils/permissions.server";
import { acceptedByAll, currentAgreement } from "../../core/models/agreement.server";
import { hourBankSummary } from "../../core/models/hour-bank.server";
import { listMeetings } from "../../core/models/meeting.server";
import { nextMeeting } from "../../core/models/meeting-spacing";
import { MeetingWhere } from "~/components/meeting/MeetingWhere";

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
  const [agreement, hours, meetings] = await Promise.all([
    currentAgreement(s, group.id),
    hourBankSummary(s, group, program),
    listMeetings(s, group.id),
  ]);
  const next = nextMeeting(meetings, s.clock.now());
  const nameOf = new Map(view.members.map((m) => [m.id, m.name]));
  return {
    members: view.members,
    taxonomy: tagOptions(program.taxonomy),
    suggestedFirstMeeting: view.group.suggestedFirstMeeting,
    explanation: view.group.explanation ? reasonsForMembers(view.group.explanation) : null,
    origin: view.group.origin,
    me: participant.id,
    hours: program.hourBankHours,
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    hoursLeft: hours.remaining,
    // The space is its members' only (observers get 404 here, ADR 0027): the card may say it all.
    next: next
      ? {
          id: next.id,
          startsAt: next.startsAt,
          endsAt: next.endsAt,
          kind: next.kind,
          format: next.format ?? null,
          place: next.place,
          lead: next.facilitatorId ? (nameOf.get(next.facilitatorId) ?? "") : "",
        }
      : null,
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
      <nav className="section-nav" aria-label={t("groups.sectionsNav")}>
        <ul>
          <li>
            <Link to={`${data.groupPath}/meetings`}>{t("groups.openMeetings")}</Link>
          </li>
          <li>
            <Link to={`${data.groupPath}/hours`}>{t("groups.openHours")}</Link>
          </li>
          <li>
            <Link to={`${data.groupPath}/plan`}>{t("groups.openPlan")}</Link>
          </li>
          <li>
            <Link to={`${data.groupPath}/codev`}>{t("groups.openCodev")}</Link>
          </li>
          <li>
            <Link to={`${data.groupPath}/checkins`}>{t("groups.openCheckIns")}</Link>
          </li>
          <li>
            <Link to={`${data.groupPath}/tools`}>{t("groups.openTools")}</Link>
          </li>
          <li>
            <Link to={`${data.groupPath}/agreement`}>{t("groups.openAgreement")}</Link>
          </li>
        </ul>
      </nav>
      <section className="panel" aria-labelledby="next-title">
        <h2 id="next-title">{t("groups.nextMeeting.title")}</h2>
        {data.next ? (
          <>
            <p>
              <strong>
                {t("groups.nextMeeting.when", {
                  date: date(data.next.startsAt, { dateStyle: "full" }),
                  start: date(data.next.startsAt, { timeStyle: "short" }),
                  end: date(data.next.endsAt, { timeStyle: "short" }),
                })}
              </strong>
            </p>
            <p>{t(`meetings.kinds.${data.next.kind}`)}</p>
            <MeetingWhere format={data.next.format} place={data.next.place} />
            <p>
              {data.next.lead
                ? t("groups.nextMeeting.lead", { name: data.next.lead })
                : t("groups.nextMeeting.noLead")}
            </p>
            <p>
              <Link
                className="button button--secondary"
                to={`${data.groupPath}/meetings/${data.next.id}`}
              >
                {t("groups.nextMeeting.open")}
              </Link>{" "}
              <a
                className="button button--secondary"
                href={`${data.groupPath}/calendar.ics`}
                download
              >
                {t("groups.nextMeeting.ics")}
              </a>
            </p>
          </>
        ) : (
          <div className="empty-state">
            <p>{t("groups.nextMeeting.none")}</p>
            <p>
              {t("groups.firstMeetingSuggested", {
                date: date(data.suggestedFirstMeeting, { dateStyle: "full" }),
              })}
            </p>
            <p>
              <Link className="button" to={`${data.groupPath}/meetings#plan-title`}>
                {t("groups.nextMeeting.plan")}
              </Link>
            </p>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="hours-title">
        <h2 id="hours-title">{t("hours.title")}</h2>
        <p>{t("groups.hoursLeft", { remaining: data.hoursLeft, bank: data.hours })}</p>
        <Link className="button button--secondary" to={`${data.groupPath}/hours`}>
          {t("groups.openHours")}
        </Link>
      </section>
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
                {m.needs.map((tag) => tagLabel(tag, locale)).join(", ")}
              </p>
            ) : null}
            {m.expertise.length ? (
              <p>
                <strong>
                  {t("profile.expertise")}
                  {t("common.colon")}
                </strong>{" "}
                {m.expertise.map((tag) => tagLabel(tag, locale)).join(", ")}
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
              <li key={i}>{reasonText(locale, reason, data.taxonomy)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
