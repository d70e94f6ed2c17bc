/** The cross-site check (server/http/origin.ts): PUBLIC_URL's scheme, host and port, when set. */
import { describe, expect, it } from "vitest";
import { isCrossSite } from "../../server/http/origin";

describe("isCrossSite", () => {
  it("with PUBLIC_URL, accepts only its origin: scheme, host and port", () => {
    const site = "http://maillage.test:8080";
    const post = (origin: string) =>
      isCrossSite("POST", "maillage.test:8080", origin, undefined, site);
    expect(post("http://maillage.test:8080")).toBe(false);
    expect(post("https://maillage.test:8080")).toBe(true);
    expect(post("http://maillage.test")).toBe(true);
    expect(post("http://maillage.test:8081")).toBe(true);
    expect(post("http://autre.test:8080")).toBe(true);
    expect(post("null")).toBe(true);
    expect(
      isCrossSite("POST", "x", "https://maillage.org", undefined, "https://maillage.org/"),
    ).toBe(false);
    expect(isCrossSite("POST", "x", "http://maillage.org", undefined, "https://maillage.org")).toBe(
      true,
    );
  });

  it("without PUBLIC_URL, compares the Origin's host and port with the request's Host", () => {
    expect(isCrossSite("POST", "127.0.0.1:3000", "http://127.0.0.1:3000", undefined)).toBe(false);
    expect(isCrossSite("POST", "127.0.0.1:3000", "http://127.0.0.1:3001", undefined)).toBe(true);
    expect(isCrossSite("POST", "127.0.0.1:3000", undefined, "cross-site")).toBe(true);
    expect(isCrossSite("POST", "127.0.0.1:3000", undefined, "same-origin")).toBe(false);
  });

  it("never refuses a safe method", () => {
    expect(isCrossSite("GET", "a", "https://evil.example", "cross-site", "https://a")).toBe(false);
  });
});
