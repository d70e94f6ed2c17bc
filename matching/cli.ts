/**
 * CLI: `npm run -s match -- FILE.json [--time-limit SECONDS]` → one JSON object on stdout.
 * Explanations and reasons are codes with parameters (matching/reasons.ts: the codes and the
 * parameters each carries); the app words them in French and English, the CLI does not.
 * `--time-limit` (seconds, default 60) bounds the search; the answer is then the best solution
 * found with its proven bound (status "feasible" when optimality is not proven in time).
 * Exit codes: 0 solved; 2 bad arguments (a message naming the argument), malformed file (one
 * message per invalid path) or fixed groups that break a hard constraint (one line per group,
 * naming each broken rule's code and the ids it concerns); 1 unexpected error.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { formatIssues, instanceSchema } from "./schema";
import { DEFAULT_TIME_LIMIT_MS, solveMatching } from "./solve";

const USAGE = "usage: npm run -s match -- FILE.json [--time-limit SECONDS]";

/** The command line, once parsed: the file and the time limit in seconds. */
const argsSchema = z.object({
  file: z.string({ error: "FILE.json: a file name is required" }).min(1),
  timeLimit: z.coerce
    .number({ error: "--time-limit: a number of seconds is expected" })
    .positive({ error: "--time-limit: a positive number of seconds is expected" })
    .max(86_400, { error: "--time-limit: at most 86400 seconds (one day)" })
    .default(DEFAULT_TIME_LIMIT_MS / 1000),
});

/** Splits argv into the schema's shape; unknown options and extra files are errors. */
function parseArgs(argv: string[]): { ok: true; file: string; timeLimit: number } | string[] {
  const raw: { file?: string; timeLimit?: string } = {};
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--time-limit" || a.startsWith("--time-limit=")) {
      const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (value === undefined || value === "") errors.push("--time-limit: a value is required");
      else raw.timeLimit = value;
    } else if (a.startsWith("--")) errors.push(`${a}: unknown option`);
    else if (raw.file === undefined) raw.file = a;
    else errors.push(`${a}: only one file may be given`);
  }
  if (errors.length > 0) return errors;
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => i.message);
  return { ok: true, ...parsed.data };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (Array.isArray(args)) {
    for (const line of args) process.stderr.write(`${line}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { file, timeLimit } = args;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    process.stderr.write(`${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = instanceSchema.safeParse(raw);
  if (!parsed.success) {
    for (const line of formatIssues(parsed.error)) process.stderr.write(`${line}\n`);
    return 2;
  }
  const result = await solveMatching(parsed.data, { timeLimitMs: timeLimit * 1000 });
  const { status, groups, unplaced, objective, bound, timeMs, violations } = result;
  const out =
    status === "infeasible"
      ? { status, groups, unplaced, objective, bound, timeMs, violations }
      : { status, groups, unplaced, objective, bound, timeMs };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  if (status === "infeasible") {
    for (const v of violations ?? []) {
      const problems = v.problems.map((p) => `${p.code} (${p.ids.join(", ")})`).join("; ");
      process.stderr.write(`Fixed group #${v.index + 1} [${v.group.join(", ")}]: ${problems}\n`);
    }
    return 2;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
