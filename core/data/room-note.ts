/**
 * The limits of a room's shared note (ADR 0016), shared by the browser, the socket schemas, the
 * server's copy and the store. No zod here: the event page's script imports it.
 */

/** At most this many UTF-16 code units, as a textarea's `maxlength` and `Y.Text.length` count. */
export const NOTE_MAX_LENGTH = 5000;
/** One message (a Yjs update or state vector): well under the 100 kB socket message limit. */
export const NOTE_MESSAGE_MAX_BYTES = 64_000;
/**
 * The largest Yjs state a note may reach: a server refuses an edit that would take its copy past
 * it. Copies edited on several processes at once can merge into a larger one, so the store allows
 * more (core/store/schema.ts).
 */
export const NOTE_STATE_MAX_BYTES = 200_000;
/** The name of the note's text in every room's Y.Doc (the server's and each browser's). */
export const NOTE_TEXT_NAME = "note";
