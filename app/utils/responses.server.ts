import { data } from "@remix-run/node";
import type { FieldError, FormFailure } from "../../core/utils/forms";

export function formFailure(
  fieldErrors: Record<string, FieldError>,
  values: Record<string, unknown> = {},
  status = 400,
) {
  const safe = { ...values };
  for (const key of Object.keys(safe)) if (/password/i.test(key)) delete safe[key];
  return data<FormFailure>({ fieldErrors, values: safe }, { status });
}
