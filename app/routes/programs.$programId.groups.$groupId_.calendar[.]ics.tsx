import type { LoaderFunctionArgs } from "@remix-run/node";
import { listMeetings } from "../../core/models/meeting.server";
import { meetingsIcs } from "../../core/models/meeting-calendar.server";
import { getLocale } from "~/utils/locale.server";
import { translate } from "../../core/i18n";
import { requireGroupViewer } from "~/utils/permissions.server";

/** The group's calendar as a file, for members and the observer the group invited (ADR 0027). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group } = await requireGroupViewer(s, request, params.programId, params.groupId);
  const path = `/programs/${program.id}/groups/${group.id}`;
  const ics = meetingsIcs(
    await listMeetings(s, group.id),
    translate(getLocale(request), "meetings.eventTitle", { program: program.title }),
    `${s.site.url()}${path}`,
  );
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="maillage-groupe.ics"',
      "Cache-Control": "no-store",
    },
  });
}
