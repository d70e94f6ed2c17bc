/**
 * The app's forms. A form that changes something carries a one-time submission key, so that a
 * repeat of the same submission (a double click, a retry after a slow network, the browser sending
 * the page's form twice) has its effect once: the server answers the repeat with the first
 * answer (app/utils/submission.server.ts). Routes and components use these instead of Remix's
 * `Form` and `fetcher.Form` (eslint enforces it).
 */
// eslint-disable-next-line no-restricted-imports -- the one place that wraps Remix's Form
import { Form as RemixForm } from "@remix-run/react";
import {
  useLocation,
  useRouteLoaderData,
  type FetcherWithComponents,
  type FormProps,
} from "@remix-run/react";
import { forwardRef, useId } from "react";
import { SUBMISSION_FIELD } from "~/utils/submission";

/**
 * The hidden key: the page render's seed (new at every load of the root loader, which reloads
 * after every submission), the history entry (new at every navigation) and the form's place in
 * the page. The same rendered form sends the same key; a new visit or a new page gets a new one.
 */
export function SubmissionKey() {
  const seed = useRouteLoaderData<{ submissionSeed?: string }>("root")?.submissionSeed;
  const { key } = useLocation();
  const id = useId();
  if (!seed) return null;
  return <input type="hidden" name={SUBMISSION_FIELD} value={`${seed}.${key}.${id}`} />;
}

const changes = (method: FormProps["method"]) => (method ?? "get").toLowerCase() !== "get";

export const Form = forwardRef<HTMLFormElement, FormProps>(function Form(
  { children, ...props },
  ref,
) {
  return (
    <RemixForm ref={ref} {...props}>
      {changes(props.method) && <SubmissionKey />}
      {children}
    </RemixForm>
  );
});

/** A fetcher's form, with the same key. */
export function FetcherForm({
  fetcher,
  children,
  ...props
}: FormProps & { fetcher: FetcherWithComponents<unknown> }) {
  return (
    <fetcher.Form {...props}>
      {changes(props.method) && <SubmissionKey />}
      {children}
    </fetcher.Form>
  );
}
