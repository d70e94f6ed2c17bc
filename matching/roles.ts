/**
 * The roles a participant takes in a program, spelled once for the whole product: the engine, the
 * store's records, the forms, the pages and the report all use these. A mentor guides; mentees are
 * guided; peers (co-development) are equals (docs/glossary.md). Zod-free, so pages' scripts may
 * list them.
 */
export const ROLES = ["mentor", "mentee", "peer"] as const;
export type Role = (typeof ROLES)[number];
