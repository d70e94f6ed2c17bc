/**
 * Live length counters on text fields that have a limit: "123 / 3000 caractères" under the field,
 * read with it (aria-describedby). The limits come from the form's schema (`textLimits`, given by
 * the route's loader to `FieldLimits`), so no number is written twice; the server still refuses a
 * text over its limit. A polite live region speaks only when the text comes near the limit or
 * goes over it (once per change of state, not at every key).
 */
import { createContext, useContext, useRef, useState, type ReactNode } from "react";
import { useT } from "~/utils/i18n-react";

const Limits = createContext<Readonly<Record<string, number>>>({});

/** The text limits of the form(s) inside, by field name (from `textLimits(schema)`). */
export function FieldLimits({
  limits,
  children,
}: {
  limits: Readonly<Record<string, number>>;
  children: ReactNode;
}) {
  return <Limits.Provider value={limits}>{children}</Limits.Provider>;
}

/** The longest text a field takes, when its form gave limits. */
export function useFieldLimit(name: string): number | undefined {
  return useContext(Limits)[name];
}

/** From this share of the limit on, the count is announced (and shown as a warning). */
const NEAR = 0.9;

type Band = "ok" | "near" | "over";
const bandOf = (length: number, max: number): Band =>
  length > max ? "over" : length >= Math.floor(max * NEAR) ? "near" : "ok";

/**
 * A field's counter: `onInput` gives it the text's new length. Its id is `<fieldId>-count`, for
 * the field's aria-describedby.
 */
export function useCharacterCount(fieldId: string, max: number | undefined, initial: string) {
  const { t } = useT();
  const [length, setLength] = useState(initial.length);
  const [spoken, setSpoken] = useState("");
  const band = useRef<Band>(max === undefined ? "ok" : bandOf(initial.length, max));
  if (max === undefined) return { countId: undefined, counter: null, onInput: undefined };
  const onInput = (value: string) => {
    setLength(value.length);
    const next = bandOf(value.length, max);
    if (next !== band.current) {
      band.current = next;
      setSpoken(
        next === "over"
          ? t("forms.countOver", { over: value.length - max })
          : next === "near"
            ? t("forms.countNear", { left: max - value.length })
            : "",
      );
    }
  };
  const state = bandOf(length, max);
  const countId = `${fieldId}-count`;
  const counter = (
    <>
      <p
        id={countId}
        className={`field-count${state === "ok" ? "" : ` field-count--${state}`}`}
        data-state={state}
      >
        {t("forms.count", { count: length, max })}
        {state === "over" ? ` — ${t("forms.countOver", { over: length - max })}` : null}
      </p>
      <p className="visually-hidden" aria-live="polite" data-count-announce={fieldId}>
        {spoken}
      </p>
    </>
  );
  return { countId, counter, onInput };
}
