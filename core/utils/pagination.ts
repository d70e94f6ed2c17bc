/**
 * Server-side pagination of long lists: the `page` query parameter, validated, and one page of a
 * list already filtered and sorted. Shared by the loaders and app/components/Pager.tsx.
 */
import { z } from "zod";

/** Table rows on one page. */
export const PAGE_SIZE = 50;
/**
 * Directory cards on one page: a card (needs, expertise, fit) is several table rows tall, and 24
 * fill two, three or four columns evenly (docs/decisions/0013-pages-at-scale.md).
 */
export const CARDS_PAGE_SIZE = 24;

/**
 * The requested page: a positive whole number; anything else (missing, "abc", "0", "-3", "2.5",
 * absurdly large) is page 1. A page past the end is clamped by `paginate`, which knows the total.
 */
export const pageParamSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).catch(1);

export function requestedPage(url: URL): number {
  return pageParamSchema.parse(url.searchParams.get("page") ?? undefined);
}

export interface PageInfo {
  /** The page shown, 1-based, within 1…pageCount. */
  page: number;
  /** At least 1 (an empty list has one empty page). */
  pageCount: number;
  /** Items in the whole filtered list. */
  total: number;
  /** 1-based positions of the first and last items shown (0 and 0 for an empty list). */
  from: number;
  to: number;
  pageSize: number;
}

export function pageInfo(total: number, requested: number, pageSize = PAGE_SIZE): PageInfo {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount);
  const start = (page - 1) * pageSize;
  return {
    page,
    pageCount,
    total,
    from: total === 0 ? 0 : start + 1,
    to: Math.min(total, start + pageSize),
    pageSize,
  };
}

/** One page of `items` (already filtered and sorted), the requested page clamped to the last. */
export function paginate<T>(
  items: readonly T[],
  requested: number,
  pageSize = PAGE_SIZE,
): { items: T[]; pageInfo: PageInfo } {
  const info = pageInfo(items.length, requested, pageSize);
  return { items: items.slice(info.from - 1 < 0 ? 0 : info.from - 1, info.to), pageInfo: info };
}

/**
 * The page numbers a pager offers: the first, the last, and two either side of the current one;
 * `null` stands for a gap ("…").
 */
export function pageWindow(page: number, pageCount: number, radius = 2): Array<number | null> {
  const shown = new Set<number>([1, pageCount]);
  for (let n = page - radius; n <= page + radius; n++) if (n >= 1 && n <= pageCount) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((n, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && n - previous === 2) out.push(n - 1);
    else if (previous !== undefined && n - previous > 2) out.push(null);
    out.push(n);
  });
  return out;
}
