/**
 * Socket.IO plumbing shared by every live feature: payloads parsed with zod, errors turned into a
 * translated acknowledgement `{ ok: false, error: { code, message } }`, never a stack trace.
 */
import type { Server, Socket } from "socket.io";
import type { z } from "zod";
import { translate, type MessageKey, type MessageParams } from "../../core/i18n";
import { isDiskFull } from "../../core/store/types";
import { isDomainError } from "../../core/errors";
import type {
  AnswerOf,
  ClientEvent,
  ClientToServerEvents,
  InterServerEvents,
  Reply,
  ServerToClientEvents,
  SocketData,
} from "../../core/live/protocol";

export type { Reply, SocketData, SocketUser } from "../../core/live/protocol";

export type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** An expected refusal: its message key is translated for the user. */
export class LiveError extends Error {
  constructor(
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params?: MessageParams,
  ) {
    super(code);
  }
}

/**
 * Listens to a client's event: its payload parsed with `schema`, `run`'s result (typed by the
 * protocol) or its refusal sent back as the acknowledgement.
 */
export function handle<E extends ClientEvent, S extends z.ZodType>(
  socket: LiveSocket,
  event: E,
  schema: S,
  run: (payload: z.infer<S>) => Promise<AnswerOf<E>>,
) {
  type T = AnswerOf<E>;
  // The payload and the acknowledgement come from the network: unknown until parsed.
  const listener = async (payload: unknown, ack?: unknown) => {
    const reply: (r: Reply<T>) => void =
      typeof ack === "function" ? (ack as (r: Reply<T>) => void) : () => undefined;
    const locale = socket.data.locale;
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join(".") || "payload";
      reply({
        ok: false,
        error: {
          code: "invalid_payload",
          message: translate(locale, "errors.invalidPayload", { field }),
        },
      });
      return;
    }
    try {
      reply({ ok: true, data: await run(parsed.data) });
    } catch (error) {
      // A rule of the domain said no (core/errors): its code and its message, as a page shows it.
      if (isDomainError(error)) {
        reply({
          ok: false,
          error: { code: error.code, message: translate(locale, error.messageKey, error.params) },
        });
        return;
      }
      if (error instanceof LiveError) {
        reply({
          ok: false,
          error: { code: error.code, message: translate(locale, error.messageKey, error.params) },
        });
        return;
      }
      if (isDiskFull(error)) {
        console.error(`socket event ${event}: ${(error as Error).message}`);
        reply({
          ok: false,
          error: { code: "disk_full", message: translate(locale, "storage.diskFull") },
        });
        return;
      }
      console.error(`socket event ${event} failed:`, error);
      reply({
        ok: false,
        error: { code: "server_error", message: translate(locale, "errors.unexpected") },
      });
    }
  };
  // The one place the typed socket meets the network's untyped data.
  (socket as unknown as Socket).on(event as string, listener);
}
