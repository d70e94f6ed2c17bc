/**
 * The store's unique keys: invariants a single record can state (docs/invariants.md lists them all,
 * with the rules that need several records). Both engines enforce them on every insert and update —
 * lowdb in its transaction (lowdb-store.ts), PostgreSQL with one partial unique index per key
 * (migration 5 in pg-migrations.ts; a test checks that the indexes and this list agree) — so that a
 * bug in a model, or a second process, cannot break them either. A record missing one of the
 * fields is not constrained by that key.
 */
import type { CollectionName } from "./schema";

/** A condition on the records a key applies to. */
export type KeyCondition =
  { field: string; in: readonly string[] } | { field: string; absent: true };

export interface UniqueKey {
  /** Also the PostgreSQL index's name: `records_unique_<name>`. */
  readonly name: string;
  readonly collection: CollectionName;
  /** Top-level fields whose values, together, appear on one record at most. */
  readonly fields: readonly string[];
  readonly where?: readonly KeyCondition[];
}

export const UNIQUE_KEYS: readonly UniqueKey[] = [
  // One account per e-mail address (stored normalized: trimmed, lower case).
  { name: "user_email", collection: "users", fields: ["email"] },
  // One participation per person and program.
  { name: "participant_user", collection: "participants", fields: ["programId", "userId"] },
  // An accepted application joins once; an invitation is used by one person, once.
  { name: "participant_application", collection: "participants", fields: ["applicationId"] },
  { name: "invitation_application", collection: "invitations", fields: ["applicationId"] },
  // A seat in an active group: one for a mentee or a peer, `capacity` for a mentor.
  { name: "membership_seat", collection: "memberships", fields: ["participantId", "seat"] },
  { name: "membership_group", collection: "memberships", fields: ["groupId", "participantId"] },
  // A proposal, or a solver run's proposed group, forms one group at most.
  { name: "group_source", collection: "groups", fields: ["sourceKey"] },
  // One solver run at a time per program.
  {
    name: "solver_run_running",
    collection: "solverRuns",
    fields: ["programId"],
    where: [{ field: "status", in: ["running"] }],
  },
  // One rating per person, partner, event and round (a new answer replaces the previous one).
  {
    name: "rating_once",
    collection: "ratings",
    fields: ["eventId", "round", "fromParticipantId", "toParticipantId"],
  },
  // One shared note per room of an event.
  { name: "room_note", collection: "roomNotes", fields: ["eventId", "roomId"] },
  // Agreement versions are numbered once per group (acceptances are a map: one per member).
  { name: "agreement_version", collection: "agreements", fields: ["groupId", "version"] },
  // A questionnaire is answered once per person.
  {
    name: "evaluation_response_once",
    collection: "evaluationResponses",
    fields: ["evaluationId", "participantId"],
  },
  // A meeting's time is in the hour bank once per person present: from the meeting, or from the
  // co-development session held in it.
  {
    name: "hour_entry_meeting",
    collection: "hourEntries",
    fields: ["meetingId", "participantId"],
    where: [{ field: "codevSessionId", absent: true }],
  },
  {
    name: "hour_entry_codev",
    collection: "hourEntries",
    fields: ["codevSessionId", "participantId"],
  },
  // One final interview per participant of a program.
  { name: "interview_once", collection: "interviews", fields: ["programId", "participantId"] },
  // Co-development sessions are numbered once per group.
  { name: "codev_session_number", collection: "codevSessions", fields: ["groupId", "number"] },
];

type Row = Record<string, unknown>;

function applies(key: UniqueKey, row: Row): boolean {
  for (const field of key.fields) if (row[field] === undefined) return false;
  for (const condition of key.where ?? []) {
    const value = row[condition.field];
    if ("absent" in condition ? value !== undefined : !condition.in.includes(String(value)))
      return false;
  }
  return true;
}

/**
 * The first key that `row` would share with another of `rows` (the one at `self`, the row's own
 * place when it is already stored, is skipped); undefined when none. Values compare as text, as
 * PostgreSQL's `->>` does.
 */
export function brokenKey(
  collection: CollectionName,
  row: Row,
  rows: readonly Row[],
  self = -1,
): UniqueKey | undefined {
  for (const key of uniqueKeysOf(collection)) {
    if (!applies(key, row)) continue;
    const values = key.fields.map((field) => String(row[field]));
    for (let i = 0; i < rows.length; i++) {
      if (i === self) continue;
      const other = rows[i]!;
      if (key.fields.every((field, f) => String(other[field]) === values[f]) && applies(key, other))
        return key;
    }
  }
  return undefined;
}

const byCollection = new Map<CollectionName, UniqueKey[]>();
for (const key of UNIQUE_KEYS) {
  const list = byCollection.get(key.collection) ?? [];
  list.push(key);
  byCollection.set(key.collection, list);
}

export function uniqueKeysOf(collection: CollectionName): readonly UniqueKey[] {
  return byCollection.get(collection) ?? [];
}

/** The first key two of `rows` share, with the value they share (a check of a whole collection). */
export function duplicateIn(
  collection: CollectionName,
  rows: readonly Row[],
): { key: UniqueKey; value: string } | undefined {
  for (const key of uniqueKeysOf(collection)) {
    const seen = new Set<string>();
    for (const row of rows) {
      if (!applies(key, row)) continue;
      const value = key.fields.map((field) => String(row[field])).join(", ");
      if (seen.has(value)) return { key, value };
      seen.add(value);
    }
  }
  return undefined;
}

/** The SQL of the partial unique index that states `key` on the records table. */
export function uniqueIndexSql(key: UniqueKey): string {
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const columns = key.fields.map((field) => `(data->>${literal(field)})`).join(", ");
  const conditions = [
    `collection = ${literal(key.collection)}`,
    ...key.fields.map((field) => `data ? ${literal(field)}`),
    ...(key.where ?? []).map((c) =>
      "absent" in c
        ? `NOT (data ? ${literal(c.field)})`
        : `data->>${literal(c.field)} IN (${c.in.map(literal).join(", ")})`,
    ),
  ];
  return `CREATE UNIQUE INDEX records_unique_${key.name} ON records (${columns}) WHERE ${conditions.join(" AND ")};`;
}
