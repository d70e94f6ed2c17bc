/**
 * The tools library: tools shared in a group (a link or an uploaded file), in any direction
 * (mentees share too). A member can ask to share a tool with the whole program; with the author's
 * consent it joins the program-wide library, searchable by theme. Files are served only to the
 * people who may see the tool: the group's members, or the program once it is in the library.
 */
import { coordinates } from "./coordinators";
import { newId } from "../store";
import type { EntityOf } from "../store";
import { notify } from "./notification.server";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type Tool = EntityOf<"tools">;

export class ToolNotFoundError extends DomainError {
  constructor() {
    super({
      name: "ToolNotFoundError",
      code: "tool-not-found",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}
export class NotTheAuthorError extends DomainError {
  constructor() {
    super({
      name: "NotTheAuthorError",
      code: "not-the-author",
      messageKey: "errors.notTheAuthor",
      status: 403,
    });
  }
}

export async function listGroupTools(s: Services, groupId: string) {
  const tools = await s.store.find("tools", { groupId });
  return tools.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/** The program-wide library, optionally filtered by theme and by words in the title or description. */
export async function listLibrary(
  s: Services,
  programId: string,
  filter: { theme?: string; q?: string } = {},
) {
  const words = fold(filter.q ?? "")
    .split(/\s+/)
    .filter(Boolean);
  const tools = (await s.store.find("tools", { programId, programWide: true })).filter(
    (t) =>
      (!filter.theme || t.theme === filter.theme) &&
      words.every((w) => fold(`${t.title} ${t.description}`).includes(w)),
  );
  return tools.sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

export async function getTool(s: Services, id: string) {
  return s.store.get("tools", id);
}

export async function createTool(
  s: Services,
  input: {
    programId: string;
    groupId: string;
    authorId: string;
    title: string;
    description: string;
    theme: string;
    url?: string;
    file?: { data: Uint8Array; name: string; extension: string; type: string };
  },
) {
  // The file is written first; if the record cannot be stored, the file is removed again.
  const storedAs = input.file
    ? await s.uploads.save(input.file.data, input.file.extension)
    : undefined;
  try {
    return await s.store.insert("tools", {
      id: newId("tool"),
      programId: input.programId,
      groupId: input.groupId,
      authorId: input.authorId,
      title: input.title,
      description: input.description,
      theme: input.theme,
      url: input.url || undefined,
      file:
        input.file && storedAs
          ? {
              name: input.file.name,
              storedAs,
              size: input.file.data.byteLength,
              type: input.file.type,
            }
          : undefined,
      programWide: false,
      createdAt: s.clock.now().toISOString(),
    });
  } catch (error) {
    if (storedAs) await s.uploads.remove(storedAs);
    throw error;
  }
}

async function groupTool(s: Services, groupId: string, toolId: string) {
  const tool = await s.store.get("tools", toolId);
  if (!tool || tool.groupId !== groupId) throw new ToolNotFoundError();
  return tool;
}

/**
 * A member asks to share a tool with the program. The author's own request is their consent; anyone
 * else's request waits for the author, who is notified (once, for the request that changed it).
 */
export async function requestProgramShare(
  s: Services,
  groupId: string,
  toolId: string,
  actorId: string,
) {
  return s.store.transaction(async (tx) => {
    const tool = await groupTool(s, groupId, toolId);
    if (tool.programWide) return { status: "shared" as const };
    const now = s.clock.now().toISOString();
    if (tool.authorId === actorId) {
      await tx.update("tools", tool.id, {
        programWide: true,
        sharedAt: now,
        shareRequest: undefined,
      });
      return { status: "shared" as const };
    }
    if (tool.shareRequest?.status === "pending") return { status: "requested" as const };
    await tx.update("tools", tool.id, {
      shareRequest: { by: actorId, at: now, status: "pending" },
    });
    const author = tool.authorId ? await tx.get("participants", tool.authorId) : undefined;
    if (author) {
      await notify(s, {
        userId: author.userId,
        programId: tool.programId,
        kind: "toolShareRequest",
        params: { tool: tool.title },
        link: `/programs/${tool.programId}/groups/${groupId}/tools`,
      });
    }
    return { status: "requested" as const };
  });
}

/** The author answers a request to share their tool with the program. */
export async function answerShareRequest(
  s: Services,
  groupId: string,
  toolId: string,
  authorId: string,
  consent: boolean,
) {
  return s.store.transaction(async (tx) => {
    const tool = await groupTool(s, groupId, toolId);
    if (tool.authorId !== authorId) throw new NotTheAuthorError();
    if (!tool.shareRequest || tool.shareRequest.status !== "pending") return tool;
    return tx.update(
      "tools",
      tool.id,
      consent
        ? { programWide: true, sharedAt: s.clock.now().toISOString(), shareRequest: undefined }
        : { shareRequest: { ...tool.shareRequest, status: "declined" } },
    );
  });
}

/** The author takes their tool out of the program's library (it stays in the group). */
export async function withdrawFromLibrary(
  s: Services,
  groupId: string,
  toolId: string,
  authorId: string,
) {
  return s.store.transaction(async (tx) => {
    const tool = await groupTool(s, groupId, toolId);
    if (tool.authorId !== authorId) throw new NotTheAuthorError();
    return tx.update("tools", tool.id, { programWide: false, sharedAt: undefined });
  });
}

/** The author deletes their tool; its file goes once the deletion is committed. */
export async function deleteTool(s: Services, groupId: string, toolId: string, authorId: string) {
  const store = s.store;
  await store.transaction(async (tx) => {
    const tool = await groupTool(s, groupId, toolId);
    if (tool.authorId !== authorId) throw new NotTheAuthorError();
    await tx.remove("tools", tool.id);
    const file = tool.file;
    if (file) await store.afterCommit(() => s.uploads.remove(file.storedAs));
  });
}

/**
 * Who may open a tool (and download its file): the members of its group; once in the library,
 * the program's participants and coordinators. Anyone else: not found.
 */
export async function canSeeTool(s: Services, tool: Tool, userId: string) {
  const store = s.store;
  const program = await store.get("programs", tool.programId);
  if (!program) return false;
  const participants = await store.find("participants", { userId, programId: tool.programId });
  if (tool.programWide) return coordinates(program, userId) || participants.length > 0;
  if (!tool.groupId) return false;
  const group = await store.get("groups", tool.groupId);
  return Boolean(
    group && group.status === "active" && participants.some((p) => group.memberIds.includes(p.id)),
  );
}

export async function readToolFile(s: Services, tool: Tool) {
  if (!tool.file) throw new ToolNotFoundError();
  return s.uploads.read(tool.file.storedAs);
}
