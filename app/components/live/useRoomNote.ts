/**
 * The room's shared note in the browser: a Y.Doc bound to a plain <textarea> (ADR 0016). What is
 * typed becomes the smallest edit of the Y.Text (one delete and one insert at the caret), sent as
 * a Yjs update; what others type arrives as updates, merged without losing anyone's text, the
 * caret kept where it was in the text around it.
 */
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { NOTE_TEXT_NAME } from "../../../core/data/room-note";
import type { NoteChange } from "../../../core/live/protocol";
import type { Emit as LiveEmit } from "./useLiveEvent";

type Emit = LiveEmit<"eventId">;
type Subscribe = (name: "note:changed", listener: (change: NoteChange) => void) => () => void;

/** The origin of the changes that came from the server (the others are typed here). */
const REMOTE = Symbol("remote");

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The edit that turns `before` into `after`, placed at the caret: the text after the caret is the
 * common end, so typing "a" after the first "a" of "aa" inserts there, not at the end (it matters
 * for where concurrent text lands). A surrogate pair is never split.
 */
export function textEdit(before: string, after: string, caret: number) {
  let right = 0;
  const maxRight = Math.max(0, Math.min(before.length, after.length - caret));
  while (
    right < maxRight &&
    before.charCodeAt(before.length - 1 - right) === after.charCodeAt(after.length - 1 - right)
  )
    right++;
  let left = 0;
  const maxLeft = Math.min(before.length, after.length) - right;
  while (left < maxLeft && before.charCodeAt(left) === after.charCodeAt(left)) left++;
  if (left > 0 && isHigh(before.charCodeAt(left - 1))) left--;
  if (right > 0 && isLow(before.charCodeAt(before.length - right))) right--;
  return {
    index: left,
    remove: before.length - left - right,
    insert: after.slice(left, after.length - right),
  };
}

/** What a textarea offers that the binding uses (a real one in the page, a stand-in in tests). */
export interface TextField {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  selectionDirection: "forward" | "backward" | "none" | null;
  setSelectionRange(start: number, end: number, direction?: "forward" | "backward" | "none"): void;
}

/**
 * One room's note on one page. Sends one update at a time (what is typed meanwhile waits and goes
 * as one), after the sync of the current connection; a refused update (the note is full) brings
 * the server's text back.
 */
export class NoteBinding {
  doc: Y.Doc;
  private field: TextField | null = null;
  /** The server answered this connection's sync: updates may go. */
  private synced = false;
  private sending = false;
  private queue: Uint8Array[] = [];
  /** A send failed: the next sync sends everything the server lacks. */
  private unsent = false;
  private composing = false;
  private held: Uint8Array[] = [];
  /** Bumped when the document is replaced: answers about the old one are ignored. */
  private generation = 0;

  constructor(
    readonly roomId: string,
    private readonly emit: Emit,
    private readonly report: (message: string) => void,
    private readonly isFocused: (field: TextField) => boolean = () => true,
  ) {
    this.doc = this.create();
  }

  get text() {
    return this.doc.getText(NOTE_TEXT_NAME);
  }

  private create() {
    const doc = new Y.Doc();
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.queue.push(update);
      this.flush();
    });
    return doc;
  }

  /** The textarea (a ref callback: null when it goes away). */
  attach = (field: TextField | null) => {
    this.field = field;
    if (field) field.value = this.text.toString();
  };

  /** After each input event: the textarea's new value becomes an edit of the shared text. */
  input() {
    const field = this.field;
    if (!field) return;
    const before = this.text.toString();
    if (field.value === before) return;
    const edit = textEdit(before, field.value, field.selectionEnd ?? field.value.length);
    this.doc.transact(() => {
      if (edit.remove > 0) this.text.delete(edit.index, edit.remove);
      if (edit.insert) this.text.insert(edit.index, edit.insert);
    });
  }

  /** An input method is composing a character: others' changes wait until it is done. */
  composition(active: boolean) {
    this.composing = active;
    if (active) return;
    const held = this.held;
    this.held = [];
    for (const update of held) this.remote(update);
  }

  /** An update from the server. */
  remote(update: Uint8Array) {
    if (this.composing) {
      this.held.push(update);
      return;
    }
    const field = this.field;
    const text = this.text;
    // The caret and the selection, tied to the character at their left: text that others insert
    // right where the caret is lands after it, and what is typed next follows what was typed.
    const focused = field && this.isFocused(field);
    const anchors =
      focused && field.selectionStart !== null && field.selectionEnd !== null
        ? [field.selectionStart, field.selectionEnd].map((index) =>
            Y.createRelativePositionFromTypeIndex(text, index, -1),
          )
        : null;
    const direction = field?.selectionDirection ?? "none";
    try {
      Y.applyUpdate(this.doc, update, REMOTE);
    } catch {
      this.reset();
      return;
    }
    const value = text.toString();
    if (!field || field.value === value) return;
    field.value = value;
    if (anchors) {
      const [start, end] = anchors.map(
        (anchor) => Y.createAbsolutePositionFromRelativePosition(anchor, this.doc)?.index ?? 0,
      );
      field.setSelectionRange(start!, end!, direction);
    }
  }

  /**
   * On every (re)join: sync step 1 (this copy's state vector), the server's step 2 applied, then
   * what the server lacks, if anything was typed that it may not have.
   */
  async sync() {
    this.synced = false;
    const generation = this.generation;
    const reply = await this.emit("note:sync", {
      roomId: this.roomId,
      stateVector: Y.encodeStateVector(this.doc),
    });
    if (generation !== this.generation) return;
    if (!reply.ok) {
      // Offline: the next join syncs again. Anything else is worth saying.
      if (reply.error.message) this.report(reply.error.message);
      return;
    }
    this.remote(new Uint8Array(reply.data.update));
    if (this.unsent || this.sending || this.queue.length > 0) {
      this.queue = [Y.encodeStateAsUpdate(this.doc, new Uint8Array(reply.data.stateVector))];
      this.unsent = false;
    }
    this.synced = true;
    this.flush();
  }

  private flush() {
    if (!this.synced || this.sending || this.queue.length === 0) return;
    const update = this.queue.length === 1 ? this.queue[0]! : Y.mergeUpdates(this.queue);
    this.queue = [];
    this.sending = true;
    const generation = this.generation;
    void this.emit("note:update", { roomId: this.roomId, update }).then((reply) => {
      if (generation !== this.generation) return;
      this.sending = false;
      if (reply.ok) {
        this.report("");
        this.flush();
      } else if (reply.error.code === "offline" || reply.error.code === "timeout") {
        // Kept in this copy: the sync of the next connection sends it.
        this.unsent = true;
        if (reply.error.code === "timeout") void this.sync();
      } else if (reply.error.code !== "not_in_room") {
        // Refused (the note is full): the server's text is the note.
        this.report(reply.error.message);
        this.reset();
      }
    });
  }

  /** Starts again from the server's copy. */
  private reset() {
    this.generation += 1;
    this.doc.destroy();
    this.doc = this.create();
    this.queue = [];
    this.held = [];
    this.sending = false;
    this.unsent = false;
    if (this.field) this.field.value = "";
    void this.sync();
  }
}

/** The note of the room `roomId` (mount one per room), synced on every join of the page. */
export function useRoomNote(
  roomId: string,
  live: { emit: Emit; subscribe: Subscribe; joined: number },
) {
  const { emit, subscribe, joined } = live;
  const [error, setError] = useState("");
  const [binding] = useState(
    () =>
      new NoteBinding(
        roomId,
        emit,
        setError,
        (field) => (field as unknown as Element) === document.activeElement,
      ),
  );
  useEffect(
    () =>
      subscribe("note:changed", (change) => {
        if (change.roomId === binding.roomId) binding.remote(new Uint8Array(change.update));
      }),
    [binding, subscribe],
  );
  useEffect(() => {
    if (joined > 0) void binding.sync();
  }, [binding, joined]);
  return { binding, error };
}
