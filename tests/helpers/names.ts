/**
 * Finding names in what the app shows or sends (the report's anonymity tests): whole words,
 * accents and case ignored ("chloe" and "CHLOÉ" both name Chloé).
 */
import type { StoreDocument } from "../../core/store/schema";

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The words of `words` found in `haystack` as whole words. */
export function namesFound(haystack: string, words: readonly string[]) {
  const folded = fold(haystack);
  return words.filter((word) => {
    const escaped = fold(word).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(folded);
  });
}

/**
 * A program's people and organizations as words a report must not contain: each participant's
 * name, its parts and email, their organizations' names; and its coordinators'.
 */
export function programWords(doc: StoreDocument, programId: string) {
  const program = doc.programs.find((p) => p.id === programId)!;
  const participants = doc.participants.filter((p) => p.programId === programId);
  const userIds = new Set(participants.map((p) => p.userId));
  const orgIds = new Set(participants.map((p) => p.organizationId));
  const words = (u: { name: string; email: string }) => [u.name, ...u.name.split(" "), u.email];
  return {
    participants: [
      ...doc.users.filter((u) => userIds.has(u.id)).flatMap(words),
      ...doc.organizations.filter((o) => orgIds.has(o.id)).map((o) => o.name),
    ],
    coordinators: doc.users.filter((u) => program.coordinatorIds.includes(u.id)).flatMap(words),
  };
}
