/**
 * Versioned SQL migrations of the PostgreSQL store, applied in order on start (inside a
 * transaction holding an advisory lock, so two processes starting together apply each once).
 * Append a new entry for every change; never edit an applied one.
 */
export const PG_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
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
    name: "rate limits",
    // rate-limiter-flexible's RateLimiterPostgres (core/security/rate-limits.ts): one row per
    // limit and key (the key is text: an email can be longer than the library's varchar(255)),
    // its count and when its window ends (ms since 1970). Created here rather than by the library
    // at run time, where its first requests would fail until the table exists.
    sql: `
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
      CREATE INDEX rate_limits_expire ON rate_limits (expire);
    `,
  },
];
