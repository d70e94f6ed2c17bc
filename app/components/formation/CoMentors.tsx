import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { formProps, useAppForm } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import type { FormationData } from "./types";

/**
 * Co-mentors (ADR 0026): two mentors of one organization who share one mentor seat. They count as
 * one seat when groups are formed, both join the seat's groups and take turns leading.
 */
export function CoMentors({
  people,
  pairs,
  name,
}: {
  people: FormationData["people"];
  pairs: FormationData["coMentors"];
  name: (id: string) => string;
}) {
  const { t } = useT();
  const [form, fields] = useAppForm<{ a: string; b: string }>({
    id: "co-mentors",
    intent: "co-mentor-add",
  });
  const mentors = people.filter((p) => p.role === "mentor");
  const options = mentors.map((p) => ({ value: p.id, label: name(p.id) }));
  return (
    <section className="panel" aria-labelledby="co-mentors-title">
      <h2 id="co-mentors-title">{t("coMentors.title")}</h2>
      <p className="field-hint">{t("coMentors.hint")}</p>
      {mentors.length >= 2 ? (
        <Form method="post" {...formProps(form)} className="inline-form">
          <input type="hidden" name="intent" value="co-mentor-add" />
          <Choice
            idPrefix="co-mentor"
            field={fields.a}
            label={t("coMentors.mentor")}
            value={mentors[0]!.id}
            options={options}
          />
          <Choice
            idPrefix="co-mentor"
            field={fields.b}
            label={t("coMentors.sharesWith")}
            value={mentors[1]!.id}
            options={options}
          />
          <button type="submit" className="button button--secondary">
            {t("coMentors.declare")}
          </button>
        </Form>
      ) : (
        <p className="empty-state">{t("coMentors.needTwo")}</p>
      )}
      {pairs.length > 0 ? (
        <ul>
          {pairs.map(([a, b]) => (
            <li key={`${a}-${b}`}>
              {t("coMentors.pair", { a: name(a), b: name(b) })}{" "}
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="co-mentor-remove" />
                <input type="hidden" name="a" value={a} />
                <input type="hidden" name="b" value={b} />
                <button type="submit" className="link-button">
                  {t("coMentors.end")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
