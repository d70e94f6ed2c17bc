/**
 * The zod schema of every entity the store keeps, and of the whole document.
 * The document is validated as a whole on load and each record on every write.
 */
import { z } from "zod";

export const SCHEMA_VERSION = 1;

const id = z.string().min(1).max(64);
const isoDate = z.iso.datetime();

export const localeSchema = z.enum(["fr", "en"]);
export type Locale = z.infer<typeof localeSchema>;

export const userSchema = z.strictObject({
  id,
  email: z.email().max(254),
  name: z.string().min(1).max(120),
  role: z.enum(["coordinator", "participant"]),
  /** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` */
  passwordHash: z.string().startsWith("scrypt$"),
  locale: localeSchema,
  createdAt: isoDate,
});
export type User = z.infer<typeof userSchema>;

export const regionCode = z.string().regex(/^\d{2}$/, "two-digit region code");
export const mrcCode = z.string().regex(/^\d{2,3}$/, "MRC code");

export const organizationSchema = z.strictObject({
  id,
  name: z.string().min(1).max(160),
  region: regionCode,
  mrc: mrcCode,
  sector: z.string().max(120).default(""),
  /** Organizations this one competes with or has a conflict of interest with. */
  competitorIds: z.array(id).default([]),
  createdAt: isoDate,
});
export type Organization = z.infer<typeof organizationSchema>;

export const participantRoleSchema = z.enum(["mentor", "mentee", "peer"]);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

export const programSchema = z.strictObject({
  id,
  title: z.string().min(1).max(200),
  theme: z.string().min(1).max(300),
  subThemes: z.array(z.string().min(1).max(120)).max(20),
  description: z.string().max(4000).default(""),
  coordinatorIds: z.array(id).min(1),
  status: z.enum(["draft", "open", "active", "closed"]),
  composition: z.enum(["mentorship", "co-development"]),
  regionRule: z.enum(["distinct-regions", "distinct-mrcs"]),
  mentoringStart: z.iso.date(),
  mentoringEnd: z.iso.date(),
  hourBankHours: z.number().int().min(1).max(200),
  createdAt: isoDate,
});
export type Program = z.infer<typeof programSchema>;

export const participantSchema = z.strictObject({
  id,
  programId: id,
  userId: id,
  organizationId: id,
  role: participantRoleSchema,
  joinedAt: isoDate,
});
export type Participant = z.infer<typeof participantSchema>;

export const invitationSchema = z.strictObject({
  id,
  programId: id,
  /** sha256 of the token: the token itself only exists in the link. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  role: participantRoleSchema,
  email: z.email().max(254).optional(),
  createdBy: id,
  createdAt: isoDate,
  expiresAt: isoDate,
  usedAt: isoDate.optional(),
  usedBy: id.optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** Every collection of the store and the schema of its records. */
export const collectionSchemas = {
  users: userSchema,
  organizations: organizationSchema,
  programs: programSchema,
  participants: participantSchema,
  invitations: invitationSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export type EntityOf<C extends CollectionName> = z.infer<(typeof collectionSchemas)[C]>;
export const collectionNames = Object.keys(collectionSchemas) as CollectionName[];

export const documentSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  users: z.array(userSchema),
  organizations: z.array(organizationSchema),
  programs: z.array(programSchema),
  participants: z.array(participantSchema),
  invitations: z.array(invitationSchema),
});
export type StoreDocument = z.infer<typeof documentSchema>;

export function emptyDocument(): StoreDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    users: [],
    organizations: [],
    programs: [],
    participants: [],
    invitations: [],
  };
}

/** "users[3].email" style path of the first zod issue, for error messages. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}
