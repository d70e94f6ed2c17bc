/**
 * Environment variables, validated with zod once at start-up. The result is handed on (the core's
 * part as `CoreConfig`, core/services/index.ts); nothing reads or writes `process.env` elsewhere, but for
 * the CLIs' own arguments (server/cli/env.ts).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { z } from "zod";
import { DEMO_PRIVACY_OFFICER } from "../core/data/privacy";
import type { CoreConfig } from "../core/services";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  /** PostgreSQL instead of the embedded lowdb file (postgres://user:password@host:port/db). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "a postgres:// or postgresql:// URL")
    .optional(),
  SESSION_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /** "0" seeds an empty data dir without the demo program and accounts. */
  MAILLAGE_DEMO: z.enum(["0", "1"]).default("1"),
  /** Comma-separated emails whose sign-up makes a coordinator account. */
  MAILLAGE_COORDINATOR_EMAILS: z.string().default(""),
  /**
   * Comma-separated emails of administrators: they grant and revoke the coordinator role in the
   * app (the first account of an empty install is one too). Their sign-up makes a coordinator.
   */
  MAILLAGE_ADMIN_EMAILS: z.string().default(""),
  /** Public address, e.g. https://maillage.exemple.org: links in emails; https turns on secure cookies. */
  PUBLIC_URL: z.url().optional(),
  /** Meeting reminders go out this many hours before a meeting, checked every few minutes. */
  MAILLAGE_REMINDER_HOURS: z.coerce.number().int().min(1).max(336).default(48),
  MAILLAGE_REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** SMTP delivery; without SMTP_HOST, emails are kept in the app's outbox (never sent). */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(["0", "1"]).default("0"),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().default("Maillage <no-reply@maillage.local>"),
  /** The outbox worker looks for due messages this often (a cluster's other processes' too). */
  MAILLAGE_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** The first retry after a failed send; each next one doubles, up to the maximum. */
  MAILLAGE_MAIL_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  MAILLAGE_MAIL_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /**
   * The person in charge of personal information, published on the privacy page (/privacy): their
   * title and how to reach them (an e-mail address, a telephone number or a postal address).
   */
  MAILLAGE_PRIVACY_OFFICER_TITLE: z
    .string()
    .trim()
    .min(2)
    .max(160)
    .default(DEMO_PRIVACY_OFFICER.title),
  MAILLAGE_PRIVACY_OFFICER_CONTACT: z
    .string()
    .trim()
    .min(3)
    .max(200)
    .refine((v) => !v.includes("@") || z.email().safeParse(v).success, "a valid e-mail address")
    .default(DEMO_PRIVACY_OFFICER.contact),
  /** "1" (bench:live --timings): each step of a speed-dating round switch on stderr. */
  MAILLAGE_LIVE_TIMINGS: z.enum(["0", "1"]).default("0"),
});

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  const e = result.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    demo: e.MAILLAGE_DEMO === "1",
    coordinatorEmails: e.MAILLAGE_COORDINATOR_EMAILS.split(","),
    adminEmails: e.MAILLAGE_ADMIN_EMAILS.split(","),
    publicUrl: e.PUBLIC_URL,
    liveTimings: e.MAILLAGE_LIVE_TIMINGS === "1",
    privacyOfficer: {
      title: e.MAILLAGE_PRIVACY_OFFICER_TITLE,
      contact: e.MAILLAGE_PRIVACY_OFFICER_CONTACT,
    },
    reminders: {
      hours: e.MAILLAGE_REMINDER_HOURS,
      intervalMs: e.MAILLAGE_REMINDER_INTERVAL_SECONDS * 1000,
    },
    outbox: {
      intervalMs: e.MAILLAGE_MAIL_INTERVAL_SECONDS * 1000,
      baseDelayMs: e.MAILLAGE_MAIL_RETRY_SECONDS * 1000,
      maxDelayMs: Math.max(e.MAILLAGE_MAIL_RETRY_SECONDS, e.MAILLAGE_MAIL_RETRY_MAX_SECONDS) * 1000,
    },
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE === "1",
          user: e.SMTP_USER,
          pass: e.SMTP_PASS,
          from: e.SMTP_FROM,
        }
      : undefined,
  };
}

/** The core's part of the configuration, with the session secret (see ensureSessionSecret). */
export function coreConfigOf(config: Config, sessionSecret: string): CoreConfig {
  return {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    publicUrl: config.publicUrl,
    coordinatorEmails: config.coordinatorEmails,
    adminEmails: config.adminEmails,
    sessionSecret,
    // An https address: the session cookie never travels in clear.
    secureCookies: config.publicUrl?.startsWith("https://") ?? false,
    smtp: config.smtp,
    privacyOfficer: config.privacyOfficer,
  };
}

/** SESSION_SECRET, else a random secret generated once and kept in the data dir. */
export async function ensureSessionSecret(config: Config): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  await mkdir(config.dataDir, { recursive: true });
  const file = join(config.dataDir, "session-secret");
  try {
    const secret = (await readFile(file, "utf8")).trim();
    if (secret.length >= 32) return secret;
    throw new ConfigError(`${file}: the session secret is shorter than 32 characters`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(32).toString("hex");
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}
