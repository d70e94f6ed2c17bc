/** A co-development session seen from the browser: one socket, the shared view, a synced clock. */
import { useCallback, useEffect, useRef, useState } from "react";
import { io } from "socket.io-client";
import type { CodevView, Reply } from "../../../core/live/protocol";
import { emitOn, type ClientSocket } from "./useLiveEvent";

/** The session's events after the join: each answers the new view. */
export type CodevEvent =
  | "codev:command"
  | "codev:extend"
  | "codev:subject"
  | "codev:note"
  | "codev:action:add"
  | "codev:action:remove";

export function useCodev(sessionId: string, initial: CodevView) {
  const [view, setView] = useState<CodevView>(initial);
  const [connection, setConnection] = useState<"connecting" | "online" | "offline">("connecting");
  const [error, setError] = useState<string | null>(null);
  const offset = useRef(initial.serverNow - Date.now());
  const socketRef = useRef<ClientSocket | null>(null);

  const accept = useCallback((next: CodevView) => {
    offset.current = next.serverNow - Date.now();
    // A slow reply can arrive after a newer push: keep the newest session state, but always take
    // the newest presence list.
    setView((current) =>
      current.version > next.version ? { ...current, connected: next.connected } : next,
    );
  }, []);

  useEffect(() => {
    const socket: ClientSocket = io({ transports: ["websocket", "polling"] });
    socketRef.current = socket;
    socket.on("connect", () => {
      setConnection("online");
      // Joining late or after a drop: the step, the clock and the notes may have moved.
      socket.emit("codev:join", { sessionId }, (reply) => {
        if (reply.ok) {
          accept(reply.data);
          setError(null);
        } else setError(reply.error.message);
      });
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", (err: Error & { data?: { message?: string } }) => {
      setConnection("offline");
      if (err.data?.message) setError(err.data.message);
    });
    socket.on("codev:state", accept);
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [sessionId, accept]);

  const emit = useCallback(
    async (name: CodevEvent, payload: Record<string, unknown> = {}): Promise<Reply<CodevView>> => {
      const reply = await emitOn(() => socketRef.current, { sessionId })(name, payload);
      if (reply.ok) accept(reply.data);
      return reply;
    },
    [sessionId, accept],
  );

  const serverNow = useCallback(() => Date.now() + offset.current, []);
  return { view, connection, error, setError, emit, serverNow };
}

/** Milliseconds spent in the current step, ticking 4 times a second on the server's clock. */
export function useStepClock(view: CodevView, serverNow: () => number) {
  const received = useRef({ at: serverNow(), view });
  received.current = { at: view.serverNow, view };
  const compute = useCallback(() => {
    const { at, view: v } = received.current;
    return v.session.stepElapsedMs + (v.session.running ? Math.max(0, serverNow() - at) : 0);
  }, [serverNow]);
  const [elapsed, setElapsed] = useState(() => view.session.stepElapsedMs);
  useEffect(() => {
    setElapsed(compute());
    const timer = setInterval(() => setElapsed(compute()), 250);
    return () => clearInterval(timer);
  }, [view, compute]);
  return elapsed;
}
