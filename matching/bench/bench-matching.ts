/**
 * Benchmark: `npm run bench:matching [-- --sizes 300,600 --rules distinct-mrcs --scores integer
 * --runs 3 --time 30]`, or one row: `--only 2400/distinct-mrcs/integer`.
 *
 * Rows: every size × region rule × score kind ("computed" from profiles and ratings, "integer":
 * explicit pair scores 0…5 with heavy ties, see ./generate.ts). The rule
 * `same-region-distinct-mrcs` is benchmarked only once the schema knows it (otherwise its rows
 * are skipped with a note). The time limit of a row is the reach target's for its size (5 s up
 * to 300 people, 30 s up to 1 200, 60 s above), unless `--time SECONDS` is given.
 *
 * Each run is a fresh child process (so peak memory is per run); HiGHS is loaded before the
 * clock starts (a one-time ~0.1 s per process, cached by the app). Prints a table (per row: the
 * median run by time, and the time range over the runs), then one JSON line {"rows":[…]}. Every
 * result is verified by the test checker.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { check } from "../../tests/matching/checker";
import { policySchema } from "../schema";
import { solveMatching } from "../solve";
import { loadHighs } from "../solvers/highs";
import { generateInstance, type GeneratedRule } from "./generate";

type Scores = "computed" | "integer";
const RULES: GeneratedRule[] = ["distinct-regions", "distinct-mrcs", "same-region-distinct-mrcs"];
const SCORES: Scores[] = ["integer", "computed"];

interface Run {
  size: number;
  rule: GeneratedRule;
  scores: Scores;
  triads: number;
  timeMs: number;
  groups: number;
  score: number;
  boundGroups: number;
  boundScore: number;
  gapPct: number;
  status: string;
  peakMb: number;
  checker: string;
  stats: Record<string, number>;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** The reach targets' time limits (ms). */
function targetTimeMs(size: number): number {
  return size <= 300 ? 5_000 : size <= 1200 ? 30_000 : 60_000;
}

const ruleKnown = (rule: GeneratedRule) =>
  policySchema.safeParse({ mode: "mentorship", regionRule: rule }).success;

async function one(
  size: number,
  rule: GeneratedRule,
  scores: Scores,
  seed: number,
  timeLimitMs: number,
): Promise<Run> {
  const inst = generateInstance({ size, seed, regionRule: rule, scores });
  await loadHighs();
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await solveMatching(inst, { timeLimitMs });
  const timeMs = Math.round(performance.now() - t);
  // CPU time of the solve (user + system): on a shared machine, how much work the time bought.
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const errors = check(inst, r);
  const gapPct =
    r.bound.groups === r.objective.groups && r.bound.score > 0
      ? (100 * (r.bound.score - r.objective.score)) / r.bound.score
      : r.bound.groups > r.objective.groups
        ? 100
        : 0;
  return {
    size,
    rule,
    scores,
    triads: r.diagnostics?.candidateTriads ?? 0,
    timeMs,
    groups: r.objective.groups,
    score: r.objective.score,
    boundGroups: r.bound.groups,
    boundScore: r.bound.score,
    gapPct: Math.round(gapPct * 1000) / 1000,
    status: r.status,
    peakMb,
    checker: errors.length === 0 ? "pass" : `FAIL: ${errors.slice(0, 3).join("; ")}`,
    stats: { cpuMs, ...(r.diagnostics?.stats ?? {}) },
  };
}

function median<T>(runs: T[], key: (r: T) => number): T {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  if (process.argv.includes("--one")) {
    const size = Number(arg("size", "30"));
    const rule = arg("rule", "distinct-regions") as GeneratedRule;
    const scores = arg("scores", "computed") as Scores;
    const seed = Number(arg("seed", "1"));
    const time = Number(arg("time-ms", String(targetTimeMs(size))));
    process.stdout.write(`${JSON.stringify(await one(size, rule, scores, seed, time))}\n`);
    return;
  }
  const only = arg("only", "");
  let sizes = arg("sizes", "9,15,30,60,90,150,300,600,1200,2400").split(",").map(Number);
  let rules = arg("rules", RULES.join(",")).split(",") as GeneratedRule[];
  let scoreKinds = arg("scores", SCORES.join(",")).split(",") as Scores[];
  if (only) {
    const [s, r, k] = only.split("/");
    sizes = [Number(s)];
    if (r) rules = [r as GeneratedRule];
    if (k) scoreKinds = [k as Scores];
  }
  for (const r of rules) if (!RULES.includes(r)) throw new Error(`--rules: unknown rule ${r}`);
  for (const k of scoreKinds)
    if (!SCORES.includes(k)) throw new Error(`--scores: unknown score kind ${k}`);
  if (sizes.some((s) => !Number.isInteger(s) || s < 3)) throw new Error("--sizes: integers ≥ 3");
  const runs = Number(arg("runs", "3"));
  const seed = arg("seed", "1");
  const timeArg = arg("time", "");
  const self = fileURLToPath(import.meta.url);
  const rows: (Run & { minMs: number; maxMs: number })[] = [];
  const header =
    "size  rule                       scores     triads  time ms (range)        groups  score        bound (g/score)        gap %   status    peakMB  checker";
  console.log(header);
  for (const size of sizes) {
    for (const rule of rules) {
      if (!ruleKnown(rule)) {
        console.log(`${String(size).padEnd(5)} ${rule.padEnd(26)} skipped: not in the schema yet`);
        continue;
      }
      for (const scores of scoreKinds) {
        const timeMs = timeArg ? Number(timeArg) * 1000 : targetTimeMs(size);
        const results: Run[] = [];
        for (let k = 0; k < runs; k++) {
          const child = spawnSync(
            process.execPath,
            [
              "--import",
              "tsx",
              self,
              "--one",
              ...["--size", String(size), "--rule", rule, "--scores", scores],
              ...["--seed", seed, "--time-ms", String(timeMs)],
            ],
            { encoding: "utf8", maxBuffer: 1 << 26 },
          );
          const line = child.stdout.trim().split("\n").at(-1) ?? "";
          if (child.status !== 0 || !line.startsWith("{")) {
            console.error(child.stderr);
            throw new Error(`run failed: size ${size} ${rule} ${scores}`);
          }
          results.push(JSON.parse(line) as Run);
        }
        const m = median(results, (r) => r.timeMs);
        const minMs = Math.min(...results.map((r) => r.timeMs));
        const maxMs = Math.max(...results.map((r) => r.timeMs));
        rows.push({ ...m, minMs, maxMs });
        console.log(
          [
            String(m.size).padEnd(5),
            m.rule.padEnd(26),
            m.scores.padEnd(8),
            String(m.triads).padStart(8),
            `${m.timeMs} (${minMs}–${maxMs})`.padStart(22),
            String(m.groups).padStart(7),
            String(m.score).padStart(12),
            `${m.boundGroups}/${m.boundScore}`.padStart(22),
            m.gapPct.toFixed(3).padStart(7),
            m.status.padStart(9),
            String(m.peakMb).padStart(7),
            ` ${m.checker}`,
          ].join(" "),
        );
        if (process.argv.includes("--stats")) console.log(`      ${JSON.stringify(m.stats)}`);
      }
    }
  }
  console.log(
    JSON.stringify({
      rows: rows.map((r) => ({
        size: r.size,
        rule: r.rule,
        scores: r.scores,
        triads: r.triads,
        timeMs: r.timeMs,
        minMs: r.minMs,
        maxMs: r.maxMs,
        groups: r.groups,
        score: r.score,
        boundGroups: r.boundGroups,
        boundScore: r.boundScore,
        gapPct: r.gapPct,
        status: r.status,
        peakMb: r.peakMb,
      })),
    }),
  );
}

void main();
