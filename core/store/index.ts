/**
 * The store and what lives beside it (the chat and audit logs, uploaded files), opened once per
 * process by createServices (core/services/index.ts); models reach them through the services they are
 * given (`s.store`, `s.chat`, `s.audit`, `s.uploads`).
 */
import { join } from "node:path";
import type pg from "pg";
import { AuditLog } from "./audit-log";
import { FileChatLog, type ChatLog } from "./chat-log";
import { LowStore } from "./lowdb-store";
import { PgAuditLog, PgChatLog } from "./pg-logs";
import { PgStore } from "./pg-store";
import type { Store } from "./types";
import { UploadDir } from "./uploads";

export * from "./types";
export type { CollectionName, EntityOf } from "./schema";
export type { ChatLog, ChatMessage } from "./chat-log";
export type { AuditEntry } from "./audit-log";
export { UploadDir } from "./uploads";

/** The audit trail's interface (JSON-lines files, or PostgreSQL). */
export type AuditTrail = Pick<AuditLog, "append" | "list" | "rewrite" | "close">;

export interface StoreConfig {
  dataDir: string;
  /** PostgreSQL instead of the lowdb file: records, chat and audit trail in the database. */
  databaseUrl?: string;
  /**
   * The first document of an empty data dir (or an empty database): the start script and the CLIs
   * pass the demo data or an empty document (server/seeds); the core imports no seed.
   */
  seed: () => Promise<unknown> | unknown;
}

export interface OpenedStore {
  store: Store;
  chat: ChatLog;
  audit: AuditTrail;
  /** Uploaded files (beside the data file, whatever the engine). */
  uploads: UploadDir;
  /** PostgreSQL's pool, for what shares it (the rate limits); undefined with lowdb. */
  pool?: pg.Pool;
}

export async function openStore(config: StoreConfig): Promise<OpenedStore> {
  const uploads = new UploadDir(join(config.dataDir, "uploads"));
  if (config.databaseUrl) {
    const store = await PgStore.open({ url: config.databaseUrl, seed: config.seed });
    const chat = new PgChatLog(store.pool);
    const audit = new PgAuditLog(store.pool);
    return { store, chat, audit, uploads, pool: store.pool };
  }
  const store = await LowStore.open({ dataDir: config.dataDir, seed: config.seed });
  const chat = new FileChatLog(join(config.dataDir, "chat"));
  const audit = new AuditLog(join(config.dataDir, "audit"));
  return { store, chat, audit, uploads };
}

/** Closes the logs, then the store (which waits for its pending writes). */
export async function closeStore(opened: Omit<OpenedStore, "uploads" | "pool">): Promise<void> {
  await opened.chat.close();
  await opened.audit.close();
  await opened.store.close();
}

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
