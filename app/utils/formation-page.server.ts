/**
 * What the formation page shows a coordinator (app/routes/programs.$programId.formation.tsx): the
 * latest solver run, the active groups, the proposals awaiting approval, the people, the pair rules
 * and the journal. Its sections (app/components/formation/*) take their types from it.
 */
import { latestRun } from "../../core/models/formation.server";
import {
  activeGroups,
  listAudit,
  listProposalsAwaitingApproval,
} from "../../core/models/group.server";
import { listParticipantRows } from "../../core/models/participant.server";
import { listCoMentors } from "../../core/models/co-mentors.server";
import type { Program } from "../../core/models/program.server";
import type { Services } from "../../core/services";
import { tagOptions } from "../../core/data/tag-label";

export type { RegroupingProposal } from "../../core/models/formation-local.server";

export async function formationPageData(s: Services, program: Program) {
  const [run, groups, awaiting, people, auditTrail, coMentors] = await Promise.all([
    latestRun(s, program.id),
    activeGroups(s, program.id),
    listProposalsAwaitingApproval(s, program.id),
    listParticipantRows(s, program.id),
    listAudit(s, program.id),
    listCoMentors(s, program.id),
  ]);
  const names = Object.fromEntries(people.map((p) => [p.id, `${p.name} (${p.organization})`]));
  const grouped = new Set(groups.flatMap((g) => g.memberIds));
  return {
    programId: program.id,
    names,
    taxonomy: tagOptions(program.taxonomy),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      grouped: grouped.has(p.id),
    })),
    run: run
      ? {
          id: run.id,
          status: run.status,
          startedAt: run.startedAt,
          result: run.result ?? null,
          editedAt: run.editedAt ?? null,
          groups: run.groups,
          unplaced: run.unplaced,
          error: run.error ?? null,
        }
      : null,
    groups: groups.map((g) => ({
      id: g.id,
      memberIds: g.memberIds,
      origin: g.origin,
      score: g.score ?? 0,
      suggestedFirstMeeting: g.suggestedFirstMeeting,
    })),
    awaiting: awaiting.map((p) => ({ id: p.id, memberIds: p.memberIds })),
    pins: program.pins,
    forbids: program.forbids,
    coMentors,
    audit: auditTrail.slice(0, 40),
  };
}
