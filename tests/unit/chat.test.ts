/**
 * The chat model: a message is checked, counted against the person's rate limit, delivered, then
 * saved in the services' chat log; a refused one is neither delivered nor saved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatTooFastError,
  roomChat,
  roomsChat,
  sendChat,
  type ChatMessage,
  type ChatRoom,
} from "../../core/models/chat.server";
import { RATE_LIMITS } from "../../core/security/rate-limits";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
beforeAll(async () => {
  s = await testServices({ seed: "empty" });
});
afterAll(async () => {
  await s.close();
});

const NOW = Date.parse("2026-03-10T18:30:00.000Z");

/** A room that accepts everyone and records what it delivered. */
function room(delivered: ChatMessage[], check?: ChatRoom["check"]): ChatRoom {
  return {
    check: check ?? (async () => ({ round: 2, authorName: "Zoé Tremblay", now: NOW })),
    deliver: (message) => delivered.push(message),
  };
}

describe("chat model", () => {
  it("delivers, then saves a message with its round, author and time", async () => {
    const delivered: ChatMessage[] = [];
    const input = { eventId: "evt-chat", roomId: "r2-1", authorId: "p-a", text: "Bonjour" };
    const message = await sendChat(s, input, room(delivered));
    expect(message).toMatchObject({
      ...input,
      round: 2,
      authorName: "Zoé Tremblay",
      at: "2026-03-10T18:30:00.000Z",
    });
    expect(delivered).toEqual([message]);
    expect(await roomChat(s, "evt-chat", "r2-1")).toEqual([message]);
    expect((await roomsChat(s, "evt-chat", ["r2-1", "r2-2"])).get("r2-1")).toEqual([message]);
  });

  it("refuses a person over the rate limit, per event, without delivering or saving", async () => {
    const delivered: ChatMessage[] = [];
    const send = (eventId: string, text: string) =>
      sendChat(s, { eventId, roomId: "r1", authorId: "p-fast", text }, room(delivered));
    const allowed = RATE_LIMITS.chatPerson.points;
    for (let i = 0; i < allowed; i++) await send("evt-fast", `m${i}`);
    await expect(send("evt-fast", "one too many")).rejects.toBeInstanceOf(ChatTooFastError);
    expect(delivered.map((m) => m.text)).not.toContain("one too many");
    expect((await roomChat(s, "evt-fast", "r1")).map((m) => m.text)).not.toContain("one too many");
    // Another event counts apart.
    await expect(send("evt-other", "ailleurs")).resolves.toMatchObject({ text: "ailleurs" });
  });

  it("checks the seat again after the rate limit, and sends nothing when refused", async () => {
    const delivered: ChatMessage[] = [];
    let checks = 0;
    const refused = new Error("not in the room any more");
    const switching = room(delivered, async () => {
      checks += 1;
      if (checks > 1) throw refused;
      return { round: 1, authorName: "Zoé Tremblay", now: NOW };
    });
    await expect(
      sendChat(s, { eventId: "evt-switch", roomId: "r1", authorId: "p-b", text: "x" }, switching),
    ).rejects.toBe(refused);
    expect(checks).toBe(2);
    expect(delivered).toEqual([]);
    expect(await roomChat(s, "evt-switch", "r1")).toEqual([]);
  });
});
