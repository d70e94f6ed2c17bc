import { Form } from "~/components/AppForm";
import { useT } from "~/utils/i18n-react";
import type { FormationData } from "./types";

/** Pairs the solver must keep together (pins) or apart (forbids): add one, or remove one. */
export function PairRules({
  people,
  pins,
  forbids,
  name,
}: {
  people: FormationData["people"];
  pins: FormationData["pins"];
  forbids: FormationData["forbids"];
  name: (id: string) => string;
}) {
  const { t } = useT();
  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">{t("formation.rulesTitle")}</h2>
      <p className="field-hint">{t("formation.rulesHint")}</p>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="pair-add" />
        <div className="field">
          <label htmlFor="rule-kind">{t("formation.ruleKind")}</label>
          <select id="rule-kind" name="kind">
            <option value="pin">{t("formation.pin")}</option>
            <option value="forbid">{t("formation.forbid")}</option>
          </select>
        </div>
        {(["a", "b"] as const).map((side) => (
          <div className="field" key={side}>
            <label htmlFor={`rule-${side}`}>
              {t(side === "a" ? "formation.personA" : "formation.personB")}
            </label>
            <select id={`rule-${side}`} name={side}>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit" className="button button--secondary">
          {t("formation.addRule")}
        </button>
      </Form>
      <ul>
        {[
          ...pins.map((p) => ["pin", ...p] as const),
          ...forbids.map((p) => ["forbid", ...p] as const),
        ].map(([kind, a, b]) => (
          <li key={`${kind}-${a}-${b}`}>
            {t(kind === "pin" ? "formation.pinned" : "formation.forbidden", {
              a: name(a),
              b: name(b),
            })}{" "}
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="pair-remove" />
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="a" value={a} />
              <input type="hidden" name="b" value={b} />
              <button type="submit" className="link-button">
                {t("taxonomy.remove")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
