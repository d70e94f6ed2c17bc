/**
 * Socket.IO: connections are authenticated from the page session cookie; every event payload is
 * parsed with zod and answered through an acknowledgement (see handle.ts).
 */
import { z } from "zod";
import { localeFromCookieHeader, translate } from "../../core/i18n";
import { listProgramsForUser } from "../../core/models/program.server";
import { coordinatorAccess } from "../../core/permissions";
import { getSessionUserFromCookieHeader } from "../../app/utils/session.server";
import { handle, LiveError, type LiveServer } from "./handle";
import { SpeedDatingLive } from "./speed-dating";
import { CodevLive } from "./codev";
import type { Services } from "../../core/services";
import { idSchema } from "../../core/schemas/fields";

/** Sockets reach the models through `s`; `timings` logs the steps of speed-dating round switches. */
export async function attachLive(s: Services, io: LiveServer, options: { timings: boolean }) {
  io.use(async (socket, next) => {
    const cookie = socket.request.headers.cookie;
    const locale = localeFromCookieHeader(cookie);
    try {
      const signedIn = await getSessionUserFromCookieHeader(s, cookie ?? null);
      if (!signedIn) {
        const error = new Error("unauthenticated") as Error & { data?: unknown };
        error.data = { code: "unauthenticated", message: translate(locale, "errors.socketSignIn") };
        next(error);
        return;
      }
      const { user, sessionId } = signedIn;
      socket.data = { user: { id: user.id, name: user.name, role: user.role }, locale, sessionId };
      next();
    } catch (error) {
      console.error("socket authentication failed:", error);
      next(new Error("server_error"));
    }
  });

  const speedDating = new SpeedDatingLive(io, s, options);
  await speedDating.resume();
  const codev = new CodevLive(io, s);

  io.on("connection", (socket) => {
    void socket.join([`user:${socket.data.user.id}`, `session:${socket.data.sessionId}`]);
    handle(socket, "session:whoami", z.object({}).strict(), async () => {
      const programs = await listProgramsForUser(s, socket.data.user.id);
      return {
        user: socket.data.user,
        programs: programs.map((p) => ({ id: p.id, title: p.title })),
      };
    });
    speedDating.attach(socket);
    codev.attach(socket);
    // Coordinators watch the group solver's progress for a program they run.
    handle(
      socket,
      "formation:watch",
      z.strictObject({ programId: idSchema }),
      async ({ programId }) => {
        // Only the program's own participants learn that it exists.
        const access = await coordinatorAccess(s, socket.data.user.id, programId);
        if (access === "not_found") throw new LiveError("not_found", "errors.live.programNotFound");
        if (access === "forbidden") throw new LiveError("forbidden", "errors.live.coordinatorOnly");
        await socket.join(`program:${programId}:formation`);
        return { watching: true };
      },
    );
  });

  const unsubscribe = [
    s.solver.updates.on((programId, update) => {
      io.to(`program:${programId}:formation`).emit("solver:update", update);
    }),
    // A session that ends closes its live connections at once (in every process of a cluster,
    // through the adapter); the person's other devices stay connected.
    s.signOuts.on(({ userId, sessionIds }) => {
      const rooms = sessionIds ? sessionIds.map((id) => `session:${id}`) : [`user:${userId}`];
      if (rooms.length) io.in(rooms).disconnectSockets(true);
    }),
  ];

  return {
    stop: () => {
      for (const stop of unsubscribe) stop();
      return speedDating.stop();
    },
  };
}
