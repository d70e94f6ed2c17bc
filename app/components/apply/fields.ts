/** What the interest form's sections share: the form's fields (app/routes/apply.$programId.tsx). */
import type { AppField } from "~/components/Field";

/** The interest form's fields from `useAppForm`, by name (`need.<tag>` included). */
export type ApplyFields = Record<string, AppField>;

/** A field's value to show, as one string ("" when none or a list). */
export function textOf(field: AppField | undefined): string {
  const value: unknown = field?.defaultValue;
  return typeof value === "string" ? value : "";
}

/** A list field's values to show (checkboxes): one value checked reads as a list of one. */
export function listOf(field: AppField | undefined): string[] {
  const value: unknown = field?.defaultValue;
  if (typeof value === "string") return value ? [value] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
