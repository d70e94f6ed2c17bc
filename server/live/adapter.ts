/**
 * Several server processes: Socket.IO rooms and broadcasts span them through PostgreSQL
 * (@socket.io/postgres-adapter, LISTEN/NOTIFY; its table comes with the store's migrations).
 */
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Server } from "socket.io";

/**
 * Every room broadcast across processes is one `pg_notify` on this pool, and the local delivery
 * waits for it (socket.io's cluster adapter publishes first): with a few connections, a burst of
 * chat queued behind them (one of them is the LISTEN connection, checked out for good).
 */
export const ADAPTER_POOL_SIZE = 16;

/** Every process publishes at least this often (a heartbeat when it has nothing else to say). */
export const ADAPTER_HEARTBEAT_MS = 2_000;

/**
 * How long after it starts a process may not know all the others yet: each other process is known
 * from its first message, which comes within one heartbeat (and the answer to this one's first).
 */
export const CLUSTER_DISCOVERY_MS = Math.round(1.5 * ADAPTER_HEARTBEAT_MS);

export function attachPostgresAdapter(io: Server, url: string) {
  const pool = new pg.Pool({ connectionString: url, max: ADAPTER_POOL_SIZE });
  const report = (error: Error) =>
    console.error(`Socket.IO adapter: PostgreSQL error: ${error.message}`);
  pool.on("error", report);
  // The adapter's LISTEN connection is checked out for good: without a listener, its error when the
  // database goes away would stop the process. It reconnects by itself once the connection ends.
  pool.on("connect", (client) => client.on("error", report));
  io.adapter(
    createAdapter(pool, { heartbeatInterval: ADAPTER_HEARTBEAT_MS, heartbeatTimeout: 6_000 }),
  );
  return pool;
}
