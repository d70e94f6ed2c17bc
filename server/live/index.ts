/**
 * Socket.IO: connections are authenticated from the page session cookie; every event payload is
 * parsed with zod and answered through an acknowledgement `{ ok: true, data } | { ok: false, error }`.
 */
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { localeFromCookieHeader, translate, type Locale } from "../../app/i18n";
import { getUserFromCookieHeader } from "../../app/utils/session.server";
import { listProgramsForUser } from "../../app/models/program.server";

export interface SocketUser {
  id: string;
  name: string;
  role: "coordinator" | "participant";
}

interface SocketData {
  user: SocketUser;
  locale: Locale;
}

type LiveSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  SocketData
>;

export type Ack<T> = (
  reply: { ok: true; data: T } | { ok: false; error: { code: string; message: string } },
) => void;

/** Registers a handler whose payload is validated and whose errors never reach the client raw. */
export function handle<S extends z.ZodType, T>(
  socket: LiveSocket,
  event: string,
  schema: S,
  run: (payload: z.infer<S>) => Promise<T>,
) {
  socket.on(event, async (payload: unknown, ack?: unknown) => {
    const reply: Ack<T> = typeof ack === "function" ? (ack as Ack<T>) : () => undefined;
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join(".") || "payload";
      reply({
        ok: false,
        error: {
          code: "invalid_payload",
          message: translate(socket.data.locale, "errors.invalidPayload", { field }),
        },
      });
      return;
    }
    try {
      reply({ ok: true, data: await run(parsed.data) });
    } catch (error) {
      console.error(`socket event ${event} failed:`, error);
      reply({
        ok: false,
        error: {
          code: "server_error",
          message: translate(socket.data.locale, "errors.unexpected"),
        },
      });
    }
  });
}

export function attachLive(io: Server) {
  io.use(async (socket, next) => {
    const cookie = socket.request.headers.cookie;
    const locale = localeFromCookieHeader(cookie);
    try {
      const user = await getUserFromCookieHeader(cookie ?? null);
      if (!user) {
        const error = new Error("unauthenticated") as Error & { data?: unknown };
        error.data = { code: "unauthenticated", message: translate(locale, "errors.socketSignIn") };
        next(error);
        return;
      }
      socket.data = { user: { id: user.id, name: user.name, role: user.role }, locale };
      next();
    } catch (error) {
      console.error("socket authentication failed:", error);
      next(new Error("server_error"));
    }
  });

  io.on("connection", (raw) => {
    const socket = raw as unknown as LiveSocket;
    void socket.join(`user:${socket.data.user.id}`);
    handle(socket, "session:whoami", z.object({}).strict(), async () => {
      const programs = await listProgramsForUser(socket.data.user.id);
      return {
        user: socket.data.user,
        programs: programs.map((p) => ({ id: p.id, title: p.title })),
      };
    });
  });
}
