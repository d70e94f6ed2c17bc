/**
 * Socket events' failures reach people as translated answers, never a stack trace: a full disk
 * says so (the change was not saved), anything unexpected gets the generic message.
 */
import { fakeSocket } from "../helpers/live";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handle, type Reply } from "../../server/live/handle";
import { DiskFullError } from "../../core/store/types";

async function answer(locale: "fr" | "en", failure: Error): Promise<Reply<unknown>> {
  const { socket, listeners } = fakeSocket(locale);
  handle(socket, "chat:send", z.strictObject({}), () => Promise.reject(failure));
  let reply: Reply<unknown> | undefined;
  await listeners.get("chat:send")!({}, (r: Reply<unknown>) => (reply = r));
  return reply!;
}

describe("socket event failures", () => {
  it("tell people when the disk is full, in their language", async () => {
    const full = new DiskFullError(
      "/data/maillage.json",
      Object.assign(new Error("ENOSPC"), { code: "ENOSPC" }),
    );
    expect(await answer("fr", full)).toEqual({
      ok: false,
      error: { code: "disk_full", message: expect.stringContaining("Espace disque insuffisant") },
    });
    const raw = Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    expect(await answer("en", raw)).toMatchObject({ ok: false, error: { code: "disk_full" } });
  });

  it("answer anything unexpected with the generic message and no detail", async () => {
    const reply = await answer("fr", new Error("secret internal detail"));
    expect(reply).toMatchObject({ ok: false, error: { code: "server_error" } });
    expect(JSON.stringify(reply)).not.toContain("secret internal detail");
  });
});
