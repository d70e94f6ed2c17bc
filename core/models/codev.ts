/** The co-development method's steps (shared by the server and the session screen). */

/** Step keys, 0 to 6: opening round, presentation, questions, contract, consultation, synthesis, learnings. */
export const CODEV_STEP_KEYS = [
  "opening",
  "presentation",
  "questions",
  "contract",
  "consultation",
  "synthesis",
  "learnings",
] as const;

/** Suggested minutes per step (the method's ranges, for a session of about 1 h 35). */
export const CODEV_DEFAULT_MINUTES = [10, 10, 15, 10, 25, 15, 10] as const;
