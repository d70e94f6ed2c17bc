/**
 * The environment variables the CLIs read beside their arguments, parsed once with zod: the data
 * dir (db:backup, db:restore) and the database URL (db:restore's hint, db:copy-to-postgres's
 * default target). db:reset and db:backup read the server's settings (server/config.ts).
 */
import { z } from "zod";

const cliEnvSchema = z.object({
  DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().optional(),
});

export type CliEnv = z.infer<typeof cliEnvSchema>;

export function cliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  return cliEnvSchema.parse(env);
}
