/**
 * A small in-process signal from models and routes to the Socket.IO layer, so that neither imports
 * the other. The services hold one bus per signal (sign-outs, solver progress), made once per
 * process by createServices (core/services/index.ts).
 */
export class Bus<A extends unknown[]> {
  private readonly listeners = new Set<(...args: A) => void>();

  /** Calls `listener` on every emit; returns the function that stops it. */
  on(listener: (...args: A) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(...args: A): void {
    for (const listener of this.listeners) listener(...args);
  }
}
