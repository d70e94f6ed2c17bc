/**
 * Small in-process signals from models and routes to the Socket.IO layer, so that neither imports
 * the other (one process; issue 9 replaces this with the adapter's pub/sub).
 */
type Listener = (userId: string) => void;
const KEY = Symbol.for("maillage.sign-out-listeners");
type Holder = { [KEY]?: Set<Listener> };

export function onSignOut(listener: Listener) {
  ((globalThis as Holder)[KEY] ??= new Set()).add(listener);
}

export function signedOut(userId: string) {
  for (const listener of (globalThis as Holder)[KEY] ?? []) listener(userId);
}
