/**
 * The group's action plan: the mentees' needs in the group's order of priority, each with a status
 * and notes. A need outside the expertise of the group's other members is flagged (the pilot's
 * Synergies group lost time to needs that drifted outside its mentor's field).
 */
import { newId } from "../store";
import type { EntityOf } from "../store";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { tagNamer } from "../data/tag-label";

export type ActionItem = EntityOf<"actionItems">;
type Group = EntityOf<"groups">;

export async function listActionItems(s: Services, groupId: string) {
  const items = await s.store.find("actionItems", { groupId });
  return items.sort((a, b) => a.rank - b.rank);
}

/** Subjects the members other than `ownerId` can help with. */
export async function expertiseAround(s: Services, group: Group) {
  const store = s.store;
  const members = await Promise.all(group.memberIds.map((id) => store.get("participants", id)));
  return (ownerId: string | undefined) =>
    new Set(members.filter((m) => m && m.id !== ownerId).flatMap((m) => m!.profile.expertise));
}

/** Adds the members' published needs not yet in the plan (mentees' needs; everyone's in co-development). */
export async function importNeeds(s: Services, group: Group) {
  return s.store.transaction(async (tx) => {
    const existing = await tx.find("actionItems", { groupId: group.id });
    const program = await tx.get("programs", group.programId);
    // The title is stored in French (the program's language); pages name the subject by `tag`.
    const label = tagNamer(program?.taxonomy ?? [], "fr");
    let rank = existing.reduce((max, i) => Math.max(max, i.rank + 1), 0);
    const now = s.clock.now().toISOString();
    let added = 0;
    const members = await Promise.all(group.memberIds.map((id) => tx.get("participants", id)));
    const needs = members
      .filter((m) => m && m.role !== "mentor")
      .flatMap((m) =>
        m!.profile.needs.map((n) => ({ owner: m!.id, tag: n.tag, priority: n.priority })),
      )
      .sort((a, b) => b.priority - a.priority);
    for (const need of needs) {
      if (existing.some((i) => i.tag === need.tag && i.ownerId === need.owner)) continue;
      await tx.insert("actionItems", {
        id: newId("act"),
        groupId: group.id,
        title: label(need.tag),
        ownerId: need.owner,
        tag: need.tag,
        rank: rank++,
        status: "todo",
        source: "need",
        createdAt: now,
        updatedAt: now,
      });
      added++;
    }
    return added;
  });
}

export async function addActionItem(
  s: Services,
  groupId: string,
  title: string,
  ownerId: string,
  source: ActionItem["source"] = "manual",
) {
  return s.store.transaction(async (tx) => {
    const existing = await tx.find("actionItems", { groupId });
    const now = s.clock.now().toISOString();
    return tx.insert("actionItems", {
      id: newId("act"),
      groupId,
      title,
      ownerId,
      rank: existing.reduce((max, i) => Math.max(max, i.rank + 1), 0),
      status: "todo",
      source,
      createdAt: now,
      updatedAt: now,
    });
  });
}

export class ActionItemNotFoundError extends DomainError {
  constructor() {
    super({
      name: "ActionItemNotFoundError",
      code: "action-item-not-found",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}

/** Moves an item one place up or down in the group's order. */
export async function moveActionItem(
  s: Services,
  groupId: string,
  itemId: string,
  direction: "up" | "down",
) {
  return s.store.transaction(async (tx) => {
    const items = (await tx.find("actionItems", { groupId })).sort((a, b) => a.rank - b.rank);
    const index = items.findIndex((i) => i.id === itemId);
    if (index < 0) throw new ActionItemNotFoundError();
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= items.length) return;
    const reordered = [...items];
    [reordered[index], reordered[other]] = [reordered[other]!, reordered[index]!];
    for (const [rank, item] of reordered.entries()) {
      if (item.rank !== rank) await tx.update("actionItems", item.id, { rank });
    }
  });
}

export async function updateActionItem(
  s: Services,
  groupId: string,
  itemId: string,
  patch: { status: ActionItem["status"]; notes: string },
) {
  return s.store.transaction(async (tx) => {
    const item = await tx.get("actionItems", itemId);
    if (!item || item.groupId !== groupId) throw new ActionItemNotFoundError();
    return tx.update("actionItems", itemId, { ...patch, updatedAt: s.clock.now().toISOString() });
  });
}
