/**
 * A full disk while a page's loader or action writes becomes a 503 response (the root
 * ErrorBoundary shows the translated "disk full" message, never a stack trace), instead of a
 * generic 500. Applied to the Remix server build, so every route gets it without a change.
 */
import { data, type ServerBuild } from "@remix-run/node";
import { isDiskFull } from "../../core/store/types";

/** The body of the 503 response (read by the root ErrorBoundary). */
export const DISK_FULL_BODY = { error: "disk-full" } as const;

type Handler = (args: { request: Request }) => unknown;

function guard(handler: Handler): Handler {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      const { pathname } = new URL(args.request.url);
      console.error(`${args.request.method} ${pathname}: ${(error as Error).message}`);
      throw data(DISK_FULL_BODY, { status: 503, headers: { "Retry-After": "120" } });
    }
  };
}

/** The same build, with every route's loader and action answering a full disk with a 503. */
export function withDiskFullPage(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const module = { ...route.module };
    if (module.loader) module.loader = guard(module.loader as Handler) as typeof module.loader;
    if (module.action) module.action = guard(module.action as Handler) as typeof module.action;
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
