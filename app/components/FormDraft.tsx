/**
 * Drafts of long forms kept in the browser, and a warning before leaving a form with unsaved
 * changes (docs/decisions/0032-form-drafts-and-counters.md).
 *
 * `<FormDraft id="…" />`, placed inside a `<Form>`, keeps what the person types in the tab's
 * `sessionStorage` (keyed by the form's id and the page's path, nothing about the person), never a
 * password, a file or a hidden field. When the person comes back to the page (Back/Forward, a
 * reload) with a draft that differs from what the page shows, the draft is put back with a notice
 * ("Brouillon restauré") that offers to discard it. Sending the form removes the draft.
 *
 * While a form has changes not sent, closing or reloading the tab asks the browser's own
 * question (beforeunload), and a navigation inside the app opens `LeaveGuard`'s dialog (Remix's
 * `useBlocker`; one guard for the whole app, in root.tsx). Leaving keeps the draft.
 */
import { useActionData, useBlocker, useLocation, useNavigation } from "@remix-run/react";
import { isReply } from "~/utils/forms";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useT } from "~/utils/i18n-react";

const PREFIX = "maillage:draft:";

/** What a draft keeps: typed values by name (in order), and the checked boxes' values by name. */
interface Snapshot {
  values: Record<string, string[]>;
  checked: Record<string, string[]>;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The controls a draft keeps: named, enabled, typed by the person (no password, file, hidden). */
function controlsOf(form: HTMLFormElement): Control[] {
  const skipped = new Set(["password", "file", "hidden", "submit", "button", "reset", "image"]);
  return Array.from(form.elements).filter(
    (el): el is Control =>
      (el instanceof HTMLInputElement ||
        el instanceof HTMLTextAreaElement ||
        el instanceof HTMLSelectElement) &&
      Boolean(el.name) &&
      !el.name.startsWith("_") &&
      !el.disabled &&
      !(el instanceof HTMLInputElement && skipped.has(el.type)),
  );
}

const isChoice = (el: Control): el is HTMLInputElement =>
  el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio");

function snapshot(form: HTMLFormElement): Snapshot {
  const shot: Snapshot = { values: {}, checked: {} };
  for (const el of controlsOf(form)) {
    if (isChoice(el)) {
      const list = (shot.checked[el.name] ??= []);
      if (el.checked) list.push(el.value);
    } else if (el instanceof HTMLSelectElement && el.multiple) {
      (shot.checked[el.name] ??= []).push(...Array.from(el.selectedOptions).map((o) => o.value));
    } else {
      (shot.values[el.name] ??= []).push(el.value);
    }
  }
  return shot;
}

const same = (a: Snapshot, b: Snapshot) => JSON.stringify(a) === JSON.stringify(b);

/** Sets a control's value so that React's own handlers (counters) hear of it. */
function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, "value")?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

function apply(form: HTMLFormElement, shot: Snapshot) {
  const seen: Record<string, number> = {};
  for (const el of controlsOf(form)) {
    if (isChoice(el)) {
      const wanted = shot.checked[el.name];
      if (wanted && el.checked !== wanted.includes(el.value)) {
        el.checked = wanted.includes(el.value);
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (el instanceof HTMLSelectElement && el.multiple) {
      const wanted = shot.checked[el.name];
      if (wanted) for (const o of Array.from(el.options)) o.selected = wanted.includes(o.value);
    } else {
      const index = (seen[el.name] = (seen[el.name] ?? -1) + 1);
      const value = shot.values[el.name]?.[index];
      if (value !== undefined && el.value !== value) setValue(el, value);
    }
  }
}

function read(key: string): Snapshot | undefined {
  try {
    const raw = window.sessionStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Partial<Snapshot>) : undefined;
    return parsed && typeof parsed.values === "object" && typeof parsed.checked === "object"
      ? (parsed as Snapshot)
      : undefined;
  } catch {
    return undefined; // storage refused (private mode, quota): no draft
  }
}
function write(key: string, shot: Snapshot | undefined) {
  try {
    if (shot) window.sessionStorage.setItem(key, JSON.stringify(shot));
    else window.sessionStorage.removeItem(key);
  } catch {
    // storage refused: the form still works, without a draft
  }
}

// The forms of the page that have changes not sent (for the leave guard), as an external store.
const unsaved = new Set<string>();
const listeners = new Set<() => void>();
function markUnsaved(key: string, dirty: boolean) {
  const had = unsaved.has(key);
  if (dirty === had) return;
  if (dirty) unsaved.add(key);
  else unsaved.delete(key);
  for (const listener of listeners) listener();
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
/** Whether a form of the page at `pathname` has changes not sent (keys end with their path). */
const unsavedAt = (pathname: string) => [...unsaved].some((k) => k.endsWith(`:${pathname}`));
const hasUnsaved = () => typeof window !== "undefined" && unsavedAt(window.location.pathname);

/** Keeps a draft of the form it is placed in; shows the "draft restored" notice. */
export function FormDraft({ id }: { id: string }) {
  const { t } = useT();
  const { pathname } = useLocation();
  const key = `${PREFIX}${id}:${pathname}`;
  const anchor = useRef<HTMLSpanElement>(null);
  const initial = useRef<Snapshot>();
  const [restored, setRestored] = useState(false);
  const sending = useRef(false);
  const navigation = useNavigation();
  const answer: unknown = useActionData();

  useEffect(() => {
    const form = anchor.current?.closest("form");
    if (!form) return;
    initial.current = snapshot(form);
    const draft = read(key);
    if (draft && !same(draft, initial.current)) {
      apply(form, draft);
      const now = snapshot(form);
      if (!same(now, initial.current)) {
        setRestored(true);
        markUnsaved(key, true);
      }
    } else if (draft) {
      write(key, undefined);
    }
    const save = () => {
      const now = snapshot(form);
      const dirty = !same(now, initial.current!);
      write(key, dirty ? now : undefined);
      markUnsaved(key, dirty);
    };
    // Sending the form: the draft has done its work (a refusal shows what was sent again, and
    // the next change keeps a new draft).
    const sent = () => {
      sending.current = true;
      write(key, undefined);
      markUnsaved(key, false);
      setRestored(false);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", sent);
    return () => {
      form.removeEventListener("input", save);
      form.removeEventListener("change", save);
      form.removeEventListener("submit", sent);
      markUnsaved(key, false);
    };
  }, [key]);

  // Once the page has its answer: a refusal keeps a draft of what was sent (it is not saved);
  // otherwise what the page now shows is the new starting point.
  useEffect(() => {
    if (navigation.state !== "idle" || !sending.current) return;
    sending.current = false;
    const form = anchor.current?.closest("form");
    if (!form) return;
    if (isReply(answer) && answer.status === "error") {
      const now = snapshot(form);
      const dirty = initial.current ? !same(now, initial.current) : true;
      write(key, dirty ? now : undefined);
      markUnsaved(key, dirty);
    } else {
      initial.current = snapshot(form);
    }
  }, [navigation.state, answer, key]);

  const discard = useCallback(() => {
    const form = anchor.current?.closest("form");
    if (form && initial.current) apply(form, initial.current);
    write(key, undefined);
    markUnsaved(key, false);
    setRestored(false);
    form?.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select")?.focus();
  }, [key]);

  return (
    <>
      <span ref={anchor} hidden />
      {restored ? (
        <div className="alert draft-notice" role="status">
          <p>{t("drafts.restored")}</p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={discard}
          >
            {t("drafts.discard")}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setRestored(false)}
          >
            {t("drafts.dismiss")}
          </button>
        </div>
      ) : null}
    </>
  );
}

/**
 * The one guard of the app (root.tsx): while a form has changes not sent, the browser asks before
 * the tab closes or reloads, and a link, Back or Forward inside the app opens this dialog.
 */
export function LeaveGuard() {
  const { t } = useT();
  const dirty = useSyncExternalStore(subscribe, hasUnsaved, () => false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsavedAt(currentLocation.pathname) &&
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
  );
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [dirty]);

  const blocked = blocker.state === "blocked";
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (blocked && !d.open) d.showModal();
    if (!blocked && d.open) d.close();
  }, [blocked]);

  return (
    <dialog
      ref={dialog}
      className="leave-dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      onCancel={() => blocker.reset?.()}
    >
      <h2 id="leave-title">{t("drafts.leaveTitle")}</h2>
      <p id="leave-text">{t("drafts.leaveText")}</p>
      <div className="actions">
        <button type="button" className="button" autoFocus onClick={() => blocker.reset?.()}>
          {t("drafts.stay")}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => blocker.proceed?.()}
        >
          {t("drafts.leave")}
        </button>
      </div>
    </dialog>
  );
}
