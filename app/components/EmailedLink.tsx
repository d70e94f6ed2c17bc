import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FormErrorSummary } from "~/components/Field";
import { formProps, useAppForm } from "~/utils/forms";

/**
 * The pages a link e-mailed to a person opens (confirming a sign-up, a new address): a link that
 * no longer works says why with the way on, a working one asks for one click (a mail scanner that
 * follows links confirms nothing: the change is a POST).
 */
export function EmailedLinkRefused({
  title,
  message,
  next,
}: {
  title: string;
  message: string;
  next: { to: string; label: string };
}) {
  return (
    <section className="narrow">
      <h1>{title}</h1>
      <p className="alert alert--error" role="alert">
        {message}
      </p>
      <p>
        <Link to={next.to}>{next.label}</Link>
      </p>
    </section>
  );
}

/** A working link: what it will do, and the button that does it (`intent=confirm`). */
export function EmailedLinkConfirm({
  title,
  intro,
  submit,
}: {
  title: string;
  intro: string;
  submit: string;
}) {
  const [form] = useAppForm<{ intent: string }>();
  const navigation = useNavigation();
  return (
    <section className="narrow">
      <h1>{title}</h1>
      <p className="lead">{intro}</p>
      <FormErrorSummary form={form} />
      <Form method="post" {...formProps(form)} className="stack">
        <button
          type="submit"
          name="intent"
          value="confirm"
          className="button"
          disabled={navigation.state === "submitting"}
        >
          {submit}
        </button>
      </Form>
    </section>
  );
}
