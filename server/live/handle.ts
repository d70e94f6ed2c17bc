/**
 * Socket.IO plumbing shared by every live feature: payloads parsed with zod, errors turned into a
 * translated acknowledgement `{ ok: false, error: { code, message } }`, never a stack trace.
 */
import type { Socket } from "socket.io";
import type { z } from "zod";
import { translate, type Locale, type MessageKey, type MessageParams } from "../../core/i18n";
import { isDiskFull } from "../../core/store/types";

export interface SocketUser {
  id: string;
  name: string;
  role: "coordinator" | "participant";
}

export interface SocketData {
  user: SocketUser;
  locale: Locale;
  /** Events this socket joined, with the access checked at join time. */
  events?: Record<string, { participantId?: string; coordinator: boolean }>;
  /** Co-development sessions this socket joined: session id → the member's participant id. */
  codev?: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LiveSocket = Socket<any, any, any, SocketData>;

export type Reply<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

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

export function handle<S extends z.ZodType, T>(
  socket: LiveSocket,
  event: string,
  schema: S,
  run: (payload: z.infer<S>) => Promise<T>,
) {
  socket.on(event, async (payload: unknown, ack?: unknown) => {
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
  });
}
