/**
 * The page stream without its zero bytes (docs/decisions/0017-response-encoding.md).
 *
 * React 18.3's `renderToPipeableStream` copies the HTML into 2 048-byte views. When the next
 * string does not fit in what is left of a view, `TextEncoder.encodeInto` stops before the first
 * character that does not fit (it never writes part of a character), and React sends the *whole*
 * view, whose unwritten tail is still zeros, then writes the rest of the string, that character
 * first, into a new view (facebook/react#24985, #27554; fixed upstream after 18.3). So a page
 * carries 1 to 3 zero bytes just before a multi-byte character that fell on the boundary, and the
 * character itself is intact. A browser turns such a zero into U+FFFD in a textarea, an attribute
 * value or a script, and a form saved back stores "�".
 *
 * A zero byte is never part of a multi-byte UTF-8 character (their bytes are all ≥ 0x80), so
 * dropping every zero byte restores the exact text React meant to send. The only other zero a page
 * could hold is a U+0000 in the data, which HTML forbids anyway (browsers drop it or show U+FFFD).
 */
import { Transform, type TransformCallback } from "node:stream";

/** `bytes` without its zero bytes: the same buffer when it has none, else a new one. */
export function dropNulBytes(bytes: Uint8Array): Uint8Array {
  let zero = bytes.indexOf(0);
  if (zero === -1) return bytes;
  const out = new Uint8Array(bytes.byteLength - 1);
  let length = 0;
  let start = 0;
  while (zero !== -1) {
    out.set(bytes.subarray(start, zero), length);
    length += zero - start;
    start = zero + 1;
    zero = bytes.indexOf(0, start);
  }
  out.set(bytes.subarray(start), length);
  length += bytes.byteLength - start;
  return out.subarray(0, length);
}

/**
 * A pass-through for React's byte chunks that drops their zero bytes. It never changes a chunk in
 * place: React sends some of its precomputed chunks (shared by every render) as they are.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      const bytes = dropNulBytes(chunk);
      callback(null, bytes.byteLength > 0 ? bytes : undefined);
    },
  });
}
