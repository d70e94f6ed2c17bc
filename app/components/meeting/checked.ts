import type { AppField } from "~/components/Field";

/** The values of a list of checkboxes to show checked: the refused form's, else the defaults. */
export function checkedValues(field: AppField): readonly string[] {
  return field.defaultOptions ?? (field.defaultValue ? [field.defaultValue] : []);
}
