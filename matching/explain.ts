/**
 * Explainer: readable reasons (French and English) for every group and every person left out.
 */
import type { Encoded, PairProblem } from "./encode";
import type { Participant } from "./schema";
import type { NeedMatch, PairDetail } from "./score";
import { normalizeNeeds, pairDetail, ratingLookup } from "./score";

export interface Bilingual {
  fr: string[];
  en: string[];
}

export interface ConstraintCheck {
  rule:
    | "roles"
    | "distinct-regions"
    | "distinct-mrcs"
    | "distinct-organizations"
    | "no-competitors"
    | "no-forbidden-pair"
    | "pins-kept";
  ok: boolean;
  detail: string;
}

export interface GroupExplanation {
  fixed: boolean;
  /** "pairScores" when the instance gave the pair scores explicitly. */
  source: "profiles" | "pairScores";
  pairs: PairDetail[];
  needsMet: NeedMatch[];
  sharedNeeds: { between: [string, string]; needs: string[] }[];
  mutualRatings: { between: [string, string]; aToB: number; bToA: number }[];
  regions: string[];
  mrcs: string[];
  organizations: string[];
  checks: ConstraintCheck[];
  text: Bilingual;
}

export type ReasonCode =
  | "role-not-in-mode"
  | "pin-unsatisfiable"
  | "no-compatible-mentor"
  | "no-compatible-mentees"
  | "no-compatible-partners"
  | "forbidden-with-everyone"
  | "mentor-capacity-exhausted"
  | "partners-already-placed"
  | "no-capacity";

export interface UnplacedExplanation {
  reasonCode: ReasonCode;
  /** Needs (by priority) that no compatible mentor covers. */
  uncoveredNeeds: string[];
  text: { fr: string; en: string };
}

const q = (s: string) => `« ${s} »`;
const qe = (s: string) => `'${s}'`;

function nameOf(p: Participant): string {
  return p.name ?? p.id;
}

export function explainGroup(enc: Encoded, members: number[], fixed: boolean): GroupExplanation {
  const ps = members.map((i) => enc.participants[i]!);
  const explicit = Boolean(enc.instance.pairScores);
  const lookup = ratingLookup(enc.instance.ratings);
  const pairs: PairDetail[] = [];
  for (let x = 0; x < 3; x++) {
    for (let y = x + 1; y < 3; y++) {
      const a = ps[x]!;
      const b = ps[y]!;
      if (explicit) {
        const base = pairDetail(a, b, enc.instance.weights ?? {}, lookup);
        pairs.push({ ...base, score: enc.pairScoreOf(members[x]!, members[y]!), explicit: true });
      } else {
        pairs.push(pairDetail(a, b, enc.instance.weights ?? {}, lookup));
      }
    }
  }
  const needsMet = pairs.flatMap((p) => p.needsMet);
  const sharedNeeds = pairs
    .filter((p) => p.sharedNeeds.length > 0)
    .map((p) => ({ between: [p.a, p.b] as [string, string], needs: p.sharedNeeds }));
  const mutualRatings = pairs
    .filter((p) => p.mutualRating)
    .map((p) => ({
      between: [p.a, p.b] as [string, string],
      aToB: p.mutualRating!.aToB,
      bToA: p.mutualRating!.bToA,
    }));
  const regions = ps.map((p) => p.region);
  const mrcs = ps.map((p) => p.mrc);
  const organizations = ps.map((p) => p.organization);
  const rule = enc.regionRule;
  const checks: ConstraintCheck[] = [];
  const problems: PairProblem[] = [];
  for (let x = 0; x < 3; x++)
    for (let y = x + 1; y < 3; y++) problems.push(...enc.pairProblems(members[x]!, members[y]!));
  const roles = ps.map((p) => p.role);
  checks.push({
    rule: "roles",
    ok:
      enc.mode === "mentorship"
        ? roles.filter((r) => r === "mentor").length === 1 &&
          roles.filter((r) => r === "mentee").length === 2
        : roles.every((r) => r === "peer"),
    detail: roles.join(", "),
  });
  if (rule === "distinct-regions") {
    checks.push({ rule, ok: !problems.includes("same-region"), detail: regions.join(", ") });
  } else {
    checks.push({
      rule,
      ok: !problems.includes("same-mrc"),
      detail: ps.map((p) => `${p.region}/${p.mrc}`).join(", "),
    });
  }
  checks.push({
    rule: "distinct-organizations",
    ok: !problems.includes("same-organization"),
    detail: organizations.join(", "),
  });
  checks.push({ rule: "no-competitors", ok: !problems.includes("competitors"), detail: "" });
  checks.push({ rule: "no-forbidden-pair", ok: !problems.includes("forbidden"), detail: "" });
  const pinOk = members.every((m) => enc.pinPartners[m]!.every((p) => members.includes(p)));
  const pinsHere = (enc.instance.pins ?? []).filter(
    ([a, b]) => ps.some((p) => p.id === a) || ps.some((p) => p.id === b),
  );
  checks.push({
    rule: "pins-kept",
    ok: pinOk,
    detail: pinsHere.map(([a, b]) => `${a}+${b}`).join(", "),
  });

  const byId = (id: string) => enc.participants[enc.byId.get(id)!]!;
  const fr: string[] = [];
  const en: string[] = [];
  if (enc.mode === "mentorship") {
    const mentor = ps.find((p) => p.role === "mentor")!;
    const mentees = ps.filter((p) => p.role !== "mentor");
    fr.push(
      `${fixed ? "Groupe fixé par la coordination" : "Triade"} : ${nameOf(mentor)} (mentor·e) avec ${mentees.map(nameOf).join(" et ")} (mentoré·es).`,
    );
    en.push(
      `${fixed ? "Group fixed by the coordinator" : "Triad"}: ${nameOf(mentor)} (mentor) with ${mentees.map(nameOf).join(" and ")} (mentees).`,
    );
  } else {
    fr.push(
      `${fixed ? "Groupe fixé par la coordination" : "Groupe de codéveloppement"} : ${ps.map(nameOf).join(", ")} (pairs).`,
    );
    en.push(
      `${fixed ? "Group fixed by the coordinator" : "Co-development group"}: ${ps.map(nameOf).join(", ")} (peers).`,
    );
  }
  for (const m of needsMet) {
    fr.push(
      `Le besoin ${q(m.need)} de ${nameOf(byId(m.who))} (priorité ${m.priority}) rejoint l'expertise de ${nameOf(byId(m.coveredBy))}.`,
    );
    en.push(
      `${nameOf(byId(m.who))}'s need ${qe(m.need)} (priority ${m.priority}) meets ${nameOf(byId(m.coveredBy))}'s expertise.`,
    );
  }
  for (const s of sharedNeeds) {
    const [a, b] = s.between.map((id) => nameOf(byId(id)));
    fr.push(
      `${a} et ${b} partagent ${s.needs.map(q).join(", ")} : rencontres collectives possibles.`,
    );
    en.push(`${a} and ${b} share ${s.needs.map(qe).join(", ")}: they can meet collectively.`);
  }
  for (const r of mutualRatings) {
    const [a, b] = r.between.map((id) => nameOf(byId(id)));
    fr.push(`Intérêt mutuel au speed dating : ${a} → ${b} ${r.aToB}/5, ${b} → ${a} ${r.bToA}/5.`);
    en.push(`Mutual interest at speed dating: ${a} → ${b} ${r.aToB}/5, ${b} → ${a} ${r.bToA}/5.`);
  }
  if (explicit) {
    fr.push(
      `Scores de paires fournis : ${pairs.map((p) => `${p.a}–${p.b} ${p.score}`).join(", ")}.`,
    );
    en.push(`Given pair scores: ${pairs.map((p) => `${p.a}–${p.b} ${p.score}`).join(", ")}.`);
  }
  if (rule === "distinct-regions") {
    fr.push(
      `Trois régions administratives différentes (${regions.join(", ")}) : aucune concurrence locale.`,
    );
    en.push(
      `Three different administrative regions (${regions.join(", ")}): no local competition.`,
    );
  } else {
    fr.push(
      `Trois MRC différentes (${ps.map((p) => `${p.region}/${p.mrc}`).join(", ")}) : proximité sans concurrence locale.`,
    );
    en.push(
      `Three different MRCs (${ps.map((p) => `${p.region}/${p.mrc}`).join(", ")}): nearby without local competition.`,
    );
  }
  fr.push(
    "Trois organismes différents, sans concurrent déclaré entre eux ni paire interdite" +
      (pinsHere.length > 0 ? ", jumelages demandés respectés." : "."),
  );
  en.push(
    "Three different organizations, no declared competitor between them, no forbidden pair" +
      (pinsHere.length > 0 ? ", requested pins kept." : "."),
  );
  return {
    fixed,
    source: explicit ? "pairScores" : "profiles",
    pairs,
    needsMet,
    sharedNeeds,
    mutualRatings,
    regions,
    mrcs,
    organizations,
    checks,
    text: { fr, en },
  };
}

/**
 * Why a participant is left out. `placedCount` gives, per model person, how many groups the
 * final solution gives them (fixed groups excluded: those persons are not in the model).
 */
export function explainUnplaced(
  enc: Encoded,
  participant: number,
  placedCount: Int32Array,
): UnplacedExplanation {
  const p = enc.participants[participant]!;
  const regionWord = enc.regionRule === "distinct-regions";
  const excl = enc.excluded.get(participant);
  if (excl === "role-not-in-mode") {
    const roleFr = { mentor: "mentor·e", mentee: "mentoré·e", peer: "pair" }[p.role];
    const modeFr = enc.mode === "mentorship" ? "mentorat" : "codéveloppement";
    const modeEn = enc.mode === "mentorship" ? "mentorship" : "co-development";
    return {
      reasonCode: excl,
      uncoveredNeeds: [],
      text: {
        fr: `Le rôle ${roleFr} n'existe pas dans un programme de ${modeFr}.`,
        en: `The role ${p.role} does not exist in a ${modeEn} program.`,
      },
    };
  }
  if (excl === "pin-unsatisfiable") {
    return {
      reasonCode: excl,
      uncoveredNeeds: [],
      text: {
        fr: "Les jumelages demandés (pins) ne peuvent pas former un groupe valide : trop de personnes liées, rôles incompatibles ou contrainte dure violée entre elles.",
        en: "The requested pins cannot form a valid group: too many people linked, incompatible roles, or a hard constraint broken between them.",
      },
    };
  }
  const m = enc.modelIndex[participant]!;
  if (m < 0) {
    return {
      reasonCode: "no-capacity",
      uncoveredNeeds: [],
      text: {
        fr: "Aucune place disponible : déjà engagé·e dans des groupes fixés ou capacité nulle.",
        en: "No place available: already committed in fixed groups, or zero capacity.",
      },
    };
  }
  const n = enc.n;
  // Valid triads holding m, with and without forbids.
  let valid = 0;
  let blockedByMentor = 0;
  let mentorsCompatible = 0;
  const others: number[] = [];
  for (let x = 0; x < n; x++) if (x !== m) others.push(x);
  const triadOk = (t: number[]) => {
    const roles = t.map((x) => enc.role[x]!);
    if (enc.mode === "mentorship") {
      if (roles.filter((r) => r === 0).length !== 1 || roles.filter((r) => r === 1).length !== 2)
        return false;
    } else if (!roles.every((r) => r === 2)) return false;
    for (let a = 0; a < 3; a++)
      for (let b = a + 1; b < 3; b++) if (!enc.compat[t[a]! * n + t[b]!]) return false;
    for (const x of t)
      for (const pp of enc.pinPartners[enc.people[x]!]!)
        if (!t.includes(enc.modelIndex[pp]!)) return false;
    return true;
  };
  const compatible = others.filter((a) => enc.compat[m * n + a]);
  for (const a of compatible) if (enc.role[a] === 0) mentorsCompatible++;
  const roleOk = (a: number, b: number): boolean => {
    const r0 = enc.role[m]!;
    const r1 = enc.role[a]!;
    const r2 = enc.role[b]!;
    if (enc.mode !== "mentorship") return r0 === 2 && r1 === 2 && r2 === 2;
    const mentors = (r0 === 0 ? 1 : 0) + (r1 === 0 ? 1 : 0) + (r2 === 0 ? 1 : 0);
    const mentees = (r0 === 1 ? 1 : 0) + (r1 === 1 ? 1 : 0) + (r2 === 1 ? 1 : 0);
    return mentors === 1 && mentees === 2;
  };
  // Stop at the first valid triad whose mentor still has room: the reason is then known.
  scan: for (let i = 0; i < compatible.length; i++) {
    const a = compatible[i]!;
    for (let j = i + 1; j < compatible.length; j++) {
      const b = compatible[j]!;
      if (!enc.compat[a * n + b] || !roleOk(a, b)) continue;
      if ((enc.pinned[m] || enc.pinned[a] || enc.pinned[b]) && !triadOk([m, a, b])) continue;
      valid++;
      const mentor = enc.role[a] === 0 ? a : enc.role[b] === 0 ? b : -1;
      if (mentor >= 0 && placedCount[mentor]! >= enc.cap[mentor]!) blockedByMentor++;
      else break scan;
    }
  }
  // Needs no compatible mentor covers (mentees).
  const uncoveredNeeds: string[] = [];
  if (p.role === "mentee") {
    const needs = normalizeNeeds(p).sort((a, b) => b.priority - a.priority);
    for (const need of needs) {
      let covered = false;
      for (let x = 0; x < n && !covered; x++) {
        if (enc.role[x] !== 0 || !enc.compat[m * n + x]) continue;
        const mentor = enc.participants[enc.people[x]!]!;
        if ((mentor.expertise ?? []).includes(need.tag)) covered = true;
      }
      if (!covered) uncoveredNeeds.push(need.tag);
    }
  }
  const hintFr =
    uncoveredNeeds.length > 0
      ? ` Aucun·e mentor·e ${regionWord ? "d'une autre région" : "d'une autre MRC"} ne couvre ${uncoveredNeeds.map(q).join(", ")}.`
      : "";
  const hintEn =
    uncoveredNeeds.length > 0
      ? ` No mentor from another ${regionWord ? "region" : "MRC"} covers ${uncoveredNeeds.map(qe).join(", ")}.`
      : "";
  if (valid === 0) {
    // Would forbids alone explain it?
    const forbidsOnly = (enc.instance.forbid ?? []).some(([a, b]) => a === p.id || b === p.id);
    if (forbidsOnly && withoutForbidsWouldFit(enc, participant)) {
      return {
        reasonCode: "forbidden-with-everyone",
        uncoveredNeeds,
        text: {
          fr: `Interdit·e avec toutes les personnes qui restaient compatibles.${hintFr}`,
          en: `Forbidden with everyone remaining compatible.${hintEn}`,
        },
      };
    }
    if (p.role === "mentee" && mentorsCompatible === 0) {
      return {
        reasonCode: "no-compatible-mentor",
        uncoveredNeeds,
        text: {
          fr: `Aucun·e mentor·e compatible : ${regionWord ? "d'une autre région" : "d'une autre MRC"}, d'un autre organisme et sans concurrence déclarée.${hintFr}`,
          en: `No compatible mentor: from another ${regionWord ? "region" : "MRC"}, another organization and with no declared competition.${hintEn}`,
        },
      };
    }
    if (p.role === "mentor") {
      return {
        reasonCode: "no-compatible-mentees",
        uncoveredNeeds,
        text: {
          fr: `Aucune paire de mentoré·es compatibles entre eux et avec cette personne (${regionWord ? "régions" : "MRC"}, organismes, concurrents, interdictions).`,
          en: `No pair of mentees compatible with each other and with this mentor (${regionWord ? "regions" : "MRCs"}, organizations, competitors, forbids).`,
        },
      };
    }
    return {
      reasonCode: "no-compatible-partners",
      uncoveredNeeds,
      text: {
        fr: `Aucun groupe valide possible : pas assez de ${p.role === "peer" ? "pairs" : "mentoré·es"} compatibles (${regionWord ? "régions" : "MRC"}, organismes, concurrents, interdictions).${hintFr}`,
        en: `No valid group possible: not enough compatible ${p.role === "peer" ? "peers" : "mentees"} (${regionWord ? "regions" : "MRCs"}, organizations, competitors, forbids).${hintEn}`,
      },
    };
  }
  if (p.role === "mentee" && blockedByMentor === valid) {
    return {
      reasonCode: "mentor-capacity-exhausted",
      uncoveredNeeds,
      text: {
        fr: `Capacité des mentor·es compatibles épuisée : chacun·e mène déjà son nombre maximal de groupes.${hintFr}`,
        en: `Mentor capacity exhausted: every compatible mentor already leads as many groups as they can.${hintEn}`,
      },
    };
  }
  return {
    reasonCode: "partners-already-placed",
    uncoveredNeeds,
    text: {
      fr: `Chaque groupe possible demande une personne déjà placée ; le placer ferait perdre un groupe ou du score ailleurs.${hintFr}`,
      en: `Every possible group needs someone already placed; placing this person would cost a group or score elsewhere.${hintEn}`,
    },
  };
}

function withoutForbidsWouldFit(enc: Encoded, participant: number): boolean {
  const m = enc.modelIndex[participant]!;
  const n = enc.n;
  const forbidden = new Set<number>();
  for (const [a, b] of enc.instance.forbid ?? []) {
    const ia = enc.byId.get(a)!;
    const ib = enc.byId.get(b)!;
    if (ia === participant) forbidden.add(ib);
    if (ib === participant) forbidden.add(ia);
  }
  const compatIgnoringForbid = (x: number) => {
    const probs = enc.pairProblems(participant, enc.people[x]!);
    return probs.every((pr) => pr === "forbidden");
  };
  for (let a = 0; a < n; a++) {
    if (a === m || !compatIgnoringForbid(a)) continue;
    for (let b = a + 1; b < n; b++) {
      if (b === m || !compatIgnoringForbid(b) || !enc.compat[a * n + b]) continue;
      const roles = [enc.role[m]!, enc.role[a]!, enc.role[b]!];
      const ok =
        enc.mode === "mentorship"
          ? roles.filter((r) => r === 0).length === 1 && roles.filter((r) => r === 1).length === 2
          : roles.every((r) => r === 2);
      if (ok) return true;
    }
  }
  return false;
}
