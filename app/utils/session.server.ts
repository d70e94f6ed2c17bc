/** Cookie sessions, shared by pages and Socket.IO connections. */
import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { getUserById } from "../../core/models/user.server";
import {
  createSessionRecord,
  endSessionRecord,
  SESSION_DAYS,
  sessionUserId,
} from "../../core/models/session.server";
import { signedOut } from "../../core/bus";

interface SessionData {
  /** The id of a server-side session record (core/models/session.server.ts), never the user id. */
  sid: string;
}
interface FlashData {
  flash: string;
}

let storage: SessionStorage<SessionData, FlashData> | undefined;

export function sessionStorage() {
  if (!storage) {
    const secret = process.env.SESSION_SECRET;
    if (!secret) throw new Error("SESSION_SECRET is not set (the server sets it at start-up)");
    storage = createCookieSessionStorage<SessionData, FlashData>({
      cookie: {
        name: "maillage_session",
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: process.env.MAILLAGE_SECURE_COOKIES === "1",
        secrets: [secret],
        maxAge: 60 * 60 * 24 * SESSION_DAYS,
      },
    });
  }
  return storage;
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

async function userIdOf(cookie: string | null): Promise<string | undefined> {
  const sid = (await sessionStorage().getSession(cookie)).get("sid");
  return typeof sid === "string" ? sessionUserId(sid) : undefined;
}

export async function getUserId(request: Request): Promise<string | undefined> {
  return userIdOf(request.headers.get("Cookie"));
}

export async function getUserFromCookieHeader(cookie: string | null) {
  const userId = await userIdOf(cookie);
  return userId ? getUserById(userId) : undefined;
}

export async function getOptionalUser(request: Request) {
  return getUserFromCookieHeader(request.headers.get("Cookie"));
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

export async function createUserSession(request: Request, userId: string, redirectTo: string) {
  // A new session: whatever the browser brought (an old or planted cookie) is dropped and ended.
  const previous = (await getSession(request)).get("sid");
  if (typeof previous === "string") await endSessionRecord(previous);
  const session = await sessionStorage().getSession();
  session.set("sid", await createSessionRecord(userId));
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage().commitSession(session) },
  });
}

export async function destroyUserSession(request: Request) {
  const session = await getSession(request);
  const sid = session.get("sid");
  const userId = typeof sid === "string" ? await sessionUserId(sid) : undefined;
  if (typeof sid === "string") await endSessionRecord(sid);
  if (userId) signedOut(userId);
  return redirect("/", {
    headers: { "Set-Cookie": await sessionStorage().destroySession(session) },
  });
}
