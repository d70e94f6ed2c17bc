/**
 * The interest form (formulaire de communication d'intérêt): one form, two buttons, so one union
 * on `intent` — a submission, checked in full, or a draft, kept leniently. Built for a program
 * (its taxonomy and known organizations).
 */
import { z } from "zod";
import { needsByPriority } from "../data/plain-words";
import { crossField } from "./forms";
import {
  availabilitySlots,
  criteriaOf,
  OPERATIONS,
  type Criterion,
  type Rubric,
} from "../data/vocabulary";
import {
  checkbox,
  emailField,
  mrcMatchesRegion,
  optionalEmailField,
  optionalText,
  regionMrcFields,
  requiredText,
} from "./fields";
import { ROLES } from "../../matching/roles";

export const APPLICATION_ARRAY_FIELDS = [
  "operations",
  "expertise",
  "availability",
  "competitorOrgIds",
] as const;
export const roleField = z.enum(ROLES, "errors.chooseRole");
const workingStyle = z.enum(["structured", "intuitive", "between"], "errors.choice");
/** Coaching or mentoring received recently (yes or no). */
const recentSupport = z.enum(["yes", "no"], "apply.recentSupport.choose");

/**
 * `need.<tag>` fields (read as `{ need: { <tag>: priority } }`) hold a priority (1–3) or nothing:
 * turned into an ordered needs list.
 */
export function needsFromForm(need: unknown): Array<{ tag: string; priority: number }> {
  const needs: Array<{ tag: string; priority: number }> = [];
  if (typeof need !== "object" || need === null || Array.isArray(need)) return needs;
  for (const [tag, value] of Object.entries(need)) {
    if (typeof value !== "string" || value === "") continue;
    needs.push({ tag, priority: Number(value) });
  }
  return needsByPriority(needs);
}

/**
 * Competing organizations checked among the program's: the public form offers none (no
 * organization is named to an anonymous visitor), so there any id is refused.
 */
const competitorIdsField = (organizationIds: readonly string[]) =>
  z
    .array(
      z
        .string()
        .max(64, "errors.choice")
        .refine((id) => organizationIds.includes(id), "errors.choice"),
    )
    .max(50);

function profileFields(tagIds: readonly string[]) {
  const tag = z
    .string()
    .max(48, "errors.unknownTag")
    .refine((t) => tagIds.includes(t), "errors.unknownTag");
  return {
    sector: requiredText(2, 120),
    field: optionalText(200),
    needs: z.array(z.object({ tag, priority: z.number().int().min(1).max(3) })).max(30),
    needsText: optionalText(3000),
    expertise: z.array(tag).max(30),
    expertiseText: optionalText(3000),
    workingStyle,
    availability: z
      .array(z.enum(availabilitySlots as [string, ...string[]]))
      .min(1, "errors.chooseAvailability"),
  };
}

function applicationSubmitSchema(tagIds: readonly string[], organizationIds: readonly string[]) {
  const fields = z.object({
    intent: z.literal("submit"),
    email: emailField,
    organizationName: requiredText(2, 160),
    contactName: requiredText(2, 120),
    contactEmail: emailField,
    concept: requiredText(30, 6000),
    operations: z.array(z.enum(OPERATIONS)).min(1, "errors.chooseOperation"),
    operationsText: optionalText(3000),
    recentSupport,
    recentSupportText: optionalText(1000),
    barriers: requiredText(10, 3000),
    mentoringHelp: requiredText(10, 3000),
    revisionOpenness: requiredText(5, 3000),
    comments: optionalText(3000),
    role: roleField,
    ...regionMrcFields,
    ...profileFields(tagIds),
    competitorsText: optionalText(1000),
    competitorOrgIds: competitorIdsField(organizationIds),
    designatedThroughout: checkbox,
    canImplement: checkbox,
    consent: checkbox.refine((v) => v, "errors.consentRequired"),
  });
  type Fields = z.infer<typeof fields>;
  return fields
    .refine(
      ...crossField<Fields>(["region", "mrc"], mrcMatchesRegion, "mrc", "errors.mrcNotInRegion"),
    )
    .refine(
      ...crossField<Fields>(
        ["recentSupport", "recentSupportText"],
        (v) => v.recentSupport === "no" || v.recentSupportText.length >= 5,
        "recentSupportText",
        "apply.recentSupport.describe",
      ),
    )
    .refine(
      ...crossField<Fields>(
        ["role", "needs"],
        (v) => v.role === "mentor" || v.needs.length > 0,
        "needs",
        "errors.chooseNeed",
      ),
    )
    .refine(
      ...crossField<Fields>(
        ["role", "expertise"],
        (v) => v.role !== "mentor" || v.expertise.length > 0,
        "expertise",
        "errors.chooseExpertise",
      ),
    );
}

/** Drafts keep whatever was typed, within the stored limits. */
function applicationDraftSchema(tagIds: readonly string[], organizationIds: readonly string[]) {
  const tag = z
    .string()
    .max(48, "errors.unknownTag")
    .refine((t) => tagIds.includes(t), "errors.unknownTag");
  return z.object({
    intent: z.literal("draft"),
    email: optionalEmailField,
    organizationName: optionalText(160),
    contactName: optionalText(120),
    contactEmail: optionalEmailField,
    concept: optionalText(6000),
    operations: z.array(z.enum(OPERATIONS)).max(4),
    operationsText: optionalText(3000),
    recentSupport: z.union([z.literal(""), recentSupport]).default(""),
    recentSupportText: optionalText(1000),
    barriers: optionalText(3000),
    mentoringHelp: optionalText(3000),
    revisionOpenness: optionalText(3000),
    comments: optionalText(3000),
    role: z.union([z.literal(""), roleField]).default(""),
    region: z.union([z.literal(""), regionMrcFields.region]).default(""),
    mrc: z.union([z.literal(""), z.string().regex(/^\d{2,3}$/, "errors.choice")]).default(""),
    sector: optionalText(120),
    field: optionalText(200),
    needs: z.array(z.object({ tag, priority: z.number().int().min(1).max(3) })).max(30),
    needsText: optionalText(3000),
    expertise: z.array(tag).max(30),
    expertiseText: optionalText(3000),
    workingStyle: z.union([z.literal(""), workingStyle]).default(""),
    availability: z.array(z.enum(availabilitySlots as [string, ...string[]])).max(21),
    competitorsText: optionalText(1000),
    competitorOrgIds: competitorIdsField(organizationIds),
    designatedThroughout: checkbox,
    canImplement: checkbox,
    consent: checkbox,
  });
}
export type ApplicationDraftInput = Omit<
  z.infer<ReturnType<typeof applicationDraftSchema>>,
  "intent"
>;

/**
 * The interest form's one schema: `intent` is the button pressed ("submit" or "draft"). The
 * `need.<tag>` priorities become the ordered `needs` list before the branches read them.
 */
export function applicationFormSchema(
  tagIds: readonly string[],
  organizationIds: readonly string[],
) {
  return z.preprocess(
    (input) => {
      if (typeof input !== "object" || input === null) return input;
      const { need, ...rest } = input as Record<string, unknown>;
      return { ...rest, needs: needsFromForm(need) };
    },
    z.discriminatedUnion("intent", [
      applicationSubmitSchema(tagIds, organizationIds),
      applicationDraftSchema(tagIds, organizationIds),
    ]),
  );
}

/** The form's values as the page gives them to `useAppForm` (a draft's, or none). */
export type ApplicationFormValues = Record<string, string | string[] | Record<string, string>>;

/** One value per criterion of the rubric (`score.goals`, `comment.goals`…); none sent reads as none. */
const byCriterion = <T extends z.ZodType>(criteria: readonly Criterion[], field: T) =>
  z.preprocess(
    (v) => v ?? {},
    z.object(Object.fromEntries(criteria.map((c) => [c, field])) as Record<Criterion, T>),
  );

/** The scores of an application on its rubric (`rubricFor` its role). */
export function scoreSchema(rubric: Rubric) {
  const criteria = criteriaOf(rubric);
  return z.object({
    intent: z.literal("score"),
    score: byCriterion(criteria, z.coerce.number("errors.choice").int().min(0).max(3)),
    comment: byCriterion(criteria, optionalText(1000)),
  });
}

export const decisionSchema = z.object({
  intent: z.literal("decide"),
  status: z.enum(["accepted", "rejected", "waitlisted"], "errors.choice"),
  reason: requiredText(3, 2000),
});

/** The program's organizations a coordinator maps an applicant's competitors (named in words) to. */
export function competitorMappingSchema(organizationIds: readonly string[]) {
  return z.object({
    intent: z.literal("competitors"),
    competitorOrgIds: competitorIdsField(organizationIds),
  });
}

/**
 * A coordinator's review of an application: its scores on its rubric, its competitors mapped to
 * the program's organizations, then the decision.
 */
export function applicationReviewSchema(rubric: Rubric, organizationIds: readonly string[]) {
  return z.discriminatedUnion("intent", [
    scoreSchema(rubric),
    competitorMappingSchema(organizationIds),
    decisionSchema,
  ]);
}

export const applicationFiltersSchema = z.object({
  role: z.enum(ROLES).optional().catch(undefined),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  status: z.enum(["submitted", "accepted", "rejected", "waitlisted"]).optional().catch(undefined),
  sort: z.enum(["score", "date", "name"]).default("score").catch("score"),
});
