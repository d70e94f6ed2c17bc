import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalDataArchive } from "../../core/models/personal-data.server";
import { notFound, requireUser } from "~/utils/permissions.server";
import { quebecToday } from "../../core/utils/quebec-time";

/**
 * The signed-in person's own data (#21): `maillage-data.json` (docs/personal-data-export.md) and
 * the files they uploaded, as one .tar.gz. The route takes no parameter: nobody can ask for
 * someone else's.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = context.services;
  const user = await requireUser(s, request);
  const archive = await personalDataArchive(s, user.id);
  if (!archive) throw notFound();
  const day = quebecToday(s.clock.now());
  return new Response(new Uint8Array(archive), {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Length": String(archive.byteLength),
      "Content-Disposition": `attachment; filename="maillage-mes-donnees-${day}.tar.gz"`,
      "Cache-Control": "private, no-store",
    },
  });
}
