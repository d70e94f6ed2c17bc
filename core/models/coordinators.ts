/**
 * Does this person coordinate this program? The one answer every program-scoped coordinator
 * permission asks (core/permissions, the models' own checks inside their transactions): the
 * coordinator role of an account lets it create programs, never act on a program it does not
 * coordinate (ADR 0035).
 */
export function coordinates(program: { coordinatorIds: readonly string[] }, userId: string) {
  return program.coordinatorIds.includes(userId);
}
