/** Cookie sessions, shared by pages and Socket.IO connections. */
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getUserById } from "../../core/models/user.server";
import {
  createSessionRecord,
  endSessionRecord,
  SESSION_DAYS,
  sessionUserId,
} from "../../core/models/session.server";
import type { CoreConfig, Services } from "../../core/services";

interface SessionData {
  /** The id of a server-side session record (core/models/session.server.ts), never the user id. */
  sid: string;
}
interface FlashData {
  flash: string;
}

/** The cookie session storage, from the configuration's secret (cheap to build: no I/O). */
export function sessionStorage(config: Pick<CoreConfig, "sessionSecret" | "secureCookies">) {
  return createCookieSessionStorage<SessionData, FlashData>({
    cookie: {
      name: "maillage_session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: config.secureCookies,
      secrets: [config.sessionSecret],
      maxAge: 60 * 60 * 24 * SESSION_DAYS,
    },
  });
}

export function getSession(s: Services, request: Request) {
  return sessionStorage(s.config).getSession(request.headers.get("Cookie"));
}

async function userIdOf(s: Services, cookie: string | null): Promise<string | undefined> {
  return (await sessionOfCookieHeader(s, cookie))?.userId;
}

/** The live session a cookie opens: its id and whose it is. */
async function sessionOfCookieHeader(s: Services, cookie: string | null) {
  const sid = (await sessionStorage(s.config).getSession(cookie)).get("sid");
  if (typeof sid !== "string") return undefined;
  const userId = await sessionUserId(s, sid);
  return userId ? { sessionId: sid, userId } : undefined;
}

/** This browser's session id (to keep it when the person's other sessions end). */
export async function currentSessionId(s: Services, request: Request): Promise<string | undefined> {
  const sid = (await getSession(s, request)).get("sid");
  return typeof sid === "string" ? sid : undefined;
}

export async function getUserId(s: Services, request: Request): Promise<string | undefined> {
  return userIdOf(s, request.headers.get("Cookie"));
}

export async function getUserFromCookieHeader(s: Services, cookie: string | null) {
  const userId = await userIdOf(s, cookie);
  return userId ? getUserById(s, userId) : undefined;
}

/** The person a cookie signs in, with the id of its session (a live connection's). */
export async function getSessionUserFromCookieHeader(s: Services, cookie: string | null) {
  const session = await sessionOfCookieHeader(s, cookie);
  const user = session && (await getUserById(s, session.userId));
  return user && session ? { user, sessionId: session.sessionId } : undefined;
}

export async function getOptionalUser(s: Services, request: Request) {
  return getUserFromCookieHeader(s, request.headers.get("Cookie"));
}

/** Only same-site paths: never an absolute URL or a protocol-relative one. */
export function safeRedirectPath(to: unknown, fallback = "/dashboard"): string {
  // Control characters and backslashes are stripped or rewritten by browsers: refuse them.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) {
    return fallback;
  }
  try {
    // Whatever a browser makes of it must stay on this site.
    if (new URL(to, "http://maillage.invalid").origin !== "http://maillage.invalid")
      return fallback;
  } catch {
    return fallback;
  }
  return to;
}

export async function createUserSession(
  s: Services,
  request: Request,
  userId: string,
  redirectTo: string,
) {
  // A new session: whatever the browser brought (an old or planted cookie) is dropped and ended.
  const previous = (await getSession(s, request)).get("sid");
  if (typeof previous === "string") await endSessionRecord(s, previous);
  const session = await sessionStorage(s.config).getSession();
  session.set("sid", await createSessionRecord(s, userId));
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage(s.config).commitSession(session) },
  });
}

export async function destroyUserSession(s: Services, request: Request) {
  const session = await getSession(s, request);
  const sid = session.get("sid");
  const userId = typeof sid === "string" ? await sessionUserId(s, sid) : undefined;
  if (typeof sid === "string") await endSessionRecord(s, sid);
  if (userId && typeof sid === "string") s.signOuts.emit({ userId, sessionIds: [sid] });
  return redirect("/", {
    headers: { "Set-Cookie": await sessionStorage(s.config).destroySession(session) },
  });
}
