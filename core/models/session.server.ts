/**
 * Server-side session records: a signed-in browser holds only a random id in its cookie.
 * Signing out removes the record, so a copied or stolen cookie stops working at once, and signing
 * in always creates a new id (no session fixation).
 */
import { randomBytes } from "node:crypto";
import type { Services } from "../services";

export const SESSION_DAYS = 30;

export async function createSessionRecord(
  s: Services,
  userId: string,
  now = s.clock.now(),
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await s.store.transaction(async (tx) => {
    // Each sign-in tidies expired sessions (there are only as many as signed-in browsers).
    for (const old of await tx.find("sessions")) {
      if (Date.parse(old.expiresAt) <= now.getTime()) await tx.remove("sessions", old.id);
    }
    await tx.insert("sessions", {
      id,
      userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    });
  });
  return id;
}

/** The user id of a live session, or undefined for an unknown, ended or expired one. */
export async function sessionUserId(s: Services, sessionId: string, now = s.clock.now().getTime()) {
  if (sessionId.length < 32 || sessionId.length > 64) return undefined;
  const record = await s.store.get("sessions", sessionId);
  if (!record || Date.parse(record.expiresAt) <= now) return undefined;
  return record.userId;
}

export async function endSessionRecord(s: Services, sessionId: string): Promise<void> {
  await s.store.remove("sessions", sessionId);
}
