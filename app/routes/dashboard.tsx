import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { regionName } from "../../core/data/geography";
import { getProgram, getProgramStats, listProgramsForUser } from "../../core/models/program.server";
import { getOwnParticipation } from "../../core/models/participant.server";
import { interviewOf } from "../../core/models/interview.server";
import { upcomingEventsOf } from "../../core/models/event.server";
import { UpcomingEvents } from "~/components/UpcomingEvents";
import { pendingApplicationsOf } from "../../core/models/application.server";
import { PendingApplications } from "~/components/PendingApplications";
import type { Services } from "../../core/services";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/permissions.server";
import { isAdministrator } from "../../core/models/roles.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "dashboard.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  const user = await requireUser(s, request);
  const programs = await listProgramsForUser(s, user.id);
  const coordinated = await Promise.all(
    programs
      .filter((p) => p.asCoordinator)
      .map(async (p) => ({ ...p, stats: await getProgramStats(s, p.id) })),
  );
  const joined = await Promise.all(
    programs
      .filter((p) => !p.asCoordinator)
      .map(async (p) => {
        const own = await getOwnParticipation(s, user.id, p.id);
        const interview = own ? await interviewOf(s, p.id, own.participant.id) : undefined;
        return {
          ...p,
          // The final interview, when one is planned or its summary awaits the person.
          interview:
            interview &&
            (interview.status === "scheduled" || interview.status === "awaiting-validation")
              ? { id: interview.id, status: interview.status, startsAt: interview.startsAt }
              : null,
          organization: own?.organization?.name ?? "",
          region: own?.organization?.region ?? "",
        };
      }),
  );
  const steppedDown = new URL(request.url).searchParams.get("steppedDown") === "1";
  const upcomingEvents = await upcomingEventsOf(s, user.id);
  return {
    name: user.name,
    role: user.role,
    admin: isAdministrator(s, user),
    steppedDown,
    coordinated,
    joined,
    upcomingEvents,
    applications: await applicationsOf(s, user.email),
  };
}

/** The person's applications still waiting on a decision or on joining, with their program. */
async function applicationsOf(s: Services, email: string) {
  const pending = await pendingApplicationsOf(s, email);
  return Promise.all(
    pending.map(async (a) => ({
      id: a.id,
      programTitle: (await getProgram(s, a.programId))?.title ?? "",
      organization: a.organizationName,
      status: a.status,
      submittedAt: a.submittedAt ?? null,
    })),
  );
}

export default function Dashboard() {
  const { name, role, admin, steppedDown, coordinated, joined, upcomingEvents, applications } =
    useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <>
      <h1>{t("dashboard.greeting", { name: name.split(" ")[0] ?? name })}</h1>
      <p className="lead">
        {t(role === "coordinator" ? "dashboard.coordinatorIntro" : "dashboard.participantIntro")}
      </p>

      {steppedDown ? (
        <p className="alert alert--success" role="status">
          {t("coCoordinators.steppedDown")}
        </p>
      ) : null}
      {role === "coordinator" || admin ? (
        <p className="actions">
          {role === "coordinator" ? (
            <Link className="button" to="/programs/new">
              {t("dashboard.newProgram")}
            </Link>
          ) : null}
          {admin ? (
            <Link className="button button--secondary" to="/admin/users">
              {t("dashboard.administration")}
            </Link>
          ) : null}
        </p>
      ) : null}
      <UpcomingEvents events={upcomingEvents} />
      {coordinated.length > 0 ? (
        <section aria-labelledby="coordinated">
          <h2 id="coordinated">{t("dashboard.programsYouRun")}</h2>
          <ul className="cards">
            {coordinated.map((p) => (
              <li key={p.id} className="card">
                <h3>
                  <Link to={`/programs/${p.id}`}>{p.title}</Link>
                </h3>
                <p className="badge">{t(`program.statuses.${p.status}`)}</p>
                <dl className="facts">
                  <div>
                    <dt>{t("dashboard.participants")}</dt>
                    <dd>{p.stats.participants}</dd>
                  </div>
                  <div>
                    <dt>{t("roles.mentors")}</dt>
                    <dd>{p.stats.byRole.mentor}</dd>
                  </div>
                  <div>
                    <dt>{t("roles.mentees")}</dt>
                    <dd>{p.stats.byRole.mentee}</dd>
                  </div>
                  <div>
                    <dt>{t("dashboard.regions")}</dt>
                    <dd>{p.stats.regions}</dd>
                  </div>
                  <div>
                    <dt>{t("dashboard.pendingInvitations")}</dt>
                    <dd>{p.stats.pendingInvitations}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {joined.length > 0 ? (
        <section aria-labelledby="joined">
          <h2 id="joined">{t("dashboard.yourPrograms")}</h2>
          <ul className="cards">
            {joined.map((p) => (
              <li key={p.id} className="card">
                <h3>
                  <Link to={`/programs/${p.id}`}>{p.title}</Link>
                </h3>
                <p>
                  {t("dashboard.yourRole")}
                  {t("common.colon")}{" "}
                  <strong>{p.participantRole ? t(`roles.${p.participantRole}`) : ""}</strong>
                </p>
                <p>
                  {p.organization}
                  {p.region ? ` · ${regionName(p.region)}` : ""}
                </p>
                {p.interview?.status === "awaiting-validation" ? (
                  <p className="alert alert--warning">
                    <Link to={`/programs/${p.id}/interviews/${p.interview.id}`}>
                      {t("interviews.dashboardToValidate")}
                    </Link>
                  </p>
                ) : p.interview ? (
                  <p>
                    <Link to={`/programs/${p.id}/interviews/${p.interview.id}`}>
                      {t("interviews.dashboardScheduled", {
                        date: date(p.interview.startsAt, { dateStyle: "long", timeStyle: "short" }),
                      })}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <PendingApplications applications={applications} />

      {coordinated.length === 0 && joined.length === 0 && applications.length === 0 ? (
        <section className="empty-state">
          <h2>{t("dashboard.noProgramTitle")}</h2>
          <p>{t("dashboard.noProgramText")}</p>
        </section>
      ) : null}
    </>
  );
}
