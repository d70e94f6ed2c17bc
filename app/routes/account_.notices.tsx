import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/permissions.server";

/**
 * The link every e-mail ends with (`NOTICE_PREFERENCES_PATH`): the account page's notice choices.
 * A fragment never reaches the server, so `/account#notices` lost its place through the sign-in
 * (`redirectTo`); this path survives it, then leads to the section.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(context.services, request);
  return redirect("/account#notices");
}
