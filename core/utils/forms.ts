/**
 * Reading a form body within a size limit (docs/decisions/0019-one-form-pattern.md). The base
 * layer: no message keys here (those are core/schemas/forms.ts), nothing else of core imported.
 */

/** The largest form body read (URL-encoded or multipart without a file): 1 MiB. */
export const MAX_FORM_BYTES = 1024 * 1024;
/** Beyond this, a too-large body is not even drained to answer politely: the connection is cut. */
export const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

/**
 * Reads a form body with a size limit, checked on the declared length and while reading: the
 * form, or null when the body is over `maxBytes` (the rest of it is drained, or the connection
 * cut when far over; the caller answers 413). A body that is not a form (no or a wrong content
 * type, malformed multipart) reads as an empty form, so the schema names what is missing rather
 * than the server failing. Multipart bodies with files are parsed too.
 */
export async function readFormDataWithin(
  request: Request,
  maxBytes: number,
): Promise<FormData | null> {
  const declared = Number(request.headers.get("content-length") ?? "");
  const contentType = request.headers.get("content-type") ?? "";
  const body = request.body;
  if (!body) return new FormData();
  const reader = body.getReader();
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (declared > MAX_DRAIN_BYTES) await reader.cancel().catch(() => undefined);
    else await drain(reader, 0);
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await drain(reader, size);
      return null;
    }
    chunks.push(value);
  }
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) {
    return new FormData();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return await new Response(bytes, {
      headers: { "Content-Type": contentType },
    }).formData();
  } catch {
    return new FormData();
  }
}

/**
 * Reads and discards the rest of a refused body so the client receives the 413 on an intact
 * connection; a body far over the limit is cut instead.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, already: number) {
  let size = already;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
    if (size > MAX_DRAIN_BYTES) {
      await reader.cancel().catch(() => undefined);
      return;
    }
  }
}
