/**
 * A consent records the privacy page's version (core/data/privacy.ts): the page's words cannot
 * change without a new version, or a consent would name words the person never read.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import en from "../../core/i18n/en.json";
import fr from "../../core/i18n/fr.json";
import { PRIVACY_TEXT_SHA256, PRIVACY_VERSION } from "../../core/data/privacy";

describe("the privacy page's version", () => {
  it("changes with its words (update PRIVACY_VERSION and PRIVACY_TEXT_SHA256 together)", () => {
    const sha = createHash("sha256")
      .update(JSON.stringify([fr.privacy, en.privacy]))
      .digest("hex");
    expect(
      sha,
      `the privacy page changed: set PRIVACY_VERSION to today's date and PRIVACY_TEXT_SHA256 to ${sha}`,
    ).toBe(PRIVACY_TEXT_SHA256);
    expect(PRIVACY_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
