/**
 * The backup archive's container: a POSIX "ustar" tar stream (gzip is applied around it), regular
 * files only. Small on purpose: the project has no tar library among its runtime dependencies, and
 * backups need only regular files with short relative names. GNU tar and bsdtar read these archives
 * (`tar -tzf maillage-backup-….tar.gz`), which makes a manual recovery possible without Maillage.
 */

const BLOCK = 512;
/** The largest entry accepted when reading (an upload or a data file), against hostile archives. */
export const MAX_ENTRY_BYTES = 2 * 1024 ** 3;

export class TarFormatError extends Error {}

export interface TarEntry {
  name: string;
  data: Buffer;
}

function writeString(block: Buffer, offset: number, length: number, value: string) {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > length) throw new TarFormatError(`tar: "${value}" is too long`);
  bytes.copy(block, offset);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number) {
  // length - 1 octal digits, then NUL.
  const text = value.toString(8).padStart(length - 1, "0");
  if (text.length > length - 1) throw new TarFormatError(`tar: ${value} does not fit`);
  writeString(block, offset, length, `${text}\0`);
}

/**
 * Splits a long name into ustar's prefix (155 bytes) and name (100 bytes) at a slash; undefined
 * when it cannot (a pax extended header then carries the whole name).
 */
function splitName(name: string): { prefix: string; name: string } | undefined {
  if (Buffer.byteLength(name) <= 100) return { prefix: "", name };
  for (let i = name.indexOf("/"); i >= 0; i = name.indexOf("/", i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest)
      return { prefix, name: rest };
  }
  return undefined;
}

/** A pax record `"<length> path=<name>\n"`, its length counting its own digits. */
function paxPath(name: string): Buffer {
  const body = ` path=${name}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return Buffer.from(`${length}${body}`, "utf8");
}

function checksum(block: Buffer) {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum;
}

/** One header block: a regular file ("0"), or a pax extended header ("x") for the next one. */
export function tarHeader(name: string, size: number, mtime: Date, type: "0" | "x" = "0"): Buffer {
  const block = Buffer.alloc(BLOCK);
  const parts = splitName(name);
  if (!parts) throw new TarFormatError(`tar: the name "${name}" is too long for a header`);
  writeString(block, 0, 100, parts.name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.floor(mtime.getTime() / 1000));
  block[156] = type.charCodeAt(0);
  writeString(block, 257, 6, "ustar\0");
  writeString(block, 263, 2, "00");
  writeString(block, 265, 32, "maillage");
  writeString(block, 297, 32, "maillage");
  writeString(block, 345, 155, parts.prefix);
  writeString(block, 148, 8, `${checksum(block).toString(8).padStart(6, "0")}\0 `);
  return block;
}

const pad = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/**
 * The blocks of one entry: header, data, padding to a whole block; preceded by a pax extended
 * header when the name does not fit ustar's fields (an upload's name can be 120 bytes).
 */
export function tarEntry(name: string, data: Uint8Array, mtime: Date): Buffer[] {
  const blocks: Buffer[] = [];
  let headerName = name;
  if (!splitName(name)) {
    const pax = paxPath(name);
    blocks.push(tarHeader("PaxHeader", pax.length, mtime, "x"), pax, pad(pax.length));
    // What a reader without pax support shows: the name cut to fit.
    headerName = name.slice(name.lastIndexOf("/") + 1).slice(0, 100);
  }
  blocks.push(tarHeader(headerName, data.byteLength, mtime), Buffer.from(data), pad(data.length));
  return blocks;
}

/** The end of an archive: two zero blocks. */
export function tarEnd(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

function readString(block: Buffer, offset: number, length: number) {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? length : end).toString("utf8");
}

function readOctal(block: Buffer, offset: number, length: number, what: string) {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]{1,12}$/.test(text)) throw new TarFormatError(`tar: invalid ${what} field`);
  return parseInt(text, 8);
}

/** Reads exact byte counts from a stream of chunks. */
class ByteReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Exactly `n` bytes, or undefined at the end of the stream (an error if it ends midway). */
  async read(n: number): Promise<Buffer | undefined> {
    while (this.length < n) {
      const next = await this.iterator.next();
      if (next.done) {
        if (this.length === 0) return undefined;
        throw new TarFormatError("tar: the archive is truncated");
      }
      this.buffered.push(next.value);
      this.length += next.value.length;
    }
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.buffered = rest.length ? [rest] : [];
    this.length = rest.length;
    return out;
  }
}

/**
 * The regular files of a tar stream, in order, each read whole. A pax extended header may give the
 * next file's path; anything else (links, devices, directories, other extended headers) is
 * refused: Maillage never writes them.
 */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source);
  let paxName: string | undefined;
  for (;;) {
    const block = await reader.read(BLOCK);
    if (!block) throw new TarFormatError("tar: the archive ends without its end marker");
    if (block.every((b) => b === 0)) return;
    if (readOctal(block, 148, 8, "checksum") !== checksum(block))
      throw new TarFormatError("tar: a header's checksum is wrong (the archive is corrupted)");
    if (readString(block, 257, 6) !== "ustar") throw new TarFormatError("tar: not a ustar archive");
    const type = String.fromCharCode(block[156]!);
    const prefix = readString(block, 345, 155);
    const headerName = prefix
      ? `${prefix}/${readString(block, 0, 100)}`
      : readString(block, 0, 100);
    if (type !== "0" && type !== "\0" && type !== "x")
      throw new TarFormatError(
        `tar: "${headerName}" is not a regular file (type ${JSON.stringify(type)})`,
      );
    const size = readOctal(block, 124, 12, "size");
    if (size > (type === "x" ? 64 * 1024 : MAX_ENTRY_BYTES))
      throw new TarFormatError(`tar: "${headerName}" is too large`);
    const data = size ? await reader.read(size) : Buffer.alloc(0);
    if (!data) throw new TarFormatError("tar: the archive is truncated");
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding && !(await reader.read(padding)))
      throw new TarFormatError("tar: the archive is truncated");
    if (type === "x") {
      if (paxName !== undefined) throw new TarFormatError("tar: two extended headers in a row");
      const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString("utf8"));
      if (!match) throw new TarFormatError("tar: an extended header without a path");
      paxName = match[1]!;
      continue;
    }
    yield { name: paxName ?? headerName, data: Buffer.from(data) };
    paxName = undefined;
  }
}
