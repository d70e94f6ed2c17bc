/**
 * What the engine says about its results, as reason codes with parameters: why a group was formed
 * (one reason per line of its explanation) and why someone was left out. The engine writes no
 * sentence: the app words each code in French and English (its catalogs, `reasons.<code>`, each
 * parameter a `{name}` placeholder); the CLI prints the codes.
 *
 * A parameter is a name, a subject (need) label, a number, or a list of them. Subject parameters
 * (`need`, `needs`) are quoted by whoever words them; lists are joined the way the language does.
 * Codes ending in `-region`, `-mrc` or `-proximity` are the same reason under each region rule (the
 * sentences differ: "another region" / "another MRC" / "your region, another MRC").
 */
export type ReasonParam = string | number | string[];

/** Every reason code and the parameters it carries (the catalogs use exactly these). */
export const REASON_PARAMS = {
  // Why a group: its composition first, then what brings them together, then the rules kept.
  triad: ["mentor", "mentees"],
  "fixed-triad": ["mentor", "mentees"],
  "codev-group": ["members"],
  "fixed-codev-group": ["members"],
  "need-met": ["who", "need", "priority", "by"],
  "shared-needs": ["a", "b", "needs"],
  "mutual-rating": ["a", "b", "aToB", "bToA"],
  "given-pair-scores": ["scores"],
  "distinct-regions": ["regions"],
  "distinct-mrcs": ["mrcs"],
  "same-region-distinct-mrcs": ["region", "mrcs"],
  "distinct-organizations": [],
  "pin-requested": ["a", "b"],
  // Why someone has no group (`UnplacedCode` in explain.ts classifies them).
  "peer-not-in-mentorship": [],
  "mentor-not-in-codev": [],
  "mentee-not-in-codev": [],
  "pin-unsatisfiable": [],
  "no-capacity": [],
  "forbidden-with-everyone": [],
  "no-compatible-mentor-region": [],
  "no-compatible-mentor-mrc": [],
  "no-compatible-mentor-proximity": [],
  "no-compatible-mentees-region": [],
  "no-compatible-mentees-mrc": [],
  "no-compatible-mentees-proximity": [],
  "not-enough-peers-region": [],
  "not-enough-peers-mrc": [],
  "not-enough-peers-proximity": [],
  "not-enough-mentees-region": [],
  "not-enough-mentees-mrc": [],
  "not-enough-mentees-proximity": [],
  // Proximity rule: the person's region has fewer than three MRCs among the people to group.
  "not-enough-mrcs-proximity": ["region", "mrcs"],
  "mentor-capacity-exhausted": [],
  "partners-already-placed": [],
  // Added to the reason above when a mentee's needs find no compatible mentor.
  "uncovered-needs-region": ["needs"],
  "uncovered-needs-mrc": ["needs"],
  "uncovered-needs-proximity": ["needs"],
} as const satisfies Record<string, readonly string[]>;

export type ReasonCode = keyof typeof REASON_PARAMS;

export const REASON_CODES = Object.keys(REASON_PARAMS) as ReasonCode[];

export type ReasonOf<C extends ReasonCode> = {
  code: C;
  params: { [K in (typeof REASON_PARAMS)[C][number]]: ReasonParam };
};

export type Reason = { [C in ReasonCode]: ReasonOf<C> }[ReasonCode];

/** A reason (the parameters typed by its code). */
export function reason<C extends ReasonCode>(code: C, params: ReasonOf<C>["params"]): ReasonOf<C> {
  return { code, params };
}
