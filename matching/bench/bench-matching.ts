/**
 * Benchmark: `npm run bench:matching [-- --sizes 9,15 --runs 3 --time 60000]`.
 * Each run is a fresh child process (so peak memory is per run); HiGHS is loaded before the
 * clock starts (a one-time ~0.1 s per process, cached by the app). Prints a table, then one
 * JSON line: {"rows":[{size, rule, triads, timeMs, groups, score, boundScore, gapPct, status,
 * peakMb}]}. Every result is verified by the test checker.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { check } from "../../tests/matching/checker";
import { solveMatching } from "../solve";
import { loadHighs } from "../solvers/highs";
import { generateInstance } from "./generate";

type Rule = "distinct-regions" | "distinct-mrcs";

interface Run {
  size: number;
  rule: Rule;
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
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function one(size: number, rule: Rule, seed: number, timeLimitMs: number): Promise<Run> {
  const inst = generateInstance({ size, seed, regionRule: rule });
  await loadHighs();
  const t = performance.now();
  const r = await solveMatching(inst, { timeLimitMs });
  const timeMs = Math.round(performance.now() - t);
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
    triads: r.diagnostics?.candidateTriads ?? 0,
    timeMs,
    groups: r.objective.groups,
    score: r.objective.score,
    boundGroups: r.bound.groups,
    boundScore: r.bound.score,
    gapPct: Math.round(gapPct * 1000) / 1000,
    status: r.status,
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
    checker: errors.length === 0 ? "pass" : `FAIL: ${errors.slice(0, 3).join("; ")}`,
  };
}

function median<T>(runs: T[], key: (r: T) => number): T {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  if (process.argv.includes("--one")) {
    const size = Number(arg("size", "30"));
    const rule = arg("rule", "distinct-regions") as Rule;
    const seed = Number(arg("seed", "1"));
    const time = Number(arg("time", "60000"));
    process.stdout.write(`${JSON.stringify(await one(size, rule, seed, time))}\n`);
    return;
  }
  const sizes = arg("sizes", "9,15,30,60,90,150,300,600,1200").split(",").map(Number);
  const runs = Number(arg("runs", "3"));
  const time = arg("time", "60000");
  const self = fileURLToPath(import.meta.url);
  const rows: Run[] = [];
  const header =
    "size  rule              triads   time(ms)  groups  score       bound            gap%    status    peakMb  checker";
  console.log(header);
  for (const size of sizes) {
    for (const rule of ["distinct-regions", "distinct-mrcs"] as const) {
      const results: Run[] = [];
      for (let k = 0; k < runs; k++) {
        const child = spawnSync(
          process.execPath,
          [
            "--import",
            "tsx",
            self,
            "--one",
            "--size",
            String(size),
            "--rule",
            rule,
            "--seed",
            "1",
            "--time",
            time,
          ],
          { encoding: "utf8", maxBuffer: 1 << 26 },
        );
        const line = child.stdout.trim().split("\n").at(-1) ?? "";
        if (child.status !== 0 || !line.startsWith("{")) {
          console.error(child.stderr);
          throw new Error(`run failed: size ${size} ${rule}`);
        }
        results.push(JSON.parse(line) as Run);
      }
      const m = median(results, (r) => r.timeMs);
      rows.push(m);
      console.log(
        [
          String(m.size).padEnd(5),
          m.rule.padEnd(17),
          String(m.triads).padStart(7),
          String(m.timeMs).padStart(10),
          String(m.groups).padStart(7),
          String(m.score).padStart(11),
          `${m.boundGroups}/${m.boundScore}`.padStart(16),
          m.gapPct.toFixed(3).padStart(7),
          m.status.padStart(9),
          String(m.peakMb).padStart(7),
          ` ${m.checker}`,
        ].join(" "),
      );
    }
  }
  console.log(
    JSON.stringify({
      rows: rows.map((r) => ({
        size: r.size,
        rule: r.rule,
        triads: r.triads,
        timeMs: r.timeMs,
        groups: r.groups,
        score: r.score,
        boundScore: r.boundScore,
        gapPct: r.gapPct,
        status: r.status,
        peakMb: r.peakMb,
      })),
    }),
  );
}

void main();
