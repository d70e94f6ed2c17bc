/**
 * The co-development runner over Socket.IO. A session's whole state is in the store (see
 * core/models/codev.server.ts); this layer checks membership on every event, applies the command and
 * pushes the new view to the session's channel `codev:<id>`. Members joining late or reconnecting
 * simply join again and get the current view.
 */
import { codevAccess, isRefusal } from "../../core/permissions";
import {
  applyCodevCommand,
  codevPeople,
  codevView,
  type CodevCommand,
  type CodevSession,
} from "../../core/models/codev.server";
import { codevLiveSchemas } from "../../core/schemas/codev";
import { handle, LiveError, type LiveSocket, type LiveServer } from "./handle";
import type { Services } from "../../core/services";

const channel = (sessionId: string) => `codev:${sessionId}`;

export class CodevLive {
  constructor(
    private readonly io: LiveServer,
    private readonly s: Services,
  ) {}

  /** Members connected to a session's channel, across the server's sockets. */
  private async connected(sessionId: string): Promise<string[]> {
    const sockets = await this.io.in(channel(sessionId)).fetchSockets();
    return sockets.flatMap((socket) => {
      const id = socket.data.codev?.[sessionId];
      return id ? [id] : [];
    });
  }

  private async publish(session: CodevSession, group: Parameters<typeof codevPeople>[1]) {
    // Someone no longer in the group (a coordinator changed it) stops receiving the session.
    const sockets = await this.io.in(channel(session.id)).fetchSockets();
    for (const socket of sockets) {
      const id = socket.data.codev?.[session.id];
      if (!id || !group.memberIds.includes(id)) socket.leave(channel(session.id));
    }
    const view = codevView(
      session,
      await codevPeople(this.s, group),
      await this.connected(session.id),
    );
    this.io.to(channel(session.id)).emit("codev:state", view);
    return view;
  }

  /** Checks that the socket's user is a member of the session's group; else not_found. */
  private async access(socket: LiveSocket, sessionId: string) {
    const access = await codevAccess(this.s, socket.data.user.id, sessionId);
    if (isRefusal(access)) throw new LiveError("not_found", "errors.live.notFound");
    return access;
  }

  private async run(
    socket: LiveSocket,
    sessionId: string,
    make: (ctx: { connected: string[]; scribeConnected: boolean }) => CodevCommand,
  ) {
    const { group, participantId, session } = await this.access(socket, sessionId);
    const connected = await this.connected(sessionId);
    const scribeConnected = Boolean(session.scribeId && connected.includes(session.scribeId));
    // A refused command (CodevError) is answered by handle(), like every DomainError.
    const updated = await applyCodevCommand(
      this.s,
      group.id,
      sessionId,
      participantId,
      make({ connected, scribeConnected }),
    );
    return this.publish(updated, group);
  }

  attach(socket: LiveSocket) {
    handle(socket, "codev:join", codevLiveSchemas.join, async ({ sessionId }) => {
      const { participantId } = await this.access(socket, sessionId);
      socket.data.codev = { ...socket.data.codev, [sessionId]: participantId };
      await socket.join(channel(sessionId));
      // Joining a running session counts the person as present (for the hour bank).
      const view = await this.run(socket, sessionId, () => ({ type: "present" }));
      return { ...view, me: participantId };
    });
    handle(
      socket,
      "codev:command",
      codevLiveSchemas.command,
      async ({ sessionId, command, step }) =>
        this.run(socket, sessionId, ({ connected }) => {
          switch (command) {
            case "start":
              return { type: "start", connected };
            case "takeover":
              return { type: "takeover", connected };
            case "next":
            case "back":
            case "end":
              return { type: command, step: step ?? -1 };
            default:
              return { type: command };
          }
        }),
    );
    handle(socket, "codev:extend", codevLiveSchemas.extend, async ({ sessionId, minutes }) =>
      this.run(socket, sessionId, () => ({ type: "extend", minutes })),
    );
    handle(socket, "codev:subject", codevLiveSchemas.subject, async ({ sessionId, text }) =>
      this.run(socket, sessionId, () => ({ type: "subject", text })),
    );
    handle(socket, "codev:note", codevLiveSchemas.note, async ({ sessionId, step, text }) =>
      this.run(socket, sessionId, ({ scribeConnected }) => ({
        type: "note",
        step,
        text,
        scribeConnected,
      })),
    );
    handle(socket, "codev:action:add", codevLiveSchemas.actionAdd, async ({ sessionId, title }) =>
      this.run(socket, sessionId, () => ({ type: "action-add", title })),
    );
    handle(
      socket,
      "codev:action:remove",
      codevLiveSchemas.actionRemove,
      async ({ sessionId, itemId }) =>
        this.run(socket, sessionId, () => ({ type: "action-remove", itemId })),
    );
    socket.on("disconnect", () => {
      // The others see who left (the facilitator's absence allows a takeover).
      for (const sessionId of Object.keys(socket.data.codev ?? {})) {
        void codevAccess(this.s, socket.data.user.id, sessionId)
          .then((access) =>
            isRefusal(access) ? undefined : this.publish(access.session, access.group),
          )
          .catch(() => undefined);
      }
    });
  }
}
