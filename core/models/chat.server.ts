/**
 * The chat of a speed-dating room: who may send how often (the services' rate limits, counted for
 * every process of a cluster) and where messages are kept (the services' chat log, out of the
 * main document). The live layer sends and reads through these functions only.
 */
import { randomUUID } from "node:crypto";
import type { ChatMessage } from "../store";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type { ChatMessage };

/** The author sent more than the `chatPerson` rate limit allows. */
export class ChatTooFastError extends DomainError {
  constructor() {
    super({
      name: "ChatTooFastError",
      code: "rate_limited",
      messageKey: "errors.live.tooFast",
      status: 429,
    });
  }
}

/** Where a message is sent: the live layer checks the seat and delivers to the room's sockets. */
export interface ChatRoom {
  /**
   * Throws unless the author sits in the room and the round is still on (checked before and again
   * after the rate limit, which may wait on the database); what the message needs.
   */
  check(): Promise<{ round: number; authorName: string; now: number }>;
  /** Reaches the room's people; called before the message is saved. */
  deliver(message: ChatMessage): void;
}

/**
 * Sends one message to a room: rate-limited per person and event, delivered, then saved (the
 * delivery never waits for the disk or the database).
 */
export async function sendChat(
  s: Services,
  input: { eventId: string; roomId: string; authorId: string; text: string },
  room: ChatRoom,
): Promise<ChatMessage> {
  await room.check();
  const limited = await s.limits.consume("chatPerson", `${input.eventId}:${input.authorId}`);
  if (limited) throw new ChatTooFastError();
  // Checked again after that wait: the round may have switched meanwhile.
  const { round, authorName, now } = await room.check();
  const message: ChatMessage = {
    id: randomUUID(),
    eventId: input.eventId,
    roomId: input.roomId,
    round,
    authorId: input.authorId,
    authorName,
    text: input.text,
    at: new Date(now).toISOString(),
  };
  room.deliver(message);
  await s.chat.append(message);
  return message;
}

/** A room's messages, oldest first. */
export function roomChat(s: Services, eventId: string, roomId: string) {
  return s.chat.history(eventId, roomId);
}

/** Several rooms' messages in one read (a whole round), oldest first in each. */
export function roomsChat(s: Services, eventId: string, roomIds: readonly string[]) {
  return s.chat.histories(eventId, roomIds);
}
