/** Fixed lists of the domain, shared by the store's schemas, the forms and the pages. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const DAY_PARTS = ["am", "pm", "ev"] as const;
export const availabilitySlots = WEEKDAYS.flatMap((d) => DAY_PARTS.map((p) => `${d}-${p}` as const));

/** The pilot's seven preselection criteria, each scored 0–3. */
export const SELECTION_CRITERIA = [
  "foodAccess",
  "themeFit",
  "projectQuality",
  "stage",
  "openness",
  "impact",
  "partnerships",
] as const;
export type SelectionCriterion = (typeof SELECTION_CRITERIA)[number];

/** Operations a project may need, from the pilot's interest form. */
export const OPERATIONS = ["logistics", "transport", "storage", "marketing"] as const;

/** The kinds of coordination work the pilot named (its coordination time was underestimated). */
export const COORDINATION_TASKS = [
  "recruitment",
  "selection",
  "pairing",
  "follow-up",
  "evaluation",
  "other",
] as const;
export type CoordinationTask = (typeof COORDINATION_TASKS)[number];

/**
 * Who leads a group's meetings (a program setting, core/models/meeting-lead.ts): as the
 * composition says (mentorship: the mentor; co-development: a fair rotation), the mentor always,
 * or a fair rotation among all members.
 */
export const MEETING_LEAD_SETTINGS = ["by-mode", "mentor", "rotation"] as const;

/**
 * The pilot's rubric for mentors, each scored 0–3: rich experience, flexibility and agility,
 * communication and transparency. The seven criteria above are for mentees' projects.
 */
export const MENTOR_CRITERIA = ["experience", "flexibility", "communication"] as const;
export type MentorCriterion = (typeof MENTOR_CRITERIA)[number];
export type Criterion = SelectionCriterion | MentorCriterion;

/** Which rubric scores an application: the application's role decides. */
export type Rubric = "project" | "mentor";
export function rubricFor(role: string | undefined): Rubric {
  return role === "mentor" ? "mentor" : "project";
}
export function criteriaOf(rubric: Rubric): readonly Criterion[] {
  return rubric === "mentor" ? MENTOR_CRITERIA : SELECTION_CRITERIA;
}
/** The highest total of a rubric (each criterion 0–3). */
export function maxScore(rubric: Rubric): number {
  return criteriaOf(rubric).length * 3;
}
