import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroyUserSession } from "~/utils/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const s = context.services;
  return destroyUserSession(s, request);
}

export function loader() {
  return redirect("/");
}
