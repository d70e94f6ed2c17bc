import type { useLoaderData } from "@remix-run/react";
import type { formationPageData, RegroupingProposal } from "~/utils/formation-page.server";

export type { RegroupingProposal };

/** What the formation page's loader gives its sections (app/utils/formation-page.server.ts). */
export type FormationData = ReturnType<typeof useLoaderData<typeof formationPageData>>;
export type FormationRun = NonNullable<FormationData["run"]>;
/** The best replacements for one member of a proposal (the page's "replacements" answer). */
export interface ReplacementsView {
  runId: string;
  groupId: string;
  outId: string;
  replacements: { id: string; swapWith: string | null; score: number; delta: number }[];
}
