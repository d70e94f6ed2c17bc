/** The person in charge of personal information comes from configuration, validated (ADR 0036). */
import { describe, expect, it } from "vitest";
import { DEMO_PRIVACY_OFFICER } from "../../core/data/privacy";
import { ConfigError, coreConfigOf, loadConfig } from "../../server/config";

/** An environment of these variables only. */
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("the privacy officer's configuration", () => {
  it("defaults to the demo's, and takes a title and a contact from the environment", () => {
    expect(loadConfig(env({})).privacyOfficer).toEqual(DEMO_PRIVACY_OFFICER);
    const config = loadConfig(
      env({
        MAILLAGE_PRIVACY_OFFICER_TITLE: "  Directrice générale ",
        MAILLAGE_PRIVACY_OFFICER_CONTACT: "418 555-0199",
      }),
    );
    expect(config.privacyOfficer).toEqual({
      title: "Directrice générale",
      contact: "418 555-0199",
    });
    expect(coreConfigOf(config, "x".repeat(32)).privacyOfficer).toEqual(config.privacyOfficer);
  });

  it("refuses an empty title and a malformed e-mail address", () => {
    expect(() => loadConfig(env({ MAILLAGE_PRIVACY_OFFICER_TITLE: " " }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ MAILLAGE_PRIVACY_OFFICER_CONTACT: "personne@" }))).toThrow(
      /MAILLAGE_PRIVACY_OFFICER_CONTACT/,
    );
  });
});
