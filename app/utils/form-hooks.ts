import { useActionData } from "@remix-run/react";
import { isFormFailure, type FormFailure } from "../../core/utils/forms";

/** The refused form's errors and values, when the last action refused it. */
export function useFormFailure(): FormFailure | undefined {
  const data: unknown = useActionData();
  return isFormFailure(data) ? data : undefined;
}

export function valueOf(failure: FormFailure | undefined, name: string, fallback = ""): string {
  const value = failure?.values[name];
  return typeof value === "string" ? value : fallback;
}
