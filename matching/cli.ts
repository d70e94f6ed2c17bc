/**
 * CLI: `npm run -s match -- FILE.json` → one JSON object on stdout.
 * Explanations and reasons are codes with parameters (matching/reasons.ts: the codes and the
 * parameters each carries); the app words them in French and English, the CLI does not.
 * Exit codes: 0 solved; 2 malformed file (one message per invalid path) or fixed groups that
 * break a hard constraint (one line per group, naming each broken rule's code and the ids it
 * concerns); 1 unexpected error.
 */
import { readFileSync } from "node:fs";
import { formatIssues, instanceSchema } from "./schema";
import { solveMatching } from "./solve";

async function main(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file) {
    process.stderr.write("usage: npm run -s match -- FILE.json\n");
    return 2;
  }
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
  const result = await solveMatching(parsed.data);
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
