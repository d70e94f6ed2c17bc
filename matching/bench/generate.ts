/**
 * Seeded, realistic instance generator (benchmark and tests): mentors about a third of the
 * people (some with capacity 2), skewed regions with ~6 MRCs each, ~10 % of organizations with
 * declared competitors, a few pins and forbids, needs/expertise tags.
 *
 * Two kinds of scores: "computed" (the engine scores pairs from the profiles and the speed-dating
 * ratings: real numbers, few ties) and "integer" (explicit `pairScores` drawn from 0…5, half of
 * them 0: heavy ties, the hard case for proving optimality).
 */
import type { InstanceInput, Participant } from "../schema";

/** The region rules the generator can produce (a rule the schema does not know yet is refused
 * by the schema, not here: the benchmark skips it). */
export type GeneratedRule = "distinct-regions" | "distinct-mrcs" | "same-region-distinct-mrcs";

export function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = [
  "financement",
  "gouvernance",
  "ressources-humaines",
  "communication",
  "transport",
  "benevolat",
  "evaluation",
  "numerique",
  "collecte-de-fonds",
  "partenariats",
  "sante-mentale",
  "logement",
  "securite-alimentaire",
  "comptabilite",
  "planification",
];
const SECTORS = ["famille", "aines", "jeunesse", "sante", "emploi", "culture"];
const STYLES = ["structure", "intuitif", "collaboratif"];
const SLOTS = [
  "lun-am",
  "lun-pm",
  "mar-am",
  "mar-pm",
  "mer-am",
  "mer-pm",
  "jeu-am",
  "jeu-pm",
  "ven-am",
  "ven-pm",
];
/** Skewed region weights (Montréal, Montérégie, Capitale-Nationale heavier). */
const REGIONS: [string, number][] = [
  ["06", 10],
  ["16", 7],
  ["03", 5],
  ["05", 3],
  ["13", 3],
  ["15", 3],
  ["14", 2],
  ["04", 2],
  ["12", 2],
  ["07", 2],
  ["02", 1.5],
  ["17", 1.5],
  ["01", 1],
  ["08", 1],
  ["09", 0.7],
  ["11", 0.5],
  ["10", 0.3],
];

export interface GenerateOptions {
  size: number;
  seed: number;
  mode?: "mentorship" | "co-development";
  regionRule?: GeneratedRule;
  /** "computed" (default): from profiles and ratings; "integer": explicit pair scores 0…5. */
  scores?: "computed" | "integer";
  /** Pins and forbids per 100 participants (default 2 and 3). */
  pinsPer100?: number;
  forbidsPer100?: number;
  /** Number of regions to use (fewer = more conflicts); default all 17. */
  regions?: number;
}

export function generateInstance(opts: GenerateOptions): InstanceInput {
  const r = rng(opts.seed * 7919 + opts.size);
  const mode = opts.mode ?? "mentorship";
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const sample = <T>(xs: readonly T[], k: number): T[] => {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < k && copy.length > 0)
      out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]!);
    return out;
  };
  const regions = REGIONS.slice(0, opts.regions ?? REGIONS.length);
  const total = regions.reduce((s, [, w]) => s + w, 0);
  const region = () => {
    let x = r() * total;
    for (const [code, w] of regions) {
      x -= w;
      if (x <= 0) return code;
    }
    return regions[0]![0];
  };
  const N = opts.size;
  const orgCount = Math.max(2, Math.round(N * 0.6));
  const orgs: { id: string; region: string; mrc: string; competitors: string[] }[] = [];
  for (let o = 0; o < orgCount; o++) {
    const reg = region();
    orgs.push({ id: `org${o}`, region: reg, mrc: `${reg}${Math.floor(r() * 6)}`, competitors: [] });
  }
  const sameRegion = opts.regionRule === "same-region-distinct-mrcs";
  for (const org of orgs) {
    if (r() < 0.1) {
      const k = 1 + Math.floor(r() * 3);
      // Proximity: competitors (and declared conflicts of interest) are organizations of the
      // same region, the only ones that could share a group.
      const pool = sameRegion ? orgs.filter((o) => o.region === org.region) : orgs;
      org.competitors = sample(pool, k)
        .map((o) => o.id)
        .filter((id) => id !== org.id);
    }
  }
  const participants: Participant[] = [];
  const mentors = mode === "mentorship" ? Math.round(N / 3) : 0;
  for (let i = 0; i < N; i++) {
    const org = pick(orgs);
    const role = mode === "co-development" ? "peer" : i < mentors ? "mentor" : "mentee";
    const p: Participant = {
      id: `p${String(i).padStart(4, "0")}`,
      role,
      region: org.region,
      mrc: org.mrc,
      organization: org.id,
      sector: pick(SECTORS),
      style: pick(STYLES),
      availability: sample(SLOTS, 3 + Math.floor(r() * 3)),
    };
    if (org.competitors.length > 0 && r() < 0.5) p.competitors = org.competitors;
    if (role === "mentor") {
      if (r() < 0.2) p.capacity = 2;
      p.expertise = sample(TAGS, 3 + Math.floor(r() * 3));
    } else {
      p.needs = sample(TAGS, 2 + Math.floor(r() * 3)).map((tag) => ({
        tag,
        priority: 1 + Math.floor(r() * 3),
      }));
      if (role === "peer") p.expertise = sample(TAGS, 2 + Math.floor(r() * 3));
    }
    participants.push(p);
  }
  const pins: [string, string][] = [];
  const forbid: [string, string][] = [];
  const pinCount = Math.round((N * (opts.pinsPer100 ?? 2)) / 100);
  const forbidCount = Math.round((N * (opts.forbidsPer100 ?? 3)) / 100);
  const pinned = new Set<string>();
  for (let k = 0; k < pinCount * 4 && pins.length < pinCount; k++) {
    const a = pick(participants);
    const b = pick(participants);
    if (a === b || pinned.has(a.id) || pinned.has(b.id)) continue;
    if (mode === "mentorship" && a.role === "mentor" && b.role === "mentor") continue;
    if (a.organization === b.organization) continue;
    if (sameRegion ? a.region !== b.region || a.mrc === b.mrc : a.region === b.region) continue;
    pins.push([a.id, b.id]);
    pinned.add(a.id);
    pinned.add(b.id);
  }
  for (let k = 0; k < forbidCount; k++) {
    const a = pick(participants);
    const b = pick(participants);
    if (a !== b) forbid.push([a.id, b.id]);
  }
  const ratings: { from: string; to: string; score: number }[] = [];
  const rated = Math.round(N * 0.5);
  for (let k = 0; k < rated; k++) {
    const a = pick(participants);
    const b = pick(participants);
    if (a === b) continue;
    ratings.push({ from: a.id, to: b.id, score: 1 + Math.floor(r() * 5) });
    ratings.push({ from: b.id, to: a.id, score: 1 + Math.floor(r() * 5) });
  }
  const inst: InstanceInput = {
    // The cast lets the benchmark generate a rule before the schema knows it (then refused).
    policy: {
      mode,
      regionRule: (opts.regionRule ?? "distinct-regions") as "distinct-regions",
    },
    participants,
    ratings,
    pins,
    forbid,
  };
  if (opts.scores === "integer") {
    // Every pair that can share a group gets 0…5 (0 half of the time, then omitted): ties
    // everywhere. Its own generator, so the people are the same as with computed scores.
    const s = rng(opts.seed * 104729 + opts.size);
    const pairScores: { a: string; b: string; score: number }[] = [];
    for (let i = 0; i < N; i++) {
      const a = participants[i]!;
      for (let j = i + 1; j < N; j++) {
        const b = participants[j]!;
        if (a.role === "mentor" && b.role === "mentor") continue;
        const x = s();
        if (x < 0.5) continue;
        pairScores.push({ a: a.id, b: b.id, score: 1 + Math.floor((x - 0.5) * 10) });
      }
    }
    inst.pairScores = pairScores;
    delete inst.ratings;
  }
  return inst;
}
