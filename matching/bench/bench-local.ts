/**
 * `npm run bench:local`: how long the formation page's local re-optimization takes
 * (matching/local.ts, javascript-lp-solver in its worker thread, warm as in the server). For each
 * mode and selection size (2–6 groups, plus free people up to 20 people), selections are drawn
 * from the proposals of generated programs of 62 people, under both region rules; the table gives the milliseconds of
 * `reoptimize` (sub-instance, the exact solve, explanations), p50 and p95.
 */
import { JsLpSolver } from "../solvers/jslp";
import { reoptimize, type LocalGroup } from "../local";
import { solveMatching } from "../solve";
import { generateInstance, rng } from "./generate";

const SEEDS = [1, 2, 3];
const DRAWS = 20;
const MAX_PEOPLE = 20;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function main() {
  const solver = new JsLpSolver();
  const rows: {
    mode: string;
    rule: string;
    groups: number;
    people: string;
    ms: number[];
    improved: number;
  }[] = [];
  try {
    for (const [mode, regionRule] of [
      ["mentorship", "distinct-regions"],
      ["mentorship", "distinct-mrcs"],
      ["co-development", "distinct-regions"],
      ["co-development", "distinct-mrcs"],
    ] as const) {
      const programs = [];
      for (const seed of SEEDS) {
        // 62 people: a co-development program has people left over to add to a selection.
        const instance = { ...generateInstance({ size: 62, seed, mode, regionRule }), pins: [] };
        const solved = await solveMatching(instance, { timeLimitMs: 3_000 });
        const groups: LocalGroup[] = solved.groups.map((g, i) => ({
          id: `g${i + 1}`,
          members: g.members,
        }));
        programs.push({ instance, groups, free: solved.unplaced.map((u) => u.id) });
      }
      // Warm the worker thread (the server keeps one).
      await reoptimize(
        { ...programs[0]!, selected: programs[0]!.groups.slice(0, 2).map((g) => g.id), free: [] },
        { solver },
      );
      for (let k = 2; k <= 6; k++) {
        const ms: number[] = [];
        const sizes: number[] = [];
        let improved = 0;
        for (let d = 0; d < DRAWS; d++) {
          const program = programs[d % programs.length]!;
          const r = rng(1000 * k + d);
          const pool = [...program.groups].sort(() => r() - 0.5);
          const selected = pool.slice(0, k).map((g) => g.id);
          const free = [...program.free]
            .sort(() => r() - 0.5)
            .slice(0, Math.max(0, MAX_PEOPLE - 3 * k));
          sizes.push(3 * k + free.length);
          const t0 = performance.now();
          const result = await reoptimize(
            { instance: program.instance, groups: program.groups, selected, free },
            { solver },
          );
          ms.push(performance.now() - t0);
          if (result.improved) improved++;
        }
        rows.push({
          mode,
          rule: regionRule,
          groups: k,
          people: `${Math.min(...sizes)}–${Math.max(...sizes)}`,
          ms,
          improved,
        });
      }
    }
  } finally {
    await solver.close();
  }
  console.log("| mode | region rule | selected groups | people | ms p50 | ms p95 | improved |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.mode} | ${r.rule} | ${r.groups} | ${r.people} | ${quantile(r.ms, 0.5).toFixed(0)} | ${quantile(r.ms, 0.95).toFixed(0)} | ${r.improved}/${r.ms.length} |`,
    );
  }
}

await main();
