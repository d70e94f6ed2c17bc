import { z } from "zod";
import { crossField } from "./forms";
import {
  checkbox,
  dateField,
  numberField,
  optionalDateField,
  optionalEmailField,
  optionalText,
  plainText,
  requiredText,
} from "./fields";
import { REGION_RULES } from "../../matching/compatibility";
import { ROLES } from "../../matching/roles";
import { MEETING_LEAD_SETTINGS } from "../data/vocabulary";

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  role: z.enum(ROLES, "errors.choice"),
  email: optionalEmailField,
});
export type InviteForm = z.input<typeof inviteSchema>;

/** Program settings (create and edit). Sub-themes come one per line. */
const programFields = z.object({
  title: requiredText(3, 200),
  theme: requiredText(3, 300),
  subThemes: z
    .string()
    .max(2000)
    .transform((v) =>
      v
        .split(/\n|;/)
        .map((s) => plainText(s).trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string().max(120, "errors.subThemeTooLong")).max(20, "errors.tooManySubThemes"),
    ),
  description: optionalText(4000),
  status: z.enum(["draft", "open", "active", "closed"], "errors.choice"),
  composition: z.enum(["mentorship", "co-development"], "errors.choice"),
  regionRule: z.enum(REGION_RULES, "errors.choice"),
  format: z.enum(["online", "in-person", "hybrid"], "errors.choice"),
  applicationOpens: optionalDateField,
  applicationCloses: optionalDateField,
  mentoringStart: dateField,
  mentoringEnd: dateField,
  hourBankHours: numberField(1, 200),
  cadenceWeeksMin: numberField(1, 12),
  cadenceWeeksMax: numberField(1, 12),
  meetingMinutes: numberField(30, 480),
  checkInWeeks: numberField(1, 8).default(2),
  mentorCompensation: numberField(0, 1_000_000, false),
  coordination: numberField(0, 10_000_000, false),
  selfFormedApproval: z.enum(["notify", "required"], "errors.choice").default("notify"),
  proposalHours: numberField(1, 720).default(72),
  meetingLead: z.enum(MEETING_LEAD_SETTINGS, "errors.choice").default("by-mode"),
  /** Months the personal information is kept once the program is closed (ADR 0038). */
  retentionMonths: numberField(1, 120).default(24),
});
type ProgramFields = z.infer<typeof programFields>;

export const programFormSchema = programFields
  .refine(
    ...crossField<ProgramFields>(
      ["mentoringStart", "mentoringEnd"],
      (v) => v.mentoringEnd > v.mentoringStart,
      "mentoringEnd",
      "errors.endBeforeStart",
    ),
  )
  .refine(
    ...crossField<ProgramFields>(
      ["applicationOpens", "applicationCloses"],
      (v) =>
        !v.applicationOpens || !v.applicationCloses || v.applicationCloses >= v.applicationOpens,
      "applicationCloses",
      "errors.endBeforeStart",
    ),
  )
  .refine(
    ...crossField<ProgramFields>(
      ["cadenceWeeksMin", "cadenceWeeksMax"],
      (v) => v.cadenceWeeksMax >= v.cadenceWeeksMin,
      "cadenceWeeksMax",
      "errors.cadenceOrder",
    ),
  );
export type ProgramFormInput = z.infer<typeof programFormSchema>;

export const tagFormSchema = z.object({
  label: requiredText(2, 80),
  labelEn: optionalText(80),
});
export const tagRenameSchema = tagFormSchema.extend({
  tagId: z.string().regex(/^[a-z0-9-]{1,48}$/),
});
export const tagRemoveSchema = z.object({ tagId: z.string().regex(/^[a-z0-9-]{1,48}$/) });
export const programDeleteSchema = z.object({
  confirm: checkbox.refine((v) => v, "errors.confirmDelete"),
});

/** The settings page's forms, one branch per intent (the submit button's or a hidden field). */
export const programSettingsSchema = z.discriminatedUnion("intent", [
  programFormSchema.safeExtend({ intent: z.literal("program") }),
  tagFormSchema.extend({ intent: z.literal("tag-add") }),
  tagRenameSchema.extend({ intent: z.literal("tag-rename") }),
  tagRemoveSchema.extend({ intent: z.literal("tag-remove") }),
  programDeleteSchema.extend({ intent: z.literal("delete") }),
]);
