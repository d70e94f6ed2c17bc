/**
 * Maillage matching engine: public API. Pure library (imports nothing from app/ or server/).
 * See docs/decisions/0002-matching-engine.md.
 */
export {
  instanceSchema,
  participantSchema,
  policySchema,
  weightsSchema,
  formatIssues,
} from "./schema";
export type { Instance, InstanceInput, Participant, Policy, Weights, Role } from "./schema";
export { pairScore, pairScorer, pairDetail, defaultWeights } from "./score";
export type { PairDetail, PairScorer, NeedMatch, Rating } from "./score";
export { compatibility } from "./compatibility";
export type {
  Compatibility,
  CompatibilityOptions,
  PairConflict,
  RegionRule,
} from "./compatibility";
export { REASON_CODES, REASON_PARAMS } from "./reasons";
export type { Reason, ReasonCode, ReasonParam } from "./reasons";
export { solveMatching, DEFAULT_TIME_LIMIT_MS } from "./solve";
export type {
  MatchResult,
  MatchGroup,
  UnplacedParticipant,
  FixedGroupViolation,
  SolveOptions,
} from "./solve";
export type { Progress } from "./optimize";
export type { GroupExplanation, UnplacedCode, ConstraintCheck } from "./explain";
export type { PackingSolver, PackingProblem, PackingResult } from "./solvers/types";
export { HighsSolver } from "./solvers/highs";
export { JsLpSolver, defaultJsLpWorkerUrl } from "./solvers/jslp";
export { planRounds } from "./round-scheduler";
export type { RoundPlanInput, PlannedRound } from "./round-scheduler";
export {
  reoptimize,
  describeRegrouping,
  rankReplacements,
  localInstance,
  groupProblems,
  pairGroups,
  LocalInputError,
} from "./local";
export type {
  LocalGroup,
  LocalInput,
  LocalInputCode,
  LocalGroupView,
  LocalRow,
  LocalResult,
  Replacement,
} from "./local";
