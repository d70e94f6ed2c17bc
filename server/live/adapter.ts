/**
 * Several server processes: Socket.IO rooms and broadcasts span them through PostgreSQL
 * (@socket.io/postgres-adapter, LISTEN/NOTIFY; its table comes with the store's migrations).
 */
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Server } from "socket.io";

export function attachPostgresAdapter(io: Server, url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const report = (error: Error) =>
    console.error(`Socket.IO adapter: PostgreSQL error: ${error.message}`);
  pool.on("error", report);
  // The adapter's LISTEN connection is checked out for good: without a listener, its error when the
  // database goes away would stop the process. It reconnects by itself once the connection ends.
  pool.on("connect", (client) => client.on("error", report));
  io.adapter(createAdapter(pool, { heartbeatInterval: 2_000, heartbeatTimeout: 6_000 }));
  return pool;
}
