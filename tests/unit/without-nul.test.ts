/**
 * React 18.3's stream renderer and the 2 048-byte boundary (app/utils/without-nul.server.ts): a
 * multi-byte character placed so that it straddles byte 2 048 of the page, rendered by the
 * development and the production builds of `renderToPipeableStream` exactly as
 * app/entry.server.tsx pipes it.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PassThrough, type Writable } from "node:stream";
import { createElement, type ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { dropNulBytes, withoutNulBytes } from "../../app/utils/without-nul.server";
import { withoutBoundaryReplacements } from "../../core/store/migrations";

const require = createRequire(import.meta.url);
const cjs = join(dirname(require.resolve("react-dom/package.json")), "cjs");
type Renderer = (
  element: ReactElement,
  options: { onAllReady(): void; onShellError(e: unknown): void },
) => { pipe(destination: Writable): Writable };
const BUILDS: Record<string, Renderer> = {
  development: (
    require(join(cjs, "react-dom-server.node.development.js")) as {
      renderToPipeableStream: Renderer;
    }
  ).renderToPipeableStream,
  production: (
    require(join(cjs, "react-dom-server.node.production.min.js")) as {
      renderToPipeableStream: Renderer;
    }
  ).renderToPipeableStream,
};

/** The bytes of `element` rendered through `destination` (as the entry does: pipe on all ready). */
function render(build: Renderer, element: ReactElement, destination: Writable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    destination.on("data", (chunk: Buffer) => chunks.push(chunk));
    destination.on("end", () => resolve(Buffer.concat(chunks)));
    destination.on("error", reject);
    const { pipe } = build(element, {
      onAllReady: () => pipe(destination),
      onShellError: reject,
    });
  });
}

/** About 1 900 bytes of ASCII, then a prefilled textarea: the agreement form's shape. */
const page = (value: string) =>
  createElement(
    "main",
    null,
    ...[1, 2, 3].map((n) => createElement("p", { key: n }, "a".repeat(600))),
    createElement("textarea", { name: "objectives", defaultValue: value, readOnly: true }),
  );

const MARK = "ZZZ";
const CHARACTERS = [
  ["é", 2],
  ["’", 3],
  ["🍎", 4],
] as const;

describe("a page through React's stream renderer", () => {
  for (const [buildName, build] of Object.entries(BUILDS)) {
    it(`${buildName}: a character on the 2 048-byte boundary comes out intact and with no zero byte`, async () => {
      // Where the textarea's text starts in the page.
      const probe = await render(build, page(MARK), new PassThrough());
      const start = probe.indexOf(MARK);
      expect(start).toBeGreaterThan(1_800);
      expect(start).toBeLessThan(2_000);

      for (const [character, size] of CHARACTERS) {
        const bytes = Buffer.from(character);
        expect(bytes.byteLength).toBe(size);
        // `free` bytes left in the first view when the character comes: 0 (it starts the next
        // view), 1 to size - 1 (it does not fit), size (it just fits).
        for (let free = 0; free <= size; free++) {
          const value = `${"b".repeat(2048 - start - free)}${character} fin`;
          const label = `${character} with ${free} byte(s) left`;
          const raw = await render(build, page(value), new PassThrough());
          const fixed = await render(build, page(value), withoutNulBytes());

          // What React writes: the character whole, right after the padding of the first view.
          const padding = free > 0 && free < size ? free : 0;
          expect(raw.indexOf(bytes), label).toBe(2048 + (padding ? 0 : -free));
          expect([...raw.subarray(2048 - padding, 2048)], label).toEqual(Array(padding).fill(0));
          expect(raw.includes(0), label).toBe(padding > 0);

          // What the entry sends: the same bytes without the padding, valid UTF-8, the text whole.
          expect(fixed.includes(0), label).toBe(false);
          expect(fixed.equals(Buffer.from(dropNulBytes(raw))), label).toBe(true);
          const html = new TextDecoder("utf-8", { fatal: true }).decode(fixed);
          expect(html, label).toContain(`readonly="">${value}</textarea>`);
          expect(html, label).not.toContain("\uFFFD");
        }
      }
    });
  }
});

describe("a form saved back from a page with zero bytes", () => {
  it("is repaired by the store's document migration 1 → 2, and only where the zeros were", async () => {
    const build = BUILDS.production!;
    const start = (await render(build, page(MARK), new PassThrough())).indexOf(MARK);
    for (const [character, size] of CHARACTERS) {
      for (let free = 1; free < size; free++) {
        const value = `${"b".repeat(2048 - start - free)}${character} fin`;
        const raw = await render(build, page(value), new PassThrough());
        // A browser reads each zero byte in a textarea as U+FFFD, and the form sends that back.
        const html = new TextDecoder().decode(raw);
        const saved = /<textarea[^>]*>([^<]*)<\/textarea>/.exec(html)![1]!.replace(/\0/g, "\uFFFD");
        expect(saved).toBe(value.replace(character, "\uFFFD".repeat(free) + character));
        expect(withoutBoundaryReplacements(saved)).toBe(value);
      }
    }
  });
});

describe("dropNulBytes", () => {
  it("returns a chunk without zero bytes as it is, and never changes the chunk it is given", () => {
    const clean = new Uint8Array([0x3c, 0xc3, 0xa9, 0x3e]);
    expect(dropNulBytes(clean)).toBe(clean);
    const padded = new Uint8Array([0, 0x61, 0, 0, 0xe2, 0x80, 0x99, 0]);
    const copy = padded.slice();
    expect([...dropNulBytes(padded)]).toEqual([0x61, 0xe2, 0x80, 0x99]);
    expect(padded).toEqual(copy);
    expect([...dropNulBytes(new Uint8Array([0, 0, 0]))]).toEqual([]);
  });
});
