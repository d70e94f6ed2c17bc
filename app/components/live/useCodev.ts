/** A co-development session seen from the browser: one socket, the shared view, a synced clock. */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { CodevView } from "../../../core/models/codev.server";

type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export function useCodev(sessionId: string, initial: CodevView) {
  const [view, setView] = useState<CodevView>(initial);
  const [connection, setConnection] = useState<"connecting" | "online" | "offline">("connecting");
  const [error, setError] = useState<string | null>(null);
  const offset = useRef(initial.serverNow - Date.now());
  const socketRef = useRef<Socket | null>(null);

  const accept = useCallback((next: CodevView) => {
    offset.current = next.serverNow - Date.now();
    // A slow reply can arrive after a newer push: keep the newest session state, but always take
    // the newest presence list.
    setView((current) =>
      current.version > next.version ? { ...current, connected: next.connected } : next,
    );
  }, []);

  useEffect(() => {
    const socket = io({ transports: ["websocket", "polling"] });
    socketRef.current = socket;
    socket.on("connect", () => {
      setConnection("online");
      // Joining late or after a drop: the step, the clock and the notes may have moved.
      socket.emit("codev:join", { sessionId }, (reply: Reply<CodevView>) => {
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
    (name: string, payload: Record<string, unknown> = {}) =>
      new Promise<Reply<CodevView>>((resolve) => {
        const socket = socketRef.current;
        if (!socket?.connected) {
          resolve({ ok: false, error: { code: "offline", message: "" } });
          return;
        }
        socket
          .timeout(10_000)
          .emit(name, { sessionId, ...payload }, (err: Error | null, reply: Reply<CodevView>) => {
            const result: Reply<CodevView> = err
              ? { ok: false, error: { code: "timeout", message: "" } }
              : reply;
            if (result.ok) accept(result.data);
            resolve(result);
          });
      }),
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
