/**
 * The room note's CRDT pieces without a server: the server's copy (NoteDoc) refuses what it must
 * and never throws anything else; the browser's binding (NoteBinding) turns typing into minimal
 * edits and keeps each person's caret and text together while the others' text arrives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { NOTE_MAX_LENGTH, NOTE_TEXT_NAME } from "../../core/data/room-note";
import { NoteBinding, textEdit, type TextField } from "../../app/components/live/useRoomNote";
import { NoteDoc, NoteRefused } from "../../server/live/room-note";

/** A browser's copy typing `text` at `index`: the update it sends. */
function typed(doc: Y.Doc, index: number, text: string) {
  const updates: Uint8Array[] = [];
  const keep = (u: Uint8Array) => updates.push(u);
  doc.on("update", keep);
  doc.getText(NOTE_TEXT_NAME).insert(index, text);
  doc.off("update", keep);
  return Y.mergeUpdates(updates);
}

function synced(server: NoteDoc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, server.diff(Y.encodeStateVector(doc)));
  return doc;
}

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof NoteRefused) return error.reason;
    throw error;
  }
  return "accepted";
}

describe("the server's copy of a room note", () => {
  it("merges two people's concurrent edits: both texts are kept, in every copy", () => {
    const server = new NoteDoc();
    server.apply(typed(synced(server), 0, "Ordre du jour\n"));
    const amelie = synced(server);
    const nathalie = synced(server);
    // Both type at the end at the same time, neither having seen the other's text.
    const a = typed(amelie, 14, "Amélie : budget partagé\n");
    const n = typed(nathalie, 14, "Nathalie : calendrier\n");
    const fromA = server.apply(a)!;
    const fromN = server.apply(n)!;
    Y.applyUpdate(amelie, fromN);
    Y.applyUpdate(nathalie, fromA);
    for (const text of [
      server.toString(),
      ...[amelie, nathalie].map((d) => d.getText(NOTE_TEXT_NAME).toString()),
    ]) {
      expect(text).toContain("Ordre du jour\n");
      expect(text).toContain("Amélie : budget partagé\n");
      expect(text).toContain("Nathalie : calendrier\n");
    }
    expect(amelie.getText(NOTE_TEXT_NAME).toString()).toBe(server.toString());
    expect(nathalie.getText(NOTE_TEXT_NAME).toString()).toBe(server.toString());
    // A copy rebuilt from the saved state has the same text (a restart, another process).
    const again = new NoteDoc();
    again.merge(server.compact());
    expect(again.toString()).toBe(server.toString());
  });

  it("refuses malformed updates without throwing anything else, and stays as it was", () => {
    const server = new NoteDoc();
    const browser = synced(server);
    server.apply(typed(browser, 0, "Texte gardé"));
    const valid = typed(browser, 11, " et la suite");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 200 }),
          // A real update cut short, or with a byte changed.
          fc.nat(valid.length - 1).map((n) => valid.slice(0, n)),
          fc
            .tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }))
            .map(([i, b]) => valid.map((v, j) => (j === i ? b : v))),
        ),
        (update) => {
          const before = { text: server.toString(), vector: server.stateVector() };
          const outcome = refusal(() => server.apply(update));
          if (outcome !== "accepted") {
            expect(outcome).toBe("malformed");
            expect(server.toString()).toBe(before.text);
            expect(server.stateVector()).toEqual(before.vector);
          }
          // Whatever was accepted is a text, and the copy still takes real updates.
          expect(typeof server.toString()).toBe("string");
        },
      ),
      { numRuns: 300 },
    );
    expect(refusal(() => server.diff(new Uint8Array([0xff, 0xff, 0xff])))).toBe("malformed");
  });

  it("refuses an update that depends on text it has not seen, or adds another shared type", () => {
    const server = new NoteDoc();
    const elsewhere = new Y.Doc();
    typed(elsewhere, 0, "Début");
    const next = typed(elsewhere, 5, " et fin"); // needs "Début", which the server never got
    expect(refusal(() => server.apply(next))).toBe("malformed");
    expect(server.toString()).toBe("");

    const other = new Y.Doc();
    const updates: Uint8Array[] = [];
    other.on("update", (u: Uint8Array) => updates.push(u));
    other.getMap("ailleurs").set("x", "y".repeat(1000));
    expect(refusal(() => server.apply(updates[0]!))).toBe("malformed");
    expect([...server.doc.share.keys()]).toEqual([NOTE_TEXT_NAME]);
  });

  it("refuses an update that makes the text longer than the limit, but lets it shrink", () => {
    const server = new NoteDoc();
    const browser = synced(server);
    server.apply(typed(browser, 0, "x".repeat(NOTE_MAX_LENGTH - 3)));
    expect(refusal(() => server.apply(typed(browser, 0, "abc")))).toBe("accepted");
    const tooMuch = typed(browser, 0, "d");
    expect(refusal(() => server.apply(tooMuch))).toBe("too_long");
    expect(server.toString().length).toBe(NOTE_MAX_LENGTH);

    // Over the limit (copies from two processes merged): deleting is still possible.
    const big = new NoteDoc();
    const writer = synced(big);
    big.apply(typed(writer, 0, "y".repeat(NOTE_MAX_LENGTH)));
    big.merge(typed(new Y.Doc(), 0, "z".repeat(10)));
    expect(big.toString().length).toBe(NOTE_MAX_LENGTH + 10);
    const shorter = synced(big);
    const updates: Uint8Array[] = [];
    shorter.on("update", (u: Uint8Array) => updates.push(u));
    shorter.getText(NOTE_TEXT_NAME).delete(0, 5);
    expect(refusal(() => big.apply(updates[0]!))).toBe("accepted");
    expect(big.toString().length).toBe(NOTE_MAX_LENGTH + 5);
  });

  it("seeds a note saved as plain text the same way on every process", () => {
    const one = new NoteDoc();
    const two = new NoteDoc();
    one.merge(NoteDoc.seed("Note d'avant"));
    two.merge(NoteDoc.seed("Note d'avant"));
    one.merge(two.compact());
    expect(one.toString()).toBe("Note d'avant");
  });
});

describe("the textarea's edits", () => {
  it("turn the old text into the new one, at the caret", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        fc.string({ unit: "grapheme", maxLength: 5 }),
        (before, a, b, typedText) => {
          // A selection (maybe empty) replaced by what is typed, as a textarea does.
          const start = Math.min(a, b) % (before.length + 1);
          const end = Math.max(start, Math.max(a, b) % (before.length + 1));
          const after = before.slice(0, start) + typedText + before.slice(end);
          const caret = start + typedText.length;
          const edit = textEdit(before, after, caret);
          const result =
            before.slice(0, edit.index) + edit.insert + before.slice(edit.index + edit.remove);
          expect(result).toBe(after);
          // The edit ends at the caret or after it (never split what follows the caret).
          expect(edit.index + edit.insert.length).toBeGreaterThanOrEqual(
            Math.min(caret, after.length),
          );
        },
      ),
      { numRuns: 500 },
    );
    expect(textEdit("aa", "aaa", 2)).toEqual({ index: 1, remove: 0, insert: "a" });
    expect(textEdit("aa", "aaa", 1)).toEqual({ index: 0, remove: 0, insert: "a" });
    // Never a lone half of a surrogate pair.
    expect(textEdit("😀", "😁", 2)).toEqual({ index: 0, remove: 2, insert: "😁" });
  });
});

/** A textarea stand-in: a value, a caret, typing at the caret as a browser does. */
class Field implements TextField {
  value = "";
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection = "none" as const;
  setSelectionRange(start: number, end: number) {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  type(binding: NoteBinding, char: string) {
    this.value =
      this.value.slice(0, this.selectionStart) + char + this.value.slice(this.selectionEnd);
    this.selectionStart = this.selectionEnd = this.selectionStart + char.length;
    binding.input();
  }
}

/**
 * The server's side of the socket, in memory: syncs and updates go to `server`; what an update
 * changed is held for the other browsers until a test delivers it (each sees the others late).
 */
class Relay {
  readonly server = new NoteDoc();
  private readonly inbox = new Map<NoteBinding, Uint8Array[]>();
  readonly reports = new Map<NoteBinding, string[]>();

  person() {
    const binding: NoteBinding = new NoteBinding(
      "r1-1",
      async <T>(name: string, payload: Record<string, unknown>) => {
        if (name === "note:sync") {
          const data = {
            update: this.server.diff(payload.stateVector as Uint8Array),
            stateVector: this.server.stateVector(),
          };
          return { ok: true as const, data: data as T };
        }
        try {
          const changed = this.server.apply(payload.update as Uint8Array);
          if (changed)
            for (const [other, inbox] of this.inbox) if (other !== binding) inbox.push(changed);
          return { ok: true as const, data: {} as T };
        } catch (error) {
          if (!(error instanceof NoteRefused)) throw error;
          return { ok: false as const, error: { code: "note_full", message: "Note pleine." } };
        }
      },
      (message) => this.reports.get(binding)!.push(message),
    );
    this.inbox.set(binding, []);
    this.reports.set(binding, []);
    const field = new Field();
    binding.attach(field);
    return { binding, field };
  }

  deliver(to: NoteBinding) {
    for (const update of this.inbox.get(to)!.splice(0)) to.remote(update);
  }
}

const flushed = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("two browsers typing in the same note at the same time", () => {
  it("keep each one's text whole and each caret after its own text, in both windows", async () => {
    const relay = new Relay();
    const { server } = relay;
    const deliver = (to: NoteBinding) => relay.deliver(to);
    const amelie = relay.person();
    const nathalie = relay.person();
    await Promise.all([amelie.binding.sync(), nathalie.binding.sync()]);

    const a = "Amélie : budget partagé.";
    const n = "Nathalie : calendrier des visites.";
    for (let i = 0; i < Math.max(a.length, n.length); i++) {
      if (i < a.length) amelie.field.type(amelie.binding, a[i]!);
      if (i < n.length) nathalie.field.type(nathalie.binding, n[i]!);
      await flushed();
      // Every third keystroke, each sees what the other typed so far.
      if (i % 3 === 0) {
        deliver(amelie.binding);
        deliver(nathalie.binding);
      }
    }
    for (let round = 0; round < 5; round++) {
      await flushed();
      deliver(amelie.binding);
      deliver(nathalie.binding);
    }
    for (const { field } of [amelie, nathalie]) {
      expect(field.value).toContain(a);
      expect(field.value).toContain(n);
      expect(field.value).toBe(server.toString());
    }
    // Each caret right after its owner's text.
    expect(amelie.field.value.slice(0, amelie.field.selectionStart).endsWith(a)).toBe(true);
    expect(nathalie.field.value.slice(0, nathalie.field.selectionStart).endsWith(n)).toBe(true);
  });

  it("show the server's text again when an update is refused (the note is full), and say why", async () => {
    const relay = new Relay();
    relay.server.apply(typed(synced(relay.server), 0, "x".repeat(NOTE_MAX_LENGTH - 1)));
    const { binding, field } = relay.person();
    await binding.sync();
    expect(field.value.length).toBe(NOTE_MAX_LENGTH - 1);
    field.setSelectionRange(field.value.length, field.value.length);
    // "a" fits; "b", typed before the answer came, would not: refused.
    field.type(binding, "a");
    field.type(binding, "b");
    for (let i = 0; i < 5; i++) await flushed();
    expect(relay.server.toString()).toBe(`${"x".repeat(NOTE_MAX_LENGTH - 1)}a`);
    expect(field.value).toBe(relay.server.toString());
    expect(relay.reports.get(binding)).toContain("Note pleine.");
    // And typing goes on from there (after a deletion).
    field.setSelectionRange(field.value.length - 1, field.value.length);
    field.type(binding, "c");
    for (let i = 0; i < 5; i++) await flushed();
    expect(relay.server.toString()).toBe(`${"x".repeat(NOTE_MAX_LENGTH - 1)}c`);
  });
});
