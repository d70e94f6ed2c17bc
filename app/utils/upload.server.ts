/**
 * Uploads of tools: a size limit checked before and while reading, a short list of document and
 * image types checked by extension *and* by content (magic bytes), and a safe name.
 */
import type { MessageKey } from "~/i18n";
import { readFormDataWithin } from "./forms";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Allowed extensions, the type the file is served with, and a check of its first bytes. */
const TYPES: Record<string, { type: string; magic?: number[][]; text?: boolean }> = {
  pdf: { type: "application/pdf", magic: [[0x25, 0x50, 0x44, 0x46]] },
  png: { type: "image/png", magic: [[0x89, 0x50, 0x4e, 0x47]] },
  jpg: { type: "image/jpeg", magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { type: "image/jpeg", magic: [[0xff, 0xd8, 0xff]] },
  docx: {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  xlsx: {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  pptx: {
    type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  odt: { type: "application/vnd.oasis.opendocument.text", magic: [[0x50, 0x4b, 0x03, 0x04]] },
  ods: {
    type: "application/vnd.oasis.opendocument.spreadsheet",
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  doc: { type: "application/msword", magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  xls: { type: "application/vnd.ms-excel", magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  csv: { type: "text/csv; charset=utf-8", text: true },
  txt: { type: "text/plain; charset=utf-8", text: true },
};
export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

export function servedType(extension: string) {
  return TYPES[extension]?.type ?? "application/octet-stream";
}

export type UploadCheck =
  | { ok: true; file?: { data: Uint8Array; name: string; extension: string; type: string } }
  | { ok: false; key: MessageKey; params?: Record<string, string | number> };

/** Checks one uploaded file (or none) against the size limit and the allowed types. */
export async function checkUpload(file: File | null): Promise<UploadCheck> {
  if (!file || file.size === 0) return { ok: true };
  if (file.size > MAX_UPLOAD_BYTES)
    return { ok: false, key: "errors.fileTooLarge", params: { max: MAX_UPLOAD_BYTES / 1048576 } };
  // Path separators and control characters out of the name shown and sent back.
  const name =
    [...file.name]
      .map((c) => (c === "/" || c === "\\" || c.charCodeAt(0) < 32 ? "_" : c))
      .join("")
      .slice(-200) || "fichier";
  const extension = (/\.([a-z0-9]{1,5})$/i.exec(name)?.[1] ?? "").toLowerCase();
  const kind = TYPES[extension];
  if (!kind)
    return { ok: false, key: "errors.fileType", params: { types: ALLOWED_EXTENSIONS.join(", ") } };
  const data = new Uint8Array(await file.arrayBuffer());
  const matches = kind.text
    ? !data.includes(0)
    : (kind.magic ?? []).some((magic) => magic.every((byte, i) => data[i] === byte));
  if (!matches)
    return { ok: false, key: "errors.fileType", params: { types: ALLOWED_EXTENSIONS.join(", ") } };
  return { ok: true, file: { data, name, extension, type: kind.type } };
}

/**
 * Parses a multipart form with its file in memory, up to the upload limit (counted on the whole
 * body, declared or not). Returns null when the body is larger than allowed; a malformed body
 * reads as an empty form. (Remix's multipart parser failed on file names with "=" in them.)
 */
export async function parseUploadForm(request: Request): Promise<FormData | null> {
  const form = await readFormDataWithin(request, MAX_UPLOAD_BYTES + 64 * 1024);
  if (!form) return null;
  for (const value of form.values()) {
    if (typeof value !== "string" && value.size > MAX_UPLOAD_BYTES) return null;
  }
  return form;
}
