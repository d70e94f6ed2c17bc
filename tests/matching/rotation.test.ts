/**
 * Facilitator rotation: the guarantees checked over many seeded random series (both
 * modes), then small hand-made cases (themes, individual meetings, fixed facilitators, history,
 * swaps, invalid input). The property checks recount everything independently of the module.
 */
import { describe, expect, it } from "vitest";
import {
  facilitationCounts,
  rotateFacilitators,
  swapTurns,
  type RotationInput,
  type RotationMeeting,
  type RotationMember,
  type RotationMode,
} from "../../matching/rotation";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THEMES = ["financement", "gouvernance", "rh", "communication", "benevolat"];
const IDS = ["A", "B", "C", "D"];

interface Series {
  members: RotationMember[];
  ids: string[];
  meetings: RotationMeeting[];
}

/** 2–4 members (exactly 3 if `three`), 1–20 collective meetings, random themes and expertise. */
function randomSeries(
  r: () => number,
  mode: RotationMode,
  opts: { three?: boolean; mentor?: boolean } = {},
): Series {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const size = opts.three ? 3 : 2 + Math.floor(r() * 3);
  const ids = IDS.slice(0, size);
  const mentorAt = opts.mentor ? Math.floor(r() * size) : -1;
  const members: RotationMember[] = ids.map((id, i) => ({
    id,
    role: mode === "co-development" ? "peer" : i === mentorAt ? "mentor" : "mentee",
    expertise: THEMES.filter(() => r() < 0.35),
  }));
  const meetings: RotationMeeting[] = Array.from({ length: 1 + Math.floor(r() * 20) }, (_, k) =>
    r() < 0.8 ? { id: `s${k}`, theme: pick(THEMES) } : { id: `s${k}` },
  );
  return { members, ids, meetings };
}

/** Any sequence of ids (repeats allowed, sometimes a former member "Z"). */
function arbitraryHistory(r: () => number, ids: readonly string[]): string[] {
  return Array.from({ length: Math.floor(r() * 8) }, () =>
    r() < 0.1 ? "Z" : ids[Math.floor(r() * ids.length)]!,
  );
}

/** A history that was itself fair: every step one of the least-used members, never twice in a row. */
function balancedHistory(r: () => number, ids: readonly string[]): string[] {
  const counts = new Map(ids.map((id) => [id, 0]));
  const out: string[] = [];
  const length = Math.floor(r() * 10);
  for (let k = 0; k < length; k++) {
    const min = Math.min(...counts.values());
    const options = ids.filter((id) => counts.get(id) === min && id !== out[out.length - 1]);
    const id = options[Math.floor(r() * options.length)]!;
    counts.set(id, counts.get(id)! + 1);
    out.push(id);
  }
  return out;
}

function countsOf(ids: readonly string[], seq: readonly string[]): Map<string, number> {
  const m = new Map(ids.map((id) => [id, 0]));
  for (const id of seq) if (m.has(id)) m.set(id, m.get(id)! + 1);
  return m;
}

/** Largest max − min spread of the counts over every prefix of `seq` after its first `from` items. */
function worstSpread(ids: readonly string[], seq: readonly string[], from = 0): number {
  let worst = 0;
  for (let k = Math.max(from, 1); k <= seq.length; k++) {
    const c = [...countsOf(ids, seq.slice(0, k)).values()];
    worst = Math.max(worst, Math.max(...c) - Math.min(...c));
  }
  return worst;
}

const SERIES = 500;

describe("rotateFacilitators: guarantees over random series", () => {
  it("never the same facilitator twice in a row (history included), both modes", () => {
    const r = mulberry32(1);
    for (let s = 0; s < SERIES; s++) {
      const mode: RotationMode = s % 2 === 0 ? "mentorship" : "co-development";
      const { members, ids, meetings } = randomSeries(r, mode, { mentor: r() < 0.5 });
      const history = arbitraryHistory(r, ids);
      const mentorWeight = 1 + Math.floor(r() * 5);
      const out = rotateFacilitators({ mode, members, meetings, history, mentorWeight });
      const label = `series ${s}: ${mode} ${JSON.stringify({ history, out })}`;
      expect(out, label).toHaveLength(meetings.length);
      for (const id of out) expect(ids, label).toContain(id);
      const seq = [...history, ...out];
      for (let k = history.length; k < seq.length; k++) {
        if (k > 0) expect(seq[k], label).not.toBe(seq[k - 1]);
      }
    }
  });

  it("equal weights: counts differ by at most 1 at every prefix", () => {
    const r = mulberry32(2);
    for (let s = 0; s < SERIES; s++) {
      const variant = s % 3;
      if (variant === 0) {
        // Co-development with any history: the new meetings alone stay balanced.
        const { members, ids, meetings } = randomSeries(r, "co-development");
        const history = arbitraryHistory(r, ids);
        const out = rotateFacilitators({ mode: "co-development", members, meetings, history });
        expect(worstSpread(ids, out), `series ${s}: ${out.join("")}`).toBeLessThanOrEqual(1);
      } else {
        // Mentorship with mentorWeight 1, or no mentor at all: balanced over history + series.
        const { members, ids, meetings } = randomSeries(r, "mentorship", {
          mentor: variant === 1,
        });
        const history = balancedHistory(r, ids);
        const out = rotateFacilitators({
          mode: "mentorship",
          members,
          meetings,
          history,
          ...(variant === 1 ? { mentorWeight: 1 } : {}),
        });
        const seq = [...history, ...out];
        expect(
          worstSpread(ids, seq, history.length),
          `series ${s}: ${history.join("")}|${out.join("")}`,
        ).toBeLessThanOrEqual(1);
      }
    }
  });

  it("mentorship, mentorWeight 2, three members: the mentor facilitates about half, mentees within 1", () => {
    const r = mulberry32(3);
    for (let s = 0; s < SERIES; s++) {
      const { members, ids, meetings } = randomSeries(r, "mentorship", {
        three: true,
        mentor: true,
      });
      const mentor = members.find((m) => m.role === "mentor")!.id;
      const mentees = ids.filter((id) => id !== mentor);
      // History: an earlier part of the same series, rotated by the same rules (or none).
      const earlier = s % 2 === 0 ? [] : randomSeries(r, "mentorship").meetings;
      const history = rotateFacilitators({ mode: "mentorship", members, meetings: earlier });
      const out = rotateFacilitators({ mode: "mentorship", members, meetings, history });
      const seq = [...history, ...out];
      for (let k = 1; k <= seq.length; k++) {
        const c = countsOf(ids, seq.slice(0, k));
        const label = `series ${s}, prefix ${k}: ${seq.join("")}`;
        expect(Math.abs(c.get(mentor)! - Math.round(k / 2)), label).toBeLessThanOrEqual(1);
        expect(Math.abs(c.get(mentees[0]!)! - c.get(mentees[1]!)!), label).toBeLessThanOrEqual(1);
      }
    }
  });

  it("co-development: exactly the cycle of the members' order, continuing after the history", () => {
    const r = mulberry32(4);
    for (let s = 0; s < SERIES; s++) {
      const { members, ids, meetings } = randomSeries(r, "co-development");
      const history = arbitraryHistory(r, ids);
      const out = rotateFacilitators({ mode: "co-development", members, meetings, history });
      const last = [...history].reverse().find((id) => ids.includes(id));
      const start = last === undefined ? 0 : (ids.indexOf(last) + 1) % ids.length;
      const expected = meetings.map((_, k) => ids[(start + k) % ids.length]!);
      expect(out, `series ${s}: history ${history.join("")}`).toEqual(expected);
    }
  });

  it("mentorship: rotating in two calls (the first as history) gives the same series", () => {
    const r = mulberry32(5);
    for (let s = 0; s < SERIES; s++) {
      const { members, meetings } = randomSeries(r, "mentorship", { mentor: r() < 0.7 });
      const mentorWeight = 1 + r() * 4;
      const whole = rotateFacilitators({ mode: "mentorship", members, meetings, mentorWeight });
      const cut = Math.floor(r() * (meetings.length + 1));
      const first = rotateFacilitators({
        mode: "mentorship",
        members,
        meetings: meetings.slice(0, cut),
        mentorWeight,
      });
      const rest = rotateFacilitators({
        mode: "mentorship",
        members,
        meetings: meetings.slice(cut),
        history: first,
        mentorWeight,
      });
      expect([...first, ...rest], `series ${s}, cut ${cut}`).toEqual(whole);
    }
  });

  it("individual meetings and fixed facilitators: attendees only, fixed kept, repeats only when forced", () => {
    const r = mulberry32(6);
    for (let s = 0; s < SERIES; s++) {
      const mode: RotationMode = s % 2 === 0 ? "mentorship" : "co-development";
      const { members, ids, meetings: base } = randomSeries(r, mode, { mentor: true });
      const meetings: RotationMeeting[] = base.map((m) => {
        const out: RotationMeeting = { ...m };
        if (r() < 0.4) {
          const subset = ids.filter(() => r() < 0.5);
          out.participantIds = subset.length > 0 ? subset : [ids[0]!];
        }
        const present = out.participantIds ?? ids;
        if (r() < 0.2) out.fixedFacilitatorId = present[Math.floor(r() * present.length)]!;
        return out;
      });
      const history = arbitraryHistory(r, ids);
      const out = rotateFacilitators({ mode, members, meetings, history });
      meetings.forEach((m, k) => {
        const label = `series ${s} (${mode}), meeting ${k}: ${JSON.stringify({ meetings, history, out })}`;
        const present = m.participantIds ?? ids;
        expect(present, label).toContain(out[k]);
        if (m.fixedFacilitatorId !== undefined) {
          expect(out[k], label).toBe(m.fixedFacilitatorId);
          return;
        }
        const prev = k === 0 ? history[history.length - 1] : out[k - 1];
        const nextFixed = meetings[k + 1]?.fixedFacilitatorId;
        if (out[k] === prev) expect(new Set(present), label).toEqual(new Set([prev]));
        if (out[k] === nextFixed) {
          const others = present.filter((id) => id !== prev && id !== nextFixed);
          expect(others, label).toEqual([]);
        }
      });
    }
  });

  it("is deterministic", () => {
    const r = mulberry32(7);
    for (let s = 0; s < 50; s++) {
      const mode: RotationMode = s % 2 === 0 ? "mentorship" : "co-development";
      const { members, ids, meetings } = randomSeries(r, mode, { mentor: true });
      const input: RotationInput = { mode, members, meetings, history: arbitraryHistory(r, ids) };
      expect(rotateFacilitators(input)).toEqual(rotateFacilitators(structuredClone(input)));
    }
  });
});

const trio = (expertise: Partial<Record<"A" | "B" | "C", string[]>> = {}): RotationMember[] =>
  (["A", "B", "C"] as const).map((id) => ({ id, role: "mentee", expertise: expertise[id] ?? [] }));

const meetingsOf = (n: number, extra: (k: number) => Partial<RotationMeeting> = () => ({})) =>
  Array.from({ length: n }, (_, k) => ({ id: `s${k}`, ...extra(k) }));

describe("rotateFacilitators: themes", () => {
  it("mentorship: prefers the member with the theme in their expertise when equally fair", () => {
    const members = trio({ C: ["rh"], B: ["financement"] });
    const meetings = meetingsOf(3, (k) => ({ theme: ["rh", "financement", "gouvernance"][k] }));
    // Without themes the order would be A, B, C.
    expect(rotateFacilitators({ mode: "mentorship", members, meetings: meetingsOf(3) })).toEqual([
      "A",
      "B",
      "C",
    ]);
    expect(rotateFacilitators({ mode: "mentorship", members, meetings })).toEqual(["C", "B", "A"]);
  });

  it("mentorship: a mentee expert may take the first turn from the mentor (within tolerance)", () => {
    const members: RotationMember[] = [
      { id: "M", role: "mentor", expertise: [] },
      { id: "X", role: "mentee", expertise: [] },
      { id: "Y", role: "mentee", expertise: ["rh"] },
    ];
    expect(rotateFacilitators({ mode: "mentorship", members, meetings: meetingsOf(1) })).toEqual([
      "M",
    ]);
    expect(
      rotateFacilitators({
        mode: "mentorship",
        members,
        meetings: meetingsOf(1, () => ({ theme: "rh" })),
      }),
    ).toEqual(["Y"]);
  });

  it("mentorship: fairness comes first — the expert does not facilitate ahead of its turn", () => {
    const members = trio({ A: ["rh"] });
    const out = rotateFacilitators({
      mode: "mentorship",
      members,
      meetings: meetingsOf(6, () => ({ theme: "rh" })),
    });
    // A is preferred whenever tied for the fewest turns, but never gets a second turn early.
    expect(out).toEqual(["A", "B", "C", "A", "B", "C"]);
    expect(facilitationCounts(["A", "B", "C"], out)).toEqual({ A: 2, B: 2, C: 2 });
  });

  it("co-development ignores themes (strict rotation)", () => {
    const members = trio({ C: ["rh"] });
    const out = rotateFacilitators({
      mode: "co-development",
      members,
      meetings: meetingsOf(4, () => ({ theme: "rh" })),
    });
    expect(out).toEqual(["A", "B", "C", "A"]);
  });
});

describe("rotateFacilitators: individual meetings, fixed facilitators, history", () => {
  const mentorship: RotationMember[] = [
    { id: "M", role: "mentor", expertise: [] },
    { id: "X", role: "mentee", expertise: [] },
    { id: "Y", role: "mentee", expertise: [] },
  ];

  it("individual meetings are facilitated by an attendee only", () => {
    const meetings: RotationMeeting[] = [
      { id: "i1", participantIds: ["M", "X"] },
      { id: "i2", participantIds: ["M", "Y"] },
      { id: "i3", participantIds: ["M", "X"] },
      { id: "i4", participantIds: ["M", "Y"] },
    ];
    const out = rotateFacilitators({ mode: "mentorship", members: mentorship, meetings });
    meetings.forEach((m, k) => expect(m.participantIds).toContain(out[k]));
    // i3: X is further below its share (0.75 turn) than the mentor (0.5).
    expect(out).toEqual(["M", "Y", "X", "M"]);
  });

  it("a mentee absent from the individual meetings takes the next collective one", () => {
    const meetings: RotationMeeting[] = [
      { id: "i1", participantIds: ["M", "X"] },
      { id: "i2", participantIds: ["M", "X"] },
      { id: "i3", participantIds: ["M", "X"] },
      { id: "c1" },
    ];
    const out = rotateFacilitators({ mode: "mentorship", members: mentorship, meetings });
    expect(out).toEqual(["M", "X", "M", "Y"]);
  });

  it("a meeting with a single attendee is theirs, even twice in a row", () => {
    const out = rotateFacilitators({
      mode: "co-development",
      members: trio(),
      meetings: [{ id: "a" }, { id: "b", participantIds: ["A"] }],
    });
    expect(out).toEqual(["A", "A"]);
  });

  it("co-development: an absent member takes the next turn it can (the cycle changes locally)", () => {
    const meetings = meetingsOf(7, (k) => (k === 2 ? { participantIds: ["A", "B"] } : {}));
    const out = rotateFacilitators({ mode: "co-development", members: trio(), meetings });
    expect(out).toEqual(["A", "B", "A", "C", "B", "C", "A"]);
  });

  it("fixed facilitators are kept and counted, the rest rebalanced (mentorship, equal weights)", () => {
    const meetings = meetingsOf(6, (k) => (k === 0 || k === 2 ? { fixedFacilitatorId: "A" } : {}));
    const out = rotateFacilitators({ mode: "mentorship", members: trio(), meetings });
    expect(out[0]).toBe("A");
    expect(out[2]).toBe("A");
    expect(facilitationCounts(["A", "B", "C"], out)).toEqual({ A: 2, B: 2, C: 2 });
    expect(out).toEqual(["A", "B", "A", "C", "B", "C"]);
  });

  it("avoids a member just before their fixed meeting", () => {
    const meetings = meetingsOf(3, (k) => (k === 1 ? { fixedFacilitatorId: "A" } : {}));
    const out = rotateFacilitators({ mode: "mentorship", members: trio(), meetings });
    expect(out[0]).not.toBe("A");
    expect(out).toEqual(["B", "A", "C"]);
  });

  it("co-development: a fixed facilitator on someone else's turn amounts to a swap", () => {
    const meetings = meetingsOf(6, (k) => (k === 1 ? { fixedFacilitatorId: "C" } : {}));
    const out = rotateFacilitators({ mode: "co-development", members: trio(), meetings });
    expect(out).toEqual(["A", "C", "B", "A", "B", "C"]);
  });

  it("history: counts continue and its last facilitator does not go again", () => {
    // A has had two turns, B one, C none: C, then B; A waits.
    expect(
      rotateFacilitators({
        mode: "mentorship",
        members: trio(),
        meetings: meetingsOf(3),
        history: ["A", "B", "A"],
      }),
    ).toEqual(["C", "B", "C"]);
    // Balanced history ending with A: A does not go first; then A and C tie, member order.
    expect(
      rotateFacilitators({
        mode: "mentorship",
        members: trio(),
        meetings: meetingsOf(2),
        history: ["B", "C", "A"],
      }),
    ).toEqual(["B", "A"]);
    // A former member facilitated last: nobody to avoid, C has the fewest turns.
    expect(
      rotateFacilitators({
        mode: "mentorship",
        members: trio(),
        meetings: meetingsOf(1),
        history: ["A", "B", "Gone"],
      }),
    ).toEqual(["C"]);
    expect(
      rotateFacilitators({
        mode: "mentorship",
        members: trio().slice(0, 2),
        meetings: meetingsOf(1),
        history: ["A", "A", "B", "Gone"],
      }),
    ).toEqual(["B"]);
    // Co-development continues the cycle after the last (known) facilitator.
    expect(
      rotateFacilitators({
        mode: "co-development",
        members: trio(),
        meetings: meetingsOf(4),
        history: ["A", "B", "Gone"],
      }),
    ).toEqual(["C", "A", "B", "C"]);
  });

  it("mentorship: mentorWeight shifts the mentor's share; 1 is an equal rotation", () => {
    const twelve = meetingsOf(12);
    const count = (mentorWeight?: number) =>
      facilitationCounts(
        ["M", "X", "Y"],
        rotateFacilitators({
          mode: "mentorship",
          members: mentorship,
          meetings: twelve,
          mentorWeight,
        }),
      );
    expect(count(1)).toEqual({ M: 4, X: 4, Y: 4 });
    expect(count()).toEqual({ M: 6, X: 3, Y: 3 });
    // Never twice in a row caps the mentor at every other meeting.
    expect(count(5)).toEqual({ M: 6, X: 3, Y: 3 });
    expect(count(1.5).M).toBe(5);
  });

  it("co-development ignores mentorWeight", () => {
    const out = rotateFacilitators({
      mode: "co-development",
      members: mentorship,
      meetings: meetingsOf(6),
      mentorWeight: 4,
    });
    expect(out).toEqual(["M", "X", "Y", "M", "X", "Y"]);
  });

  it("no meetings → empty assignment", () => {
    expect(rotateFacilitators({ mode: "mentorship", members: trio(), meetings: [] })).toEqual([]);
  });
});

describe("rotateFacilitators: invalid input", () => {
  const base: RotationInput = { mode: "mentorship", members: trio(), meetings: meetingsOf(2) };
  const cases: [string, RotationInput, RegExp][] = [
    ["no members", { ...base, members: [] }, /no members/],
    [
      "duplicate member ids",
      { ...base, members: [...trio(), { id: "A", role: "peer", expertise: [] }] },
      /duplicate member id "A"/,
    ],
    [
      "unknown participant",
      { ...base, meetings: [{ id: "s0", participantIds: ["A", "Q"] }] },
      /participant "Q" is not a member/,
    ],
    [
      "unknown fixed facilitator",
      { ...base, meetings: [{ id: "s0", fixedFacilitatorId: "Q" }] },
      /fixed facilitator "Q" is not a member/,
    ],
    [
      "fixed facilitator not attending",
      { ...base, meetings: [{ id: "s0", participantIds: ["A", "B"], fixedFacilitatorId: "C" }] },
      /does not attend/,
    ],
    [
      "meeting with nobody",
      { ...base, meetings: [{ id: "s0" }, { id: "s1", participantIds: [] }] },
      /"s1"\) has no attending member/,
    ],
    ["mentorWeight NaN", { ...base, mentorWeight: Number.NaN }, /mentorWeight/],
    ["mentorWeight Infinity", { ...base, mentorWeight: Infinity }, /mentorWeight/],
    ["mentorWeight < 1", { ...base, mentorWeight: 0.5 }, /mentorWeight/],
    ["mentorWeight > 5", { ...base, mentorWeight: 5.5 }, /mentorWeight/],
  ];
  for (const [name, input, message] of cases) {
    it(`throws a RangeError: ${name}`, () => {
      expect(() => rotateFacilitators(input)).toThrow(RangeError);
      expect(() => rotateFacilitators(input)).toThrow(message);
    });
  }

  it("accepts the mentorWeight bounds 1 and 5", () => {
    expect(rotateFacilitators({ ...base, mentorWeight: 1 })).toHaveLength(2);
    expect(rotateFacilitators({ ...base, mentorWeight: 5 })).toHaveLength(2);
  });
});

describe("swapTurns", () => {
  it("swaps two turns and returns a new array", () => {
    const assignment = ["A", "B", "C", "A"];
    const swapped = swapTurns(assignment, 1, 2);
    expect(swapped).toEqual(["A", "C", "B", "A"]);
    expect(assignment).toEqual(["A", "B", "C", "A"]);
    expect(swapped).not.toBe(assignment);
    expect(swapTurns(assignment, 3, 0)).toEqual(["A", "B", "C", "A"]);
    const same = swapTurns(assignment, 2, 2);
    expect(same).toEqual(assignment);
    expect(same).not.toBe(assignment);
  });

  it("keeps the counts", () => {
    const assignment = ["A", "B", "C", "A", "B"];
    expect(facilitationCounts(["A", "B", "C"], swapTurns(assignment, 0, 4))).toEqual(
      facilitationCounts(["A", "B", "C"], assignment),
    );
  });

  it("throws a RangeError for bad indexes", () => {
    const assignment = ["A", "B", "C"];
    for (const [i, j] of [
      [-1, 0],
      [0, 3],
      [1.5, 0],
      [0, Number.NaN],
    ] as const) {
      expect(() => swapTurns(assignment, i, j), `${i}, ${j}`).toThrow(RangeError);
    }
    expect(() => swapTurns([], 0, 0)).toThrow(RangeError);
  });
});

describe("facilitationCounts", () => {
  it("lists every member, 0 when none, ignores unknown ids", () => {
    expect(facilitationCounts(["A", "B", "C"], ["A", "C", "A", "Z"])).toEqual({ A: 2, B: 0, C: 1 });
    expect(facilitationCounts(["A"], [])).toEqual({ A: 0 });
  });

  it("handles ids that look like object keys", () => {
    const counts = facilitationCounts(["__proto__", "constructor"], ["__proto__", "__proto__"]);
    expect(Object.keys(counts).sort()).toEqual(["__proto__", "constructor"]);
    expect(counts["__proto__"]).toBe(2);
    expect(counts["constructor"]).toBe(0);
  });
});
