/**
 * Instance schema: the engine's input contract (CLI files and the app use the same zod schema).
 * Structural checks (types, ranges) and referential checks (unknown or duplicate ids) both live
 * here, so a malformed instance yields one zod issue per invalid path.
 */
import { z } from "zod";
import { REGION_RULES } from "./compatibility";
import { ROLES, type Role } from "./roles";

export const roleSchema = z.enum(ROLES);
export type { Role };

export const needSchema = z.union([
  z.string().min(1),
  z.object({
    tag: z.string().min(1),
    /** 1 (nice to have) … 3 (essential); default 1. */
    priority: z.number().min(0).max(10).optional(),
  }),
]);

export const participantSchema = z.object({
  id: z.string().min(1),
  /** Display name for explanations (the id is used when absent). */
  name: z.string().optional(),
  role: roleSchema,
  /** Administrative region, two-digit code ("01" … "17"). */
  region: z.string().regex(/^\d{2}$/, "région administrative : code à deux chiffres attendu"),
  /** MRC / TE code. */
  mrc: z.string().min(1),
  /** Organization (organisme) id. */
  organization: z.string().min(1),
  /** Organization ids this participant's organization considers competitors. */
  competitors: z.array(z.string().min(1)).optional(),
  /** Mentors: how many groups they can lead (default 1). Ignored for mentees and peers. */
  capacity: z.number().int().min(0).max(50).optional(),
  needs: z.array(needSchema).optional(),
  expertise: z.array(z.string().min(1)).optional(),
  sector: z.string().optional(),
  style: z.string().optional(),
  availability: z.array(z.string().min(1)).optional(),
});
export type Participant = z.infer<typeof participantSchema>;

export const policySchema = z.object({
  mode: z.enum(["mentorship", "co-development"]).default("mentorship"),
  /**
   * Who may share a group by area (`./compatibility`): three regions, three MRCs, or (the pilot's
   * proximity option) one region and three MRCs.
   */
  regionRule: z.enum(REGION_RULES).default("distinct-regions"),
});
export type Policy = z.infer<typeof policySchema>;

export const weightsSchema = z.object({
  /** A need of one covered by the other's expertise, per priority point. */
  needExpertise: z.number().min(0).optional(),
  /** A need shared by two mentees (or two peers). */
  sharedNeeds: z.number().min(0).optional(),
  /** Mutual interest from speed-dating ratings: weight × min(rating a→b, rating b→a). */
  mutualRating: z.number().min(0).optional(),
  sameSector: z.number().min(0).optional(),
  complementaryStyle: z.number().min(0).optional(),
  /** Weight × fraction of the smaller availability list shared by both. */
  availability: z.number().min(0).optional(),
});
export type Weights = Required<z.infer<typeof weightsSchema>>;

const idPair = z.tuple([z.string().min(1), z.string().min(1)]);

export const instanceSchema = z
  .object({
    policy: policySchema.default({ mode: "mentorship", regionRule: "distinct-regions" }),
    participants: z.array(participantSchema),
    pairScores: z
      .array(z.object({ a: z.string().min(1), b: z.string().min(1), score: z.number() }))
      .optional(),
    ratings: z
      .array(
        z.object({
          from: z.string().min(1),
          to: z.string().min(1),
          score: z.number().min(0).max(5),
        }),
      )
      .optional(),
    pins: z.array(idPair).optional(),
    forbid: z.array(idPair).optional(),
    fixedGroups: z.array(z.tuple([z.string(), z.string(), z.string()])).optional(),
    weights: weightsSchema.optional(),
  })
  .superRefine((inst, ctx) => {
    const ids = new Set<string>();
    inst.participants.forEach((p, i) => {
      if (ids.has(p.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["participants", i, "id"],
          message: `identifiant en double : ${p.id}`,
        });
      }
      ids.add(p.id);
    });
    const known = (path: (string | number)[], id: string) => {
      if (!ids.has(id)) {
        ctx.addIssue({ code: "custom", path, message: `participant·e inconnu·e : ${id}` });
      }
    };
    inst.pairScores?.forEach((s, i) => {
      known(["pairScores", i, "a"], s.a);
      known(["pairScores", i, "b"], s.b);
    });
    inst.ratings?.forEach((r, i) => {
      known(["ratings", i, "from"], r.from);
      known(["ratings", i, "to"], r.to);
    });
    for (const key of ["pins", "forbid"] as const) {
      inst[key]?.forEach((pair, i) => {
        known([key, i, 0], pair[0]);
        known([key, i, 1], pair[1]);
        if (pair[0] === pair[1]) {
          ctx.addIssue({
            code: "custom",
            path: [key, i],
            message: "une paire doit nommer deux personnes différentes",
          });
        }
      });
    }
    inst.fixedGroups?.forEach((g, i) => {
      g.forEach((id, j) => known(["fixedGroups", i, j], id));
      if (new Set(g).size !== 3) {
        ctx.addIssue({
          code: "custom",
          path: ["fixedGroups", i],
          message: "un groupe fixé compte trois personnes différentes",
        });
      }
    });
  });

/** The instance as accepted (before defaults are applied). */
export type InstanceInput = z.input<typeof instanceSchema>;
/** The instance after parsing (defaults applied). */
export type Instance = z.output<typeof instanceSchema>;

/** One message per invalid path, e.g. `participants.3.region: …`. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return `${path || "(racine)"}: ${issue.message}`;
  });
}
