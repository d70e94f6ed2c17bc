/**
 * Uploads of tools: a size limit checked before and while reading, a short list of document and
 * image types checked by extension *and* by content, and a safe name. The content of a binary
 * type is identified by `file-type` (a maintained library that reads the file's signature and, for
 * ZIP-based formats, the entries that tell a Word document from a spreadsheet or an OpenDocument
 * text); a text type must not contain a NUL byte.
 */
import { fileTypeFromBuffer } from "file-type";
import type { MessageKey } from "../../core/i18n";
import { readFormDataWithin } from "../../core/utils/forms";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Allowed extensions, the type the file is served with, and what file-type must find in it (its
 * `ext`): the same format, an animated PNG for a PNG, and the Compound File container that both
 * legacy Word and Excel files are (file-type does not tell them apart: neither did the old check).
 */
const TYPES: Record<string, { type: string; detected?: readonly string[]; text?: boolean }> = {
  pdf: { type: "application/pdf", detected: ["pdf"] },
  png: { type: "image/png", detected: ["png", "apng"] },
  jpg: { type: "image/jpeg", detected: ["jpg"] },
  jpeg: { type: "image/jpeg", detected: ["jpg"] },
  docx: {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    detected: ["docx"],
  },
  xlsx: {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    detected: ["xlsx"],
  },
  pptx: {
    type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    detected: ["pptx"],
  },
  odt: { type: "application/vnd.oasis.opendocument.text", detected: ["odt"] },
  ods: { type: "application/vnd.oasis.opendocument.spreadsheet", detected: ["ods"] },
  doc: { type: "application/msword", detected: ["cfb"] },
  xls: { type: "application/vnd.ms-excel", detected: ["cfb"] },
  csv: { type: "text/csv; charset=utf-8", text: true },
  txt: { type: "text/plain; charset=utf-8", text: true },
};
export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

export function servedType(extension: string) {
  return TYPES[extension]?.type ?? "application/octet-stream";
}

/** The format file-type finds in the content; a file it cannot parse is of no accepted type. */
function detectedType(data: Uint8Array) {
  return fileTypeFromBuffer(data).catch(() => undefined);
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
    : (kind.detected ?? []).includes((await detectedType(data))?.ext ?? "");
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
