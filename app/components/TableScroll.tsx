import type { ReactNode } from "react";

/**
 * A table's own horizontal scroll box (on a phone a wide table scrolls inside it, not the page):
 * a named region in the tab order, so that it can be scrolled with the arrow keys and is
 * announced with the table's name.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
