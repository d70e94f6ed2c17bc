import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { AppLink } from "~/components/AppLink";
import type { MessageKey } from "../../core/i18n";
import { useT } from "~/utils/i18n-react";
import { requireProgramAccess } from "~/utils/permissions.server";

/** The program's frame: its title and the tabs each person may use. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, asCoordinator, participant } = await requireProgramAccess(
    s,
    request,
    params.programId,
  );
  return {
    program: { id: program.id, title: program.title, status: program.status },
    asCoordinator,
    isParticipant: Boolean(participant),
  };
}

export default function ProgramLayout() {
  const { program, asCoordinator, isParticipant } = useLoaderData<typeof loader>();
  const { t } = useT();
  const { pathname } = useLocation();
  const tabs: Array<{ to: string; label: MessageKey; end?: boolean }> = [
    { to: "", label: "programNav.overview", end: true },
    ...(isParticipant
      ? [
          { to: "profile", label: "programNav.profile" as const },
          { to: "groups", label: "programNav.groups" as const },
        ]
      : []),
    { to: "directory", label: "programNav.directory" },
    { to: "events", label: "programNav.events" },
    { to: "tools", label: "programNav.tools" },
    { to: "evaluations", label: "programNav.evaluations" },
    { to: "interviews", label: "programNav.interviews" },
    ...(asCoordinator
      ? [
          { to: "applications", label: "programNav.applications" as const },
          { to: "formation", label: "programNav.formation" as const },
          { to: "report", label: "programNav.report" as const },
          { to: "coordination", label: "programNav.coordination" as const },
          { to: "coordinators", label: "programNav.coordinators" as const },
          { to: "invitations", label: "programNav.invitations" as const },
          { to: "outbox", label: "programNav.outbox" as const },
          { to: "settings", label: "programNav.settings" as const },
        ]
      : []),
  ];
  return (
    <>
      <nav aria-label={t("programNav.label", { program: program.title })} className="tabs">
        <ul>
          {tabs.map((tab) => {
            const href = `/programs/${program.id}${tab.to ? `/${tab.to}` : ""}` as const;
            // The tab of the page shown, and of the pages under it (a group under "groups").
            const current = tab.end
              ? pathname.replace(/\/+$/, "") === href
              : pathname === href || pathname.startsWith(`${href}/`);
            return (
              <li key={tab.to}>
                <AppLink to={href} aria-current={current ? "page" : undefined}>
                  {t(tab.label)}
                </AppLink>
              </li>
            );
          })}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
