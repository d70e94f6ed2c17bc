import { z } from "zod";
import { optionalText, requiredText, text, idSchema } from "./fields";

/** Adding a tool: a link or a file (the file is checked by the action, see the tools page). */
export const toolFormSchema = z.object({
  intent: z.literal("create"),
  title: requiredText(3, 200),
  description: optionalText(2000),
  theme: z
    .union([z.literal(""), z.string().regex(/^[a-z0-9-]{1,48}$/, "errors.choice")])
    .default(""),
  url: optionalText(500).refine((v) => v === "" || /^https?:\/\/[^\s<>"]+$/.test(v), "errors.url"),
});

export const toolActionSchema = z.object({
  intent: z.enum(["share", "consent", "decline", "withdraw", "delete"]),
  toolId: idSchema,
});

/** A group's tools page: add a tool, or act on one (share, answer a request, withdraw, delete). */
export const groupToolsSchema = z.discriminatedUnion("intent", [toolFormSchema, toolActionSchema]);

export type ToolForm = z.input<typeof toolFormSchema>;
export type GroupToolsForm = z.input<typeof groupToolsSchema>;

export const libraryFilterSchema = z.object({
  theme: z.union([z.literal(""), z.string().regex(/^[a-z0-9-]{1,48}$/)]).default(""),
  q: text().max(100).default(""),
});
