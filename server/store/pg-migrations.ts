/**
 * Versioned migrations of the PostgreSQL store, applied in order on start (inside a transaction
 * holding an advisory lock, so two processes starting together apply each once): SQL, or a
 * function for a step of the stored document (migrations.ts) that SQL cannot say as well.
 * Append a new entry for every change; never edit an applied one.
 */
import type pg from "pg";
import { withoutBoundaryReplacements } from "./migrations";

export interface PgMigration {
  version: number;
  name: string;
  sql?: string;
  run?: (client: pg.PoolClient) => Promise<void>;
}

export const PG_MIGRATIONS: ReadonlyArray<PgMigration> = [
  {
    version: 1,
    name: "records",
    sql: `
      CREATE TABLE records (
        collection text NOT NULL,
        id text NOT NULL,
        seq bigserial NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX records_collection_seq ON records (collection, seq);
      CREATE INDEX records_data ON records USING gin (data jsonb_path_ops);
      CREATE TABLE store_meta (key text PRIMARY KEY, value jsonb NOT NULL);
    `,
  },
  {
    version: 2,
    name: "append-only logs",
    sql: `
      CREATE TABLE log_entries (
        log text NOT NULL,
        stream text NOT NULL,
        seq bigserial PRIMARY KEY,
        data jsonb NOT NULL
      );
      CREATE INDEX log_entries_stream ON log_entries (log, stream, seq);
    `,
  },
  {
    version: 3,
    name: "socket.io adapter",
    // @socket.io/postgres-adapter: payloads too large for NOTIFY go through this table.
    sql: `
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      );
    `,
  },
  {
    version: 4,
    name: "chat by room",
    // A room's history is read at each view: an index, not a scan of the event's whole chat.
    sql: `CREATE INDEX log_entries_room ON log_entries (log, stream, (data->>'roomId'), seq);`,
  },
  {
    version: 5,
    name: "document version 2: U+FFFD left by React's NUL bytes",
    // The lowdb document's 1 → 2 step (migrations.ts), record by record; a database seeded
    // later gets its schemaVersion from the seed.
    async run(client) {
      const damaged = await client.query<{ collection: string; id: string; data: unknown }>(
        "SELECT collection, id, data FROM records WHERE strpos(data::text, chr(65533)) > 0",
      );
      for (const row of damaged.rows) {
        const repaired = withoutBoundaryReplacements(row.data);
        if (JSON.stringify(repaired) === JSON.stringify(row.data)) continue;
        await client.query(
          "UPDATE records SET data = $3::jsonb WHERE collection = $1 AND id = $2",
          [row.collection, row.id, JSON.stringify(repaired)],
        );
      }
      await client.query("UPDATE store_meta SET value = '2'::jsonb WHERE key = 'schemaVersion'");
    },
  },
];
