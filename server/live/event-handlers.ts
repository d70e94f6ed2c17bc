/**
 * The speed-dating events a browser sends: join, chat, the room's shared note, ratings and the
 * coordinators' console. Each checks who may do it (core/permissions/index.ts at join, then the access
 * kept on the socket) and calls the models; server/live/speed-dating.ts keeps the live state.
 *
 * Channels: `evt:<id>` everyone, `evt:<id>:console` coordinators, `evt:<id>:p:<participant>` the
 * sockets of one person, `evt:<id>:room:<roomId>` a room of the current round.
 */
import { isDomainErrorNamed } from "../../core/errors";
import { formatNumber } from "../../core/i18n";
import { NOTE_MAX_LENGTH } from "../../core/data/room-note";
import { sendChat } from "../../core/models/chat.server";
import { applyCommand, arrivedLate, rate, seatLate } from "../../core/models/event.server";
import { eventAccess, isRefusal } from "../../core/permissions";
import { liveSchemas } from "../../core/schemas/event";
import { handle, LiveError, type LiveSocket } from "./handle";
import { NoteRefused } from "./room-note";
import type { SpeedDatingLive } from "./speed-dating";

/** The access this socket was given when it joined the event. */
function joined(socket: LiveSocket, eventId: string) {
  const cached = socket.data.events?.[eventId];
  if (cached) return cached;
  throw new LiveError("not_in_event", "errors.live.notInEvent");
}

export function attachEventHandlers(live: SpeedDatingLive, socket: LiveSocket) {
  const s = live.s;

  handle(socket, "event:join", liveSchemas.join, async ({ eventId }) => {
    const access = await eventAccess(s, socket.data.user.id, eventId);
    if (isRefusal(access)) throw new LiveError("not_in_event", "errors.live.notInEvent");
    const { participantId, coordinator } = access;
    socket.data.events = { ...socket.data.events, [eventId]: { participantId, coordinator } };
    const prefix = `evt:${eventId}`;
    const known = (await live.cached(eventId)) ?? access.event;
    await socket.join(prefix);
    if (coordinator) {
      await socket.join(`${prefix}:console`);
      // Soon the whole list of who is connected, on every process.
      live.publishConsoleSoon(eventId);
    }
    if (participantId) {
      await socket.join(`${prefix}:p:${participantId}`);
      live.presence.arrive(eventId, participantId, socket.id);
      const room = live.roomNow(eventId, participantId);
      if (room) await socket.join(`${prefix}:room:${room.id}`);
      live.publishConsoleSoon(eventId);
      // Arrived while a round is played: they wait this round, and everyone (the console, the
      // others' head count, in every process) learns it from the new revision.
      const now = live.known(eventId) ?? known;
      if (arrivedLate(now, participantId)) {
        const seated = await seatLate(s, eventId, participantId);
        if (seated) await live.publish(seated);
      }
    }
    // The newest revision known now (a push may have moved this socket meanwhile; the client
    // keeps whichever view has the higher version).
    return live.viewFor(live.known(eventId) ?? known, participantId, coordinator);
  });

  handle(socket, "chat:send", liveSchemas.chat, async ({ eventId, roomId, text }) => {
    const access = joined(socket, eventId);
    return sendChat(
      s,
      { eventId, roomId, authorId: access.participantId ?? "", text },
      {
        /** This person sits in that room now and the round is not over. */
        check: async () => {
          const event = live.known(eventId);
          const room = live.roomNow(eventId, access.participantId);
          if (!event || !room || room.id !== roomId)
            throw new LiveError("not_in_room", "errors.live.notInRoom");
          const now = Date.now();
          // The round is over for everyone at the shared deadline, even if the switch reaches
          // this process a moment later: a message then could reach a room its mates left.
          if (event.status === "running" && event.deadline && now >= Date.parse(event.deadline))
            throw new LiveError("round_over", "errors.live.notNow");
          const people = await live.people(event);
          const authorName = people.get(access.participantId!)?.name ?? "?";
          return { round: event.currentRound, authorName, now };
        },
        // Delivered first, then saved: the room is looked up before any await that could race a
        // switch.
        deliver: (message) => live.chat.deliver(message),
      },
    );
  });

  // The room's shared note: only the people sitting in that room now, as for its chat.
  const inRoom = (eventId: string, roomId: string) => {
    const access = joined(socket, eventId);
    const room = live.roomNow(eventId, access.participantId);
    if (!room || room.id !== roomId) throw new LiveError("not_in_room", "errors.live.notInRoom");
    return access.participantId!;
  };
  /** A refused Yjs message: named like a payload zod refused, or the note is full. */
  const refused =
    (field: "stateVector" | "update") =>
    (error: unknown): never => {
      if (!(error instanceof NoteRefused)) throw error;
      if (error.reason === "malformed")
        throw new LiveError("invalid_payload", "errors.invalidPayload", { field });
      throw new LiveError("note_full", "errors.live.noteFull", {
        max: formatNumber(socket.data.locale, NOTE_MAX_LENGTH),
      });
    };

  handle(socket, "note:sync", liveSchemas.noteSync, async ({ eventId, roomId, stateVector }) => {
    inRoom(eventId, roomId);
    return live.notes.sync(eventId, roomId, stateVector).catch(refused("stateVector"));
  });

  handle(socket, "note:update", liveSchemas.noteUpdate, async ({ eventId, roomId, update }) => {
    const participantId = inRoom(eventId, roomId);
    await live.notes
      .update(eventId, roomId, update, { socketId: socket.id, participantId })
      .catch(refused("update"));
    return { saved: true };
  });

  handle(socket, "rating:submit", liveSchemas.rating, async (input) => {
    const access = joined(socket, input.eventId);
    if (!access.participantId) throw new LiveError("not_in_event", "errors.live.notInEvent");
    try {
      const rating = await rate(s, {
        eventId: input.eventId,
        round: input.round,
        from: access.participantId,
        to: input.toParticipantId,
        answer: input.answer,
        note: input.note,
      });
      // After the commit: the two people's mutual matches, each on their own page (the rater's
      // before this answer). A failure there does not undo the saved rating.
      await live
        .publishMatches(input.eventId, [access.participantId, input.toParticipantId])
        .catch((error: unknown) => console.error("matches update failed", error));
      return {
        round: rating.round,
        toParticipantId: rating.toParticipantId,
        answer: rating.answer,
      };
    } catch (error) {
      if (isDomainErrorNamed(error, "RatingNotAllowedError"))
        throw new LiveError("not_met", "errors.live.notMet");
      throw error;
    }
  });

  handle(socket, "console:command", liveSchemas.command, async (input) => {
    const { eventId, command, revision } = input;
    const access = joined(socket, eventId);
    if (!access.coordinator) throw new LiveError("forbidden", "errors.live.coordinatorOnly");
    try {
      const present = await live.presence.everywhere(eventId);
      // The revision the console showed: a repeated command is refused, not applied twice.
      const event = await applyCommand(
        s,
        eventId,
        command,
        present,
        Date.now(),
        undefined,
        revision,
      );
      await live.publish(event);
      return { status: event.status, currentRound: event.currentRound };
    } catch (error) {
      if (isDomainErrorNamed(error, "EventCommandError")) {
        throw new LiveError(
          error.code,
          error.code === "no-participants" ? "errors.live.needTwo" : "errors.live.notNow",
        );
      }
      throw error;
    }
  });

  socket.on("disconnect", () => {
    for (const [eventId, access] of Object.entries(socket.data.events ?? {})) {
      if (!access.participantId) continue;
      live.presence.leave(eventId, access.participantId, socket.id);
      live.publishConsoleSoon(eventId);
    }
  });
}
