import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { languageSchema } from "../../core/schemas/auth";
import { parseSubmission } from "~/utils/forms.server";
import { localeCookieHeader } from "~/utils/locale.server";
import { getOptionalUser, safeRedirectPath } from "~/utils/session.server";
import { setUserLocale } from "../../core/models/user.server";

/** The language switch: remembered in a cookie, and on the account when signed in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const submission = await parseSubmission(request, languageSchema);
  // The switch is two buttons with fixed values and has no page of its own to show an error on.
  if (submission.status !== "success") throw new Response("Bad request", { status: 400 });
  const { lang, redirectTo } = submission.value;
  const user = await getOptionalUser(s, request);
  if (user) await setUserLocale(s, user.id, lang);
  return redirect(safeRedirectPath(redirectTo, "/"), {
    headers: { "Set-Cookie": localeCookieHeader(lang) },
  });
}

export function loader() {
  return redirect("/");
}
