/**
 * Column generation prices triads with person duals only: a pin link's dual must be folded into
 * its two persons' duals (ADR 0024), or the reduced costs — and with them the pricing, the
 * Lagrangian bound and the reduced-cost window that proves optimality — are wrong.
 */
import { describe, expect, it } from "vitest";
import { loadHighs, MasterLp } from "../../matching/solvers/highs";

describe("the master LP with a pin link", () => {
  it("gives duals under which every column is priced right (LP optimality: no positive reduced cost, zero on the columns used)", async () => {
    const highs = await loadHighs();
    // Persons: m (a mentor of two groups) 0, b (pinned to m) 1, z 2, x 3, y 4, w 5, v 6.
    // Columns: a free triad of m worth 100, m's pinned triad worth 1, and a triad worth 60 that
    // competes for z. The link usage(m) ≤ 2·usage(b) is what makes m's pinned triad worth taking.
    const triads = [0, 3, 4, 0, 1, 2, 2, 5, 6];
    const values = [100, 1, 60];
    const lp = new MasterLp(highs, 7, [2, 1, 1, 1, 1, 1, 1], { links: [{ i: 0, j: 1, k: 2 }] });
    try {
      lp.addColumns(triads, values);
      const r = lp.solve(5_000);
      expect(r.ok).toBe(true);
      expect(r.objective).toBeCloseTo(101, 6);
      const rc = values.map(
        (v, t) => v - r.countDual - [0, 1, 2].reduce((s, k) => s + r.duals[triads[3 * t + k]!]!, 0),
      );
      for (const x of rc) expect(x).toBeLessThanOrEqual(1e-7);
      // Both of m's triads are in the LP solution: their reduced cost is zero.
      expect(r.x[0]).toBeCloseTo(1, 6);
      expect(r.x[1]).toBeCloseTo(1, 6);
      expect(rc[0]).toBeCloseTo(0, 6);
      expect(rc[1]).toBeCloseTo(0, 6);
    } finally {
      lp.dispose();
    }
  });
});
