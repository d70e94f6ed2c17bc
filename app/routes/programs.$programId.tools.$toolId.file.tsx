import type { LoaderFunctionArgs } from "@remix-run/node";
import { canSeeTool, getTool, readToolFile } from "../../core/models/tool.server";
import { notFound, requireUser } from "~/utils/permissions.server";
import { servedType } from "~/utils/upload.server";
import { isId } from "../../core/utils/ids";

/**
 * A tool's file, for the people who may see the tool (its group's members; the program once the
 * tool is in the library). Always a download, with the type chosen by the server, never sniffed.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const user = await requireUser(s, request);
  const id = isId(params.toolId) ? params.toolId : "";
  const tool = id ? await getTool(s, id) : undefined;
  if (!tool || tool.programId !== params.programId || !tool.file) throw notFound();
  if (!(await canSeeTool(s, tool, user.id))) throw notFound();
  const data = await readToolFile(s, tool);
  const extension = (/\.([a-z0-9]{1,5})$/i.exec(tool.file.storedAs)?.[1] ?? "").toLowerCase();
  const ascii = tool.file.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": servedType(extension),
      "Content-Length": String(data.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(tool.file.name)}`,
      // nosniff and the site's policy come from server/http/headers.ts; this second policy
      // adds to it (browsers apply both): an opened file runs nothing and loads nothing.
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
