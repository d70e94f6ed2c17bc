/**
 * One copy of a room's shared note (a Yjs document) and the checks every browser update passes
 * before anyone sees it (ADR 0016); server/live/room-note.ts keeps the copies of a process.
 */
import * as Y from "yjs";
import { NOTE_MAX_LENGTH, NOTE_STATE_MAX_BYTES, NOTE_TEXT_NAME } from "../../core/data/room-note";

export type NoteRefusal = "malformed" | "too_long" | "full";

/** An update from a browser that was not applied; the note is as it was before it. */
export class NoteRefused extends Error {
  constructor(readonly reason: NoteRefusal) {
    super(`room note update refused: ${reason}`);
  }
}

export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/**
 * One copy of a room's note. It remembers the updates it was built from (compacted into one
 * state from time to time), so a refused update is undone by rebuilding the copy without it:
 * Yjs has no way to take an applied update back.
 */
export class NoteDoc {
  doc = NoteDoc.empty();
  private parts: Uint8Array[] = [];
  private bytes = 0;

  private static empty() {
    const doc = new Y.Doc();
    doc.getText(NOTE_TEXT_NAME);
    return doc;
  }

  /**
   * A note saved as plain text only (before 0016), as a Yjs update that every process builds
   * byte for byte the same (one fixed client id), so two processes seeding it merge into one text.
   */
  static seed(text: string): Uint8Array {
    const doc = new Y.Doc();
    doc.clientID = 0;
    doc.getText(NOTE_TEXT_NAME).insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  }

  get text(): Y.Text {
    return this.doc.getText(NOTE_TEXT_NAME);
  }

  toString() {
    return this.text.toString();
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** Sync step 2: what a copy with this state vector lacks. */
  diff(stateVector: Uint8Array): Uint8Array {
    try {
      return Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      throw new NoteRefused("malformed");
    }
  }

  /** The whole state in one update, which replaces the parts it was built from. */
  compact(): Uint8Array {
    const state = Y.encodeStateAsUpdate(this.doc);
    this.parts = [state];
    this.bytes = state.byteLength;
    return state;
  }

  /**
   * An update from a trusted source (the store, another process, which checked it): applied as
   * it is. Returns what it changed (null: nothing new). Throws if it cannot be read.
   */
  merge(update: Uint8Array): Uint8Array | null {
    try {
      return this.keep(this.applyRaw(update));
    } catch (error) {
      this.rebuild();
      throw error;
    }
  }

  /**
   * An update from a browser: kept only if it is well-formed, depends on nothing this copy lacks,
   * adds no other shared type, keeps the text within `limit` (an update that shortens a text
   * already over it passes) and the document within NOTE_STATE_MAX_BYTES. Returns what it
   * changed (null: nothing new); throws NoteRefused, the copy unchanged, otherwise.
   */
  apply(update: Uint8Array, limit = NOTE_MAX_LENGTH): Uint8Array | null {
    if (this.bytes + update.byteLength > NOTE_STATE_MAX_BYTES) {
      this.compact();
      if (this.bytes + update.byteLength > NOTE_STATE_MAX_BYTES) throw new NoteRefused("full");
    }
    const length = this.text.length;
    const pending = this.pending();
    let changed: Uint8Array | null;
    try {
      changed = this.applyRaw(update);
    } catch {
      this.rebuild();
      throw new NoteRefused("malformed");
    }
    const after = this.text.length;
    const refusal: NoteRefusal | undefined =
      this.doc.share.size !== 1 || (!pending && this.pending())
        ? "malformed"
        : after > limit && after > length
          ? "too_long"
          : undefined;
    if (refusal) {
      this.rebuild();
      throw new NoteRefused(refusal);
    }
    return this.keep(changed);
  }

  /** Structures or deletions waiting for something this copy has not seen. */
  private pending() {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  private applyRaw(update: Uint8Array): Uint8Array | null {
    const changes: Uint8Array[] = [];
    const collect = (change: Uint8Array) => changes.push(change);
    this.doc.on("update", collect);
    try {
      Y.applyUpdate(this.doc, update);
    } finally {
      this.doc.off("update", collect);
    }
    if (changes.length === 0) return null;
    return changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
  }

  private keep(change: Uint8Array | null) {
    if (change) {
      this.parts.push(change);
      this.bytes += change.byteLength;
    }
    return change;
  }

  private rebuild() {
    const doc = NoteDoc.empty();
    for (const part of this.parts) Y.applyUpdate(doc, part);
    this.doc.destroy();
    this.doc = doc;
  }
}
