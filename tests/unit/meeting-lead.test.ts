/**
 * Who leads a meeting (core/models/meeting-lead.ts): the program's setting, by default the rule of
 * its composition — the mentor in mentorship (co-mentors alternate), a fair rotation among peers in
 * co-development (fewest turns first, the theme's expert on a tie).
 */
import { describe, expect, it } from "vitest";
import { assignLeads, leadRuleOf, type LeadMember } from "../../core/models/meeting-lead";

const meetings = (n: number, participantIds: readonly string[], theme?: string) =>
  Array.from({ length: n }, (_, k) => ({ id: `m${k}`, theme, participantIds }));

describe("the lead rule of a program", () => {
  it("follows the composition by default, and the setting when one is chosen", () => {
    expect(leadRuleOf({ composition: "mentorship" })).toBe("mentor");
    expect(leadRuleOf({ composition: "co-development" })).toBe("rotation");
    expect(leadRuleOf({ composition: "mentorship", meetingLead: "by-mode" })).toBe("mentor");
    expect(leadRuleOf({ composition: "mentorship", meetingLead: "rotation" })).toBe("rotation");
    expect(leadRuleOf({ composition: "co-development", meetingLead: "mentor" })).toBe("mentor");
  });
});

describe("mentorship: the mentor leads", () => {
  const members: LeadMember[] = [
    { id: "mentee-a", role: "mentee", expertise: ["finance"] },
    { id: "mentor", role: "mentor", expertise: [] },
    { id: "mentee-b", role: "mentee", expertise: ["finance"] },
  ];
  const ids = members.map((m) => m.id);

  it("leads every meeting, whatever the theme or the history", () => {
    const leads = assignLeads({
      rule: "mentor",
      members,
      meetings: meetings(6, ids, "finance"),
      history: ["mentor", "mentor"],
    });
    expect(leads).toEqual(Array(6).fill("mentor"));
  });

  it("an individual meeting without the mentor falls back to those present", () => {
    const leads = assignLeads({
      rule: "mentor",
      members,
      meetings: [{ id: "m0", participantIds: ["mentee-a", "mentee-b"] }],
      history: [],
    });
    expect(leads).toEqual(["mentee-a"]);
  });

  it("two co-mentors sharing the seat alternate, continuing from the history", () => {
    const pair: LeadMember[] = [
      { id: "co-1", role: "mentor", expertise: [] },
      { id: "co-2", role: "mentor", expertise: ["finance"] },
      { id: "mentee-a", role: "mentee", expertise: [] },
      { id: "mentee-b", role: "mentee", expertise: [] },
    ];
    const all = pair.map((m) => m.id);
    expect(
      assignLeads({ rule: "mentor", members: pair, meetings: meetings(5, all), history: [] }),
    ).toEqual(["co-1", "co-2", "co-1", "co-2", "co-1"]);
    expect(
      assignLeads({ rule: "mentor", members: pair, meetings: meetings(3, all), history: ["co-1"] }),
    ).toEqual(["co-2", "co-1", "co-2"]);
    // A co-mentor away from an individual meeting: the other one leads it.
    expect(
      assignLeads({
        rule: "mentor",
        members: pair,
        meetings: [{ id: "m0", participantIds: ["co-2", "mentee-a"] }],
        history: ["co-2"],
      }),
    ).toEqual(["co-2"]);
  });
});

describe("co-development: a fair rotation among peers", () => {
  const peers: LeadMember[] = [
    { id: "a", role: "peer", expertise: [] },
    { id: "b", role: "peer", expertise: ["gouvernance"] },
    { id: "c", role: "peer", expertise: ["finance"] },
  ];
  const ids = peers.map((m) => m.id);

  it("whoever led the fewest times so far leads next", () => {
    const leads = assignLeads({
      rule: "rotation",
      members: peers,
      meetings: meetings(3, ids),
      history: ["a", "a", "b"],
    });
    expect(leads[0]).toBe("c");
    // After c: a 2, b 1, c 1 → b or c; b (not twice in a row) then c.
    expect(leads.slice(1)).toEqual(["b", "c"]);
  });

  it("on equal turns, the member whose expertise covers the meeting's theme leads", () => {
    const lead = (theme: string, history: string[]) =>
      assignLeads({
        rule: "rotation",
        members: peers,
        meetings: [{ id: "m0", theme, participantIds: ids }],
        history,
      })[0];
    expect(lead("finance", [])).toBe("c");
    expect(lead("gouvernance", [])).toBe("b");
    // The expert already led more: the turns come first.
    expect(lead("finance", ["c"])).toBe("a");
    // Who knows most changes with the theme.
    expect(lead("gouvernance", ["a"])).toBe("b");
    expect(lead("finance", ["a"])).toBe("c");
  });

  it("everyone leads equally often over a series", () => {
    const leads = assignLeads({
      rule: "rotation",
      members: peers,
      meetings: meetings(9, ids, "finance"),
      history: [],
    });
    for (const id of ids) expect(leads.filter((x) => x === id)).toHaveLength(3);
    // No one twice in a row.
    for (let k = 1; k < leads.length; k++) expect(leads[k]).not.toBe(leads[k - 1]);
  });

  it("a lead the members chose is kept and counted", () => {
    const leads = assignLeads({
      rule: "rotation",
      members: peers,
      meetings: [
        { id: "m0", participantIds: ids, fixedLeadId: "a" },
        { id: "m1", participantIds: ids },
      ],
      history: [],
    });
    expect(leads).toEqual(["a", "b"]);
  });
});
