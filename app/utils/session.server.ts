/** Cookie sessions, shared by pages and Socket.IO connections. */
import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { getUserById } from "~/models/user.server";

interface SessionData {
  userId: string;
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
        maxAge: 60 * 60 * 24 * 30,
      },
    });
  }
  return storage;
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export async function getUserId(request: Request): Promise<string | undefined> {
  return (await getSession(request)).get("userId");
}

export async function getUserFromCookieHeader(cookie: string | null) {
  const session = await sessionStorage().getSession(cookie);
  const userId = session.get("userId");
  return userId ? getUserById(userId) : undefined;
}

export async function getOptionalUser(request: Request) {
  return getUserFromCookieHeader(request.headers.get("Cookie"));
}

/** Only same-site paths: never an absolute URL or a protocol-relative one. */
export function safeRedirectPath(to: unknown, fallback = "/dashboard"): string {
  if (
    typeof to !== "string" ||
    !to.startsWith("/") ||
    to.startsWith("//") ||
    to.startsWith("/\\")
  ) {
    return fallback;
  }
  return to;
}

export async function createUserSession(request: Request, userId: string, redirectTo: string) {
  const session = await getSession(request);
  session.set("userId", userId);
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage().commitSession(session) },
  });
}

export async function destroyUserSession(request: Request) {
  const session = await getSession(request);
  return redirect("/", {
    headers: { "Set-Cookie": await sessionStorage().destroySession(session) },
  });
}
