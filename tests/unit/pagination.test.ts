import { describe, expect, it } from "vitest";
import { pageHref } from "../../app/components/Pager";
import { pageInfo, pageWindow, paginate, requestedPage } from "../../core/utils/pagination";

const page = (query: string) => requestedPage(new URL(`http://x/list${query}`));

describe("the page parameter", () => {
  it("reads a positive whole number and takes anything else as page 1", () => {
    expect(page("?page=3")).toBe(3);
    for (const garbage of [
      "",
      "?page=",
      "?page=abc",
      "?page=0",
      "?page=-4",
      "?page=2.5",
      "?page=1e400",
      "?page=99999999999999999999",
      "?page=%00",
    ]) {
      expect(page(garbage), garbage).toBe(1);
    }
  });
});

describe("paginate", () => {
  const items = Array.from({ length: 120 }, (_, i) => i + 1);
  it("gives 50 items a page and the range shown", () => {
    const second = paginate(items, 2);
    expect(second.items).toEqual(items.slice(50, 100));
    expect(second.pageInfo).toEqual({
      page: 2,
      pageCount: 3,
      total: 120,
      from: 51,
      to: 100,
      pageSize: 50,
    });
  });
  it("clamps a page past the end to the last page", () => {
    const last = paginate(items, 999);
    expect(last.pageInfo.page).toBe(3);
    expect(last.items).toEqual(items.slice(100));
  });
  it("has one empty page for an empty list", () => {
    expect(paginate([], 5)).toEqual({ items: [], pageInfo: pageInfo(0, 1) });
    expect(pageInfo(0, 1)).toMatchObject({ page: 1, pageCount: 1, from: 0, to: 0 });
  });
});

describe("the pager's links", () => {
  it("offers the first, the last and two pages either side of the current one", () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(9, 17)).toEqual([1, null, 7, 8, 9, 10, 11, null, 17]);
    // A gap of one page shows that page rather than "…".
    expect(pageWindow(4, 17)).toEqual([1, 2, 3, 4, 5, 6, null, 17]);
  });
  it("keeps the filters and the sort, and drops page=1", () => {
    expect(pageHref("/p/applications", "?role=mentee&sort=date&page=3", 4)).toBe(
      "/p/applications?role=mentee&sort=date&page=4",
    );
    expect(pageHref("/p/applications", "?role=mentee&page=3", 1)).toBe(
      "/p/applications?role=mentee",
    );
    expect(pageHref("/p", "", 1)).toBe("/p");
  });
});
