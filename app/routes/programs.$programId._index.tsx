import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { mrcName, regionName } from "../../core/data/geography";
import { getOwnParticipation, programOverview } from "../../core/models/participant.server";
import { Pager, PageRange } from "~/components/Pager";
import { useT } from "~/utils/i18n-react";
import { RetentionNotice } from "~/components/RetentionNotice";
import { retentionFacts } from "../../core/models/personal-data.server";
import { requestedPage } from "../../core/utils/pagination";
import { requireProgramAccess } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.program.title ?? ""} – Maillage` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, asCoordinator, user } = await requireProgramAccess(s, request, params.programId);
  const base = {
    program: {
      id: program.id,
      title: program.title,
      theme: program.theme,
      subThemes: program.subThemes,
      description: program.description,
      status: program.status,
      composition: program.composition,
      regionRule: program.regionRule,
      mentoringStart: program.mentoringStart,
      mentoringEnd: program.mentoringEnd,
      hourBankHours: program.hourBankHours,
    },
    retention: retentionFacts(program),
    asCoordinator,
  };
  if (asCoordinator) {
    const overview = await programOverview(s, program.id, requestedPage(new URL(request.url)));
    return { ...base, coordinator: overview, own: null };
  }
  const own = await getOwnParticipation(s, user.id, program.id);
  return {
    ...base,
    coordinator: null,
    own: own
      ? {
          role: own.participant.role,
          organization: own.organization?.name ?? "",
          region: own.organization?.region ?? "",
          mrc: own.organization?.mrc ?? "",
        }
      : null,
  };
}

function CoordinatorPanel({
  data,
}: {
  data: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["coordinator"]>;
}) {
  const { t } = useT();
  return (
    <>
      <section aria-labelledby="stats">
        <h2 id="stats">{t("program.overview")}</h2>
        <dl className="facts facts--large">
          <div>
            <dt>{t("dashboard.participants")}</dt>
            <dd>{data.stats.participants}</dd>
          </div>
          <div>
            <dt>{t("roles.mentors")}</dt>
            <dd>{data.stats.byRole.mentor}</dd>
          </div>
          <div>
            <dt>{t("roles.mentees")}</dt>
            <dd>{data.stats.byRole.mentee}</dd>
          </div>
          <div>
            <dt>{t("roles.peers")}</dt>
            <dd>{data.stats.byRole.peer}</dd>
          </div>
          <div>
            <dt>{t("dashboard.regions")}</dt>
            <dd>{data.stats.regions}</dd>
          </div>
        </dl>
      </section>

      <section>
        <h2 id="participants">{t("program.participantsTitle")}</h2>
        <p className="muted">
          {t("pager.total", { count: data.pageInfo.total })}
          <PageRange info={data.pageInfo} />
        </p>
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="participants">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("program.table.name")}</th>
                <th scope="col">{t("program.table.role")}</th>
                <th scope="col">{t("program.table.organization")}</th>
                <th scope="col">{t("geo.region")}</th>
                <th scope="col">{t("geo.mrc")}</th>
              </tr>
            </thead>
            <tbody>
              {data.participants.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    <br />
                    <span className="muted">{p.email}</span>
                  </th>
                  <td>{t(`roles.${p.role}`)}</td>
                  <td>{p.organization}</td>
                  <td>{regionName(p.region)}</td>
                  <td>{mrcName(p.region, p.mrc)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager info={data.pageInfo} label={t("pager.participants")} fragment="participants" />
      </section>

      <p>
        <Link className="button button--secondary" to="invitations">
          {t("invitations.title")}
        </Link>
      </p>
    </>
  );
}

export default function ProgramPage() {
  const data = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const { program } = data;
  return (
    <>
      <p className="eyebrow">{t(`program.statuses.${program.status}`)}</p>
      <h1>{program.title}</h1>
      <p className="lead">
        <strong>
          {t("program.theme")}
          {t("common.colon")}
        </strong>{" "}
        {program.theme}
        {program.subThemes.length ? ` — ${program.subThemes.join(" · ")}` : ""}
      </p>
      <p>{program.description}</p>
      <dl className="facts">
        <div>
          <dt>{t("program.period")}</dt>
          <dd>
            {t("program.fromTo", {
              from: date(program.mentoringStart),
              to: date(program.mentoringEnd),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("program.hourBank")}</dt>
          <dd>{t("program.hours", { hours: program.hourBankHours })}</dd>
        </div>
        <div>
          <dt>{t("program.composition")}</dt>
          <dd>{t(`program.compositions.${program.composition}`)}</dd>
        </div>
        <div>
          <dt>{t("program.regionRule")}</dt>
          <dd>{t(`program.regionRules.${program.regionRule}`)}</dd>
        </div>
      </dl>
      {data.retention.date || data.retention.purgedAt ? (
        <RetentionNotice retention={data.retention} />
      ) : null}
      {data.coordinator ? <CoordinatorPanel data={data.coordinator} /> : null}
      {data.own ? (
        <section aria-labelledby="you" className="panel">
          <h2 id="you">{t("program.yourParticipation")}</h2>
          <p>
            {t("dashboard.yourRole")}
            {t("common.colon")} <strong>{t(`roles.${data.own.role}`)}</strong>
          </p>
          <p>
            {data.own.organization} · {regionName(data.own.region)} ·{" "}
            {mrcName(data.own.region, data.own.mrc)}
          </p>
          <p className="muted">{t("program.nextStepsParticipant")}</p>
        </section>
      ) : null}
    </>
  );
}
