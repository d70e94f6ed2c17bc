/**
 * Groups of three: the hard-constraint check (the matching engine's own validation of fixed groups),
 * self-formed proposals between participants, and group creation with notifications.
 *
 * The parts live in core/models/group/: read.server.ts (groups, a group's view, the audit trail),
 * rules.server.ts (the check, explanation and score of a group, GroupRuleError), form.server.ts
 * (formGroup, the first meeting) and proposals.server.ts (self-formed proposals); this module
 * re-exports them all.
 */
export * from "./group/read.server";
export * from "./group/rules.server";
export * from "./group/form.server";
export * from "./group/proposals.server";
export { isStoreError } from "../store";
