/**
 * Several server processes: Socket.IO rooms and broadcasts span them through PostgreSQL
 * (@socket.io/postgres-adapter, LISTEN/NOTIFY; its table comes with the store's migrations).
 */
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Server } from "socket.io";

export function attachPostgresAdapter(io: Server, url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", (error) =>
    console.error(`Socket.IO adapter: PostgreSQL error: ${error.message}`),
  );
  io.adapter(createAdapter(pool, { heartbeatInterval: 2_000, heartbeatTimeout: 6_000 }));
  return pool;
}
