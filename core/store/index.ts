/**
 * The one store module. The server opens it once at start-up; models get it with getStore().
 * The instance lives on globalThis so that every copy of this module (the Remix server bundle, the
 * Express server bundle, Vite's dev reloads) shares it: one process, one writer.
 */
import { join } from "node:path";
import { closeRateLimits, openRateLimits } from "../security/rate-limits";
import { AuditLog } from "./audit-log";
import { FileChatLog, type ChatLog } from "./chat-log";
import { LowStore } from "./lowdb-store";
import { PgAuditLog, PgChatLog } from "./pg-logs";
import { PgStore } from "./pg-store";
import { demoDocument } from "../../server/seeds/demo";
import { emptyDocument } from "./schema";
import type { Store } from "./types";
import { UploadDir } from "./uploads";

export * from "./types";
export type { CollectionName, EntityOf } from "./schema";
export type { ChatLog, ChatMessage } from "./chat-log";
export type { AuditEntry } from "./audit-log";

const KEY = Symbol.for("maillage.store");
const CHAT_KEY = Symbol.for("maillage.chat-log");
const AUDIT_KEY = Symbol.for("maillage.audit-log");
const UPLOADS_KEY = Symbol.for("maillage.uploads");
/** The audit trail's interface (JSON-lines files, or PostgreSQL). */
export type AuditTrail = Pick<AuditLog, "append" | "list" | "close">;

type Holder = {
  [KEY]?: Store;
  [CHAT_KEY]?: ChatLog;
  [AUDIT_KEY]?: AuditTrail;
  [UPLOADS_KEY]?: UploadDir;
};

export interface StoreConfig {
  dataDir: string;
  /** Seed demo data into an empty data dir (or an empty database). */
  demo: boolean;
  /** PostgreSQL instead of the lowdb file: records, chat and audit trail in the database. */
  databaseUrl?: string;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const seed = () => (config.demo ? demoDocument() : emptyDocument());
  if (config.databaseUrl) {
    const store = await PgStore.open({ url: config.databaseUrl, seed });
    holder[KEY] = store;
    holder[CHAT_KEY] = new PgChatLog(store.pool);
    holder[AUDIT_KEY] = new PgAuditLog(store.pool);
    // Counted in the database: shared by every process of a cluster.
    openRateLimits(store.pool);
  } else {
    const store = await LowStore.open({ dataDir: config.dataDir, seed });
    holder[KEY] = store;
    holder[CHAT_KEY] = new FileChatLog(join(config.dataDir, "chat"));
    holder[AUDIT_KEY] = new AuditLog(join(config.dataDir, "audit"));
    openRateLimits();
  }
  const store = holder[KEY];
  holder[UPLOADS_KEY] = new UploadDir(join(config.dataDir, "uploads"));
  return store;
}

/** Uploaded files (beside the data file). */
export function getUploads(): UploadDir {
  const uploads = (globalThis as Holder)[UPLOADS_KEY];
  if (!uploads)
    throw new Error("The uploads are not open yet (openStore() runs at server start-up).");
  return uploads;
}

/** The coordinators' audit trail (append-only files beside the data file). */
export function getAuditLog(): AuditTrail {
  const log = (globalThis as Holder)[AUDIT_KEY];
  if (!log) throw new Error("The audit log is not open yet (openStore() runs at server start-up).");
  return log;
}

/** The live chat log (append-only files beside the data file). */
export function getChatLog(): ChatLog {
  const log = (globalThis as Holder)[CHAT_KEY];
  if (!log) throw new Error("The chat log is not open yet (openStore() runs at server start-up).");
  return log;
}

export function getStore(): Store {
  const store = (globalThis as Holder)[KEY];
  if (!store) throw new Error("The store is not open yet (openStore() runs at server start-up).");
  return store;
}

export async function closeStore(): Promise<void> {
  const holder = globalThis as Holder;
  const store = holder[KEY];
  if (!store) return;
  await holder[CHAT_KEY]?.close();
  await holder[AUDIT_KEY]?.close();
  closeRateLimits();
  await store.close();
  delete holder[KEY];
  delete holder[CHAT_KEY];
  delete holder[UPLOADS_KEY];
  delete holder[AUDIT_KEY];
}

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
