import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { translate } from "../../core/i18n";
import { listMeetings } from "../../core/models/meeting.server";
import { groupByCalendarToken, meetingsIcs } from "../../core/models/meeting-calendar.server";
import { getProgram } from "../../core/models/program.server";
import { TOKEN_PATTERN } from "../../core/security/tokens";
import { notFound } from "~/utils/permissions.server";

/** The calendar subscription: the secret link is the only key; anything else is 404. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const token = z.string().regex(TOKEN_PATTERN).safeParse(params.token);
  const group = token.success ? await groupByCalendarToken(s, token.data) : undefined;
  if (!group || group.status !== "active") throw notFound();
  const program = await getProgram(s, group.programId);
  const ics = meetingsIcs(
    await listMeetings(s, group.id),
    translate("fr", "meetings.eventTitle", { program: program?.title ?? "" }),
    `${s.site.url()}/programs/${group.programId}/groups/${group.id}`,
  );
  return new Response(ics, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "no-store" },
  });
}
