/** Command-line arguments of db:backup and db:restore, validated with zod. */
import { resolve } from "node:path";
import { z } from "zod";
import { cliEnv, type CliEnv } from "./env";

/** The arguments are wrong: the message says which, and the command exits with code 2. */
export class UsageError extends Error {}

const path = (what: string) =>
  z.string(`${what} is required`).trim().min(1, `${what} must not be empty`);

export const backupArgsSchema = z.strictObject(
  {
    out: path("--out DIR").default("backups"),
    "data-dir": path("--data-dir DIR").optional(),
  },
  "unknown option (use --out DIR|FILE.tar.gz, --data-dir DIR)",
);

export const restoreArgsSchema = z.strictObject(
  {
    file: path("the backup FILE (npm run db:restore -- FILE)").refine(
      (f) => f.endsWith(".tar.gz"),
      "the backup FILE must be a .tar.gz written by npm run db:backup",
    ),
    "data-dir": path("--data-dir DIR").optional(),
  },
  "unknown option (use FILE [--data-dir DIR])",
);

/**
 * `--name value`, `--name=value` and (for `positional`) one bare argument, into an object that the
 * schema then validates; every problem is a UsageError naming the argument.
 */
export function parseArgs<S extends z.ZodType>(
  argv: string[],
  schema: S,
  positional?: string,
): z.infer<S> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (flag) {
      const value = flag[2] ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${flag[1]} needs a value`);
      if (flag[1]! in out) throw new UsageError(`--${flag[1]} is given twice`);
      out[flag[1]!] = value;
    } else if (positional && !(positional in out) && !arg.startsWith("-")) {
      out[positional] = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  const parsed = schema.safeParse(out);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.length ? String(issue.path[0]) : undefined;
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => `--${k}`) : [];
    throw new UsageError(
      keys.length
        ? `${issue.message}: ${keys.join(", ")}`
        : name && name !== positional
          ? `--${name}: ${issue.message}`
          : issue.message,
    );
  }
  return parsed.data;
}

/** The data dir: --data-dir, else DATA_DIR, else ./data (as the server). */
export function dataDirOf(flag: string | undefined, env: CliEnv = cliEnv()) {
  return resolve(flag ?? env.DATA_DIR ?? "./data");
}
