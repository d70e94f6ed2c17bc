import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { languageSchema } from "../../core/schemas/auth";
import { formDataToObject, parseWith, readFormData } from "../../core/utils/forms";
import { localeCookieHeader } from "~/utils/locale.server";
import { getOptionalUser, safeRedirectPath } from "~/utils/session.server";
import { setUserLocale } from "../../core/models/user.server";

/** The language switch: remembered in a cookie, and on the account when signed in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  const parsed = parseWith(languageSchema, formDataToObject(await readFormData(request)));
  if (!parsed.ok) throw new Response("Bad request", { status: 400 });
  const user = await getOptionalUser(s, request);
  if (user) await setUserLocale(s, user.id, parsed.data.lang);
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": localeCookieHeader(parsed.data.lang) },
  });
}

export function loader() {
  return redirect("/");
}
