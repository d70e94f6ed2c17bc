import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "maillage-match-"));
const run = (content: unknown, args: string[] = []) => {
  const file = join(dir, `i${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  const r = spawnSync(process.execPath, ["--import", "tsx", "matching/cli.ts", file, ...args], {
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const p = (id: string, role: string, region: string, organization = `o-${id}`) => ({
  id,
  role,
  region,
  mrc: `${region}1`,
  organization,
});

describe("CLI", () => {
  it("solves a valid file: one JSON object with the contract's fields, exit 0", () => {
    const r = run({
      participants: [p("m", "mentor", "01"), p("a", "mentee", "02"), p("b", "mentee", "03")],
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      "status",
      "groups",
      "unplaced",
      "objective",
      "bound",
      "timeMs",
    ]);
    expect(out.status).toBe("optimal");
    expect(out.groups[0].members).toEqual(["m", "a", "b"]);
    expect(out.objective).toEqual({ groups: 1, score: 0 });
  });

  it("malformed file: exit 2 with one message per invalid path", () => {
    const r = run({
      policy: { mode: "solo" },
      participants: [
        { id: "m", role: "mentor", region: "1", mrc: "x", organization: "o" },
        { id: "a", role: "boss", region: "02", mrc: "x" },
      ],
      pins: [["m", "ghost"]],
    });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^policy\.mode: /),
        expect.stringMatching(/^participants\.0\.region: /),
        expect.stringMatching(/^participants\.1\.role: /),
        expect.stringMatching(/^participants\.1\.organization: /),
      ]),
    );
    expect(r.stdout).toBe("");
  });

  it("unknown ids are reported by path", () => {
    const r = run({
      participants: [p("m", "mentor", "01")],
      pins: [["m", "ghost"]],
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pins\.0\.1: .*ghost/m);
  });

  it("invalid JSON: exit 2", () => {
    const r = run("{ nope");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JSON/);
  });

  it("fixed groups that break a hard constraint: exit 2 naming them", () => {
    const r = run({
      participants: [
        p("m", "mentor", "01", "A"),
        p("a", "mentee", "02", "A"),
        p("b", "mentee", "03"),
        p("c", "mentee", "04"),
      ],
      fixedGroups: [["m", "a", "b"]],
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Fixed group #1 \[m, a, b\]: same-organization \(m, a\)$/m);
    expect(JSON.parse(r.stdout).status).toBe("infeasible");
  });

  const trio = {
    participants: [p("m", "mentor", "01"), p("a", "mentee", "02"), p("b", "mentee", "03")],
  };

  it("--time-limit SECONDS (or --time-limit=SECONDS) is accepted and the file is solved", () => {
    for (const args of [["--time-limit", "2.5"], ["--time-limit=1"]]) {
      const r = run(trio, args);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).status).toBe("optimal");
    }
  });

  it("a bad --time-limit is refused with exit 2 and a message naming the argument", () => {
    for (const value of ["abc", "0"]) {
      const r = run(trio, ["--time-limit", value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^--time-limit: /m);
      expect(r.stdout).toBe("");
    }
    const missing = run(trio, ["--time-limit"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--time-limit: a value is required$/m);
  });

  it("an unknown option or a second file is refused with exit 2, naming it", () => {
    const r = run(trio, ["--fast", "other.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--fast: unknown option$/m);
    expect(r.stderr).toMatch(/^other\.json: only one file may be given$/m);
    expect(r.stderr).toMatch(/usage: npm run -s match -- FILE\.json \[--time-limit SECONDS\]/);
  });

  it("no file: exit 2 with the usage", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "matching/cli.ts"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^FILE\.json: a file name is required$/m);
  });
});
