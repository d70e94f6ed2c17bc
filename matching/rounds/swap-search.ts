/**
 * Local improvement of a round's plan: swaps (with the waiting list too), moves from a room of
 * three to a room of two, and an iterated local search from a fixed-seed generator.
 */
import { EPS, type Context } from "./model";

/** Local improvement: swaps (incl. with the waiting list) and moves from a three to a two. */
export class SwapSearch {
  private readonly n: number;
  private readonly allowed: Uint8Array;
  private readonly value: Float64Array;
  private readonly dirty: Uint8Array;

  constructor(
    private readonly ctx: Context,
    private readonly seat: Float64Array,
    private readonly rooms: number[][],
    private readonly roomOf: Int32Array,
    private readonly maxPasses: number,
  ) {
    this.n = ctx.n;
    this.allowed = ctx.allowed;
    this.value = ctx.value;
    this.dirty = new Uint8Array(ctx.n);
  }

  /** Sum of the value changes applied so far (for accept/restore decisions). */
  gain = 0;
  /** Swap evaluations so far (work limit). */
  evaluations = 0;

  private fits(p: number, room: readonly number[], skip: number): boolean {
    const row = p * this.n;
    for (let k = 0; k < room.length; k++) {
      const m = room[k]!;
      if (m !== skip && !this.allowed[row + m]) return false;
    }
    return true;
  }

  private gainIn(p: number, room: readonly number[], skip: number): number {
    const row = p * this.n;
    let s = 0;
    for (let k = 0; k < room.length; k++) {
      const m = room[k]!;
      if (m !== skip && m !== p) s += this.value[row + m]!;
    }
    return s;
  }

  private markDirty(p: number): void {
    this.dirty[p] = 1;
    const r = this.roomOf[p]!;
    if (r !== -1) for (const m of this.rooms[r]!) this.dirty[m] = 1;
  }

  /** Change of the round's value if x and y swapped places (NaN when not allowed). */
  swapDelta(x: number, y: number): number {
    const { rooms, roomOf, seat } = this;
    const rx = roomOf[x]!;
    const ry = roomOf[y]!;
    if (rx === ry) return NaN;
    if (rx === -1) {
      const B = rooms[ry]!;
      if (!this.fits(x, B, y)) return NaN;
      return seat[x]! - seat[y]! + this.gainIn(x, B, y) - this.gainIn(y, B, y);
    }
    if (ry === -1) {
      const A = rooms[rx]!;
      if (!this.fits(y, A, x)) return NaN;
      return seat[y]! - seat[x]! + this.gainIn(y, A, x) - this.gainIn(x, A, x);
    }
    const A = rooms[rx]!;
    const B = rooms[ry]!;
    if (!this.fits(y, A, x) || !this.fits(x, B, y)) return NaN;
    return (
      this.gainIn(y, A, x) - this.gainIn(x, A, x) + this.gainIn(x, B, y) - this.gainIn(y, B, y)
    );
  }

  private applySwap(x: number, y: number, delta: number): void {
    const { rooms, roomOf } = this;
    const rx = roomOf[x]!;
    const ry = roomOf[y]!;
    if (rx !== -1) {
      const A = rooms[rx]!;
      A[A.indexOf(x)] = y;
    }
    if (ry !== -1) {
      const B = rooms[ry]!;
      B[B.indexOf(y)] = x;
    }
    roomOf[x] = ry;
    roomOf[y] = rx;
    this.gain += delta;
    this.markDirty(x);
    this.markDirty(y);
  }

  /** Swap x and y when it improves the round's value. */
  trySwap(x: number, y: number): boolean {
    this.evaluations++;
    const d = this.swapDelta(x, y);
    if (!(d > EPS)) return false;
    this.applySwap(x, y, d);
    return true;
  }

  /** Full neighbourhood: every person whose room changed against everyone else. */
  private fullPass(): boolean {
    const { n, dirty, roomOf } = this;
    let improved = false;
    for (let x = 0; x < n; x++) {
      if (!dirty[x]) continue;
      dirty[x] = 0;
      for (let y = 0; y < n; y++) {
        if (y !== x && roomOf[y] !== roomOf[x] && this.trySwap(x, y)) improved = true;
      }
    }
    return improved;
  }

  /**
   * Candidate neighbourhood (large events): x takes the place of y next to one of x's roommates
   * a, for y among a's best partners; waiting people are tried against everyone. Only people whose
   * room changed since they were last examined are examined again ("don't look" bits).
   */
  private candidatePass(cand: Int32Array[]): boolean {
    const { rooms, roomOf, dirty, n } = this;
    let improved = false;
    for (let x = 0; x < n; x++) {
      if (!dirty[x]) continue;
      dirty[x] = 0;
      const rx = roomOf[x]!;
      if (rx === -1) {
        for (let y = 0; y < n && roomOf[x] === -1; y++) if (this.trySwap(x, y)) improved = true;
        continue;
      }
      const room = rooms[rx]!;
      for (let k = 0; k < room.length && roomOf[x] === rx; k++) {
        const a = room[k]!;
        if (a === x) continue;
        const list = cand[a]!;
        for (let c = 0; c < list.length && roomOf[x] === rx; c++) {
          const y = list[c]!;
          if (y !== x && this.trySwap(x, y)) improved = true;
        }
      }
    }
    return improved;
  }

  /** Rooms of three give a member to a room of two when that member fits better there. */
  private movePass(): boolean {
    const { rooms, roomOf } = this;
    const twos: number[] = [];
    for (let r = 0; r < rooms.length; r++) if (rooms[r]!.length === 2) twos.push(r);
    if (twos.length === 0) return false;
    let improved = false;
    for (let r = 0; r < rooms.length; r++) {
      const A = rooms[r]!;
      for (const s of twos) {
        const B = rooms[s]!;
        if (B.length !== 2 || A.length !== 3) continue;
        for (const x of A) {
          if (!this.fits(x, B, -1)) continue;
          const d = this.gainIn(x, B, -1) - this.gainIn(x, A, x);
          if (d > EPS) {
            A.splice(A.indexOf(x), 1);
            B.push(x);
            roomOf[x] = s;
            this.markDirty(x);
            for (const m of A) this.markDirty(m);
            this.gain += d;
            improved = true;
            break;
          }
        }
      }
    }
    return improved;
  }

  /** Local search to a local optimum (bounded passes). */
  private descend(): void {
    const cand = this.ctx.candidates;
    for (let pass = 0; pass < this.maxPasses; pass++) {
      let improved = cand === null ? this.fullPass() : this.candidatePass(cand);
      if (this.ctx.cap === 3 && this.movePass()) improved = true;
      if (!improved) break;
    }
  }

  /**
   * Local search, then (small events) iterated local search: a random swap between two rooms
   * ("kick"), local search again, keep the result if the round's value improved, else restore.
   * The kicks come from a fixed-seed generator and stop after a fixed number of evaluations,
   * so results are deterministic.
   */
  run(kickBudget: number): void {
    this.dirty.fill(1);
    this.descend();
    if (kickBudget <= 0 || this.n < 4) return;
    const { rooms, roomOf, n } = this;
    let rand = 0x2545f491 ^ n;
    const next = () => {
      rand = (rand + 0x6d2b79f5) >>> 0;
      let t = rand;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const stop = this.evaluations + kickBudget;
    let saved = rooms.map((r) => r.slice());
    let savedOf = roomOf.slice();
    for (let kick = 0; this.evaluations < stop && kick < 100_000; kick++) {
      const before = this.gain;
      // One or two random allowed swaps between different rooms (not involving waiting people).
      let done = 0;
      for (let tries = 0; tries < 20 && done < 1 + (kick & 1); tries++) {
        const x = Math.floor(next() * n);
        const y = Math.floor(next() * n);
        if (roomOf[x] === -1 || roomOf[y] === -1) continue;
        const d = this.swapDelta(x, y);
        if (Number.isNaN(d)) continue;
        this.applySwap(x, y, d);
        done++;
      }
      if (done === 0) continue;
      this.descend();
      if (this.gain > before + EPS) {
        saved = rooms.map((r) => r.slice());
        savedOf = roomOf.slice();
      } else {
        rooms.length = 0;
        for (const r of saved) rooms.push(r.slice());
        roomOf.set(savedOf);
        this.gain = before;
        this.dirty.fill(0);
      }
    }
  }
}
