import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { translate } from "../../core/i18n";
import { publicUrl } from "../../core/models/application.server";
import { groupByCalendarToken, listMeetings, meetingsIcs } from "../../core/models/meeting.server";
import { getProgram } from "../../core/models/program.server";
import { TOKEN_PATTERN } from "../../core/security/tokens";
import { notFound } from "~/utils/permissions.server";

/** The calendar subscription: the secret link is the only key; anything else is 404. */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = z.string().regex(TOKEN_PATTERN).safeParse(params.token);
  const group = token.success ? await groupByCalendarToken(token.data) : undefined;
  if (!group || group.status !== "active") throw notFound();
  const program = await getProgram(group.programId);
  const ics = meetingsIcs(
    await listMeetings(group.id),
    translate("fr", "meetings.eventTitle", { program: program?.title ?? "" }),
    `${publicUrl()}/programs/${group.programId}/groups/${group.id}`,
  );
  return new Response(ics, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "no-store" },
  });
}
