/**
 * The report's confidentiality guarantee (core/models/report/anonymize.ts): property tests of the
 * redactor on random names, organizations and addresses written in random French text, the
 * ordinary words it keeps, who a program's report must not name, and that every free text of the
 * report and its CSV tables goes through the redactor.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildReport, csvTable, REPORT_TABLES, type ReportInput } from "../../core/models/report";
import {
  programNames,
  REDACTED,
  redactor,
  type RedactionNames,
} from "../../core/models/report/anonymize";
import { emailField } from "../../core/schemas/fields";

const RUNS = { numRuns: 200 };

// ─── How people write ───────────────────────────────────────────────────────────────────────────

const APOSTROPHES = ["'", "’", "ʼ"];
/** Hyphen-minus, hyphen, non-breaking hyphen, en dash. */
const HYPHENS = ["-", "‐", "‑", "–"];
const SPACES = [" ", "\u00a0", "\u202f", "\n", "  ", "\t"];
const anyOf = (chars: readonly string[]) => new RegExp(`[${chars.join("")}]`, "gu");

/** Folded for comparison (the test's own: lower case, no accents, no ligatures, ʼ an apostrophe). */
const folded = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ʼ/g, "'");
const wordsOf = (s: string) => folded(s).match(/[\p{L}\p{N}]+/gu) ?? [];
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Words of ordinary French text, with accents, capitals, apostrophes and a ligature. */
const VOCABULARY = [
  "Nous",
  "avons",
  "parlé",
  "de",
  "la",
  "chaîne",
  "froid",
  "et",
  "tarification",
  "sociale",
  "Merci",
  "à",
  "pour",
  "sa",
  "patience",
  "aujourd'hui",
  "c’est",
  "l'équipe",
  "très",
  "utile",
  "rencontre",
  "Québec",
  "été",
  "où",
  "ça",
  "groupe",
  "bénévoles",
  "denrées",
  "entrepôt",
  "camion",
  "réfrigéré",
  "collecte",
  "ÉPICERIE",
  "prochaine",
  "fois",
  "cœur",
  "Montréal",
  "banque",
  "centre",
  "action",
  "Louiseville",
  "rue",
  "Ste-Foy",
];
/** Between the pieces of a text. */
const JOINERS = [" ", " ", "\n", ", ", " ; ", ". ", " : ", " — ", "\n\n", " ? ", " ! ", "\r\n"];
/** Just before or after a name: punctuation, quotes, elided articles, « chez ». */
const BEFORE = [
  "",
  "(",
  "« ",
  "« chez ",
  "chez ",
  "au ",
  "du ",
  "d'",
  "d’",
  "l'",
  "qu’",
  "à ",
  "\u00a0",
  '"',
  "-",
  "[",
  "*",
];
const AFTER = ["", ",", ".", " !", " »", ")", "'s", "’s", "…", ":", ";", "-", "\u00a0", "?", '"'];
/** The words of BEFORE and AFTER: they stay in the text around a hidden name. */
const AROUND_WORDS = new Set([...BEFORE, ...AFTER].flatMap(wordsOf));
/** The particles the generated names use: ordinary words, never hidden on their own. */
const PARTICLES = ["de", "la", "du", "des", "Van", "St"];
const PARTICLE_WORDS = new Set(PARTICLES.map(folded));

const syllable = fc.constantFrom(
  "ma",
  "ré",
  "lo",
  "ti",
  "bé",
  "nu",
  "ga",
  "vo",
  "chè",
  "lou",
  "zi",
  "quo",
  "an",
  "on",
  "pel",
  "tier",
  "gné",
  "mar",
  "ço",
  "rou",
  "fé",
  "lé",
  "nie",
  "ber",
  "cœ",
  "ïs",
  "ê",
);
/** A made-up name word ("Chèloutier"), so that names are not only the usual ones. */
const madeUp = fc
  .array(syllable, { minLength: 2, maxLength: 4 })
  .map((s) => capitalize(s.join("")))
  .filter((w) => wordsOf(w).join("").length >= 3);

const compound = (part: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: part },
    fc.tuple(part, fc.constantFrom(...HYPHENS), part).map(([a, h, b]) => `${a}${h}${b}`),
  );

const firstName = compound(
  fc.oneof(
    fc.constantFrom("Louise", "Émilie", "Chloé", "Noémie", "Réjean", "Hélène", "Benoît", "Maëlle"),
    madeUp,
  ),
);
const lastCore = compound(
  fc.oneof(
    fc.constantFrom("Bérubé", "Côté", "Lévesque", "Thériault", "Gagné", "O'Neill", "Ouellet"),
    madeUp,
  ),
);
const lastName = fc.oneof(
  { weight: 3, arbitrary: lastCore },
  // D'Amours, L’Heureux, DʼAstous
  fc
    .tuple(fc.constantFrom("D", "L"), fc.constantFrom(...APOSTROPHES), lastCore)
    .map(([article, apostrophe, core]) => `${article}${apostrophe}${core}`),
  // de la Fontaine, Van Houtte
  fc
    .tuple(fc.constantFrom("de ", "de la ", "du ", "des ", "Van "), lastCore)
    .map(([particle, core]) => `${particle}${core}`),
  // St-Pierre
  fc.tuple(fc.constantFrom(...HYPHENS), lastCore).map(([hyphen, core]) => `St${hyphen}${core}`),
);
const person = fc.tuple(firstName, lastName).map(([first, last]) => `${first} ${last}`);

const place = fc.oneof(
  fc.constantFrom("Rimouski", "Sept-Îles", "Rouyn-Noranda", "La Mitis", "Lévis", "Trois-Rivières"),
  madeUp,
);
const organizationCore = fc.oneof(
  fc.constantFrom(
    "Moisson Estrie",
    "Récup'Aliments Laval",
    "Grenier partagé",
    "Entraide Pierrefonds",
    "Cuisine collective",
    "Arche",
  ),
  fc
    .tuple(
      fc.constantFrom("Banque alimentaire de", "Centre d'action bénévole de", "Épicerie solidaire"),
      place,
    )
    .map(([kind, where]) => `${kind} ${where}`),
  fc.tuple(madeUp, fc.option(madeUp)).map(([a, b]) => (b ? `${a} ${b}` : a)),
);
const organization = fc
  .tuple(fc.constantFrom("", "", "Le ", "La ", "Les ", "L'", "L’", "Lʼ"), organizationCore)
  .map(([article, core]) => ({ name: `${article}${core}`, article, core }));

/** Every form of a person's name the report hides: the full name, the last name, each part. */
function personForms(full: string): string[] {
  const tokens = full.split(" ");
  const forms = new Set([full, tokens.slice(1).join(" ")]);
  for (const token of tokens) {
    forms.add(token);
    for (const part of token.split(anyOf(HYPHENS))) {
      forms.add(part);
      const elided = new RegExp(`^[DL][${APOSTROPHES.join("")}](.+)$`, "u").exec(part);
      if (elided?.[1]) forms.add(elided[1]);
    }
  }
  return [...forms].filter((f) => f && !PARTICLE_WORDS.has(folded(f)));
}

/** An organization's forms: its name, and without its article when four letters or more remain. */
function organizationForms(org: { name: string; article: string; core: string }): string[] {
  const bare = org.article && wordsOf(org.core).join("").length >= 4;
  return bare ? [org.name, org.core] : [org.name];
}

/** How someone writes a name: its case, accents, apostrophes, hyphens and spaces vary. */
const writing = fc.record({
  letterCase: fc.constantFrom("as-is", "upper", "lower"),
  withoutAccents: fc.boolean(),
  decomposed: fc.boolean(),
  apostrophe: fc.option(fc.constantFrom(...APOSTROPHES)),
  hyphen: fc.option(fc.constantFrom(...HYPHENS, " ")),
  space: fc.option(fc.constantFrom(...SPACES)),
});
type Writing = typeof writing extends fc.Arbitrary<infer W> ? W : never;

function written(form: string, how: Writing): string {
  let s = form;
  if (how.apostrophe) s = s.replace(anyOf(APOSTROPHES), how.apostrophe);
  if (how.hyphen) s = s.replace(anyOf(HYPHENS), how.hyphen);
  if (how.space) s = s.replace(/ /g, how.space);
  if (how.letterCase === "upper") s = s.toUpperCase();
  if (how.letterCase === "lower") s = s.toLowerCase();
  if (how.withoutAccents) s = s.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  return how.decomposed ? s.normalize("NFD") : s;
}

const program = fc.record({
  people: fc.array(person, { minLength: 1, maxLength: 6 }),
  organizations: fc.array(organization, { minLength: 1, maxLength: 4 }),
});
type Program = typeof program extends fc.Arbitrary<infer P> ? P : never;

const namesOf = (p: Program, emails: string[] = []): RedactionNames => ({
  people: p.people,
  organizations: p.organizations.map((o) => o.name),
  emails,
});

/** Every word of every name of the program: ordinary text must not use them. */
const allNameWords = (p: Program, emails: readonly string[] = []) =>
  new Set([...p.people, ...p.organizations.map((o) => o.name), ...emails].flatMap(wordsOf));

/** Pieces of ordinary text: indices into the vocabulary left once the names' words are removed. */
const chunk = fc.array(fc.nat(), { minLength: 1, maxLength: 5 });
function ordinary(indices: readonly number[], nameWords: ReadonlySet<string>): string {
  const vocabulary = VOCABULARY.filter((w) => !wordsOf(w).some((x) => nameWords.has(x)));
  return indices.map((i) => vocabulary[i % vocabulary.length]!).join(" ");
}

/** Ordinary text and pieces in turn: chunk, joiner, piece, joiner, chunk… */
function interleave(chunks: readonly string[], pieces: readonly string[], joiners: number[]) {
  let text = chunks[0]!;
  pieces.forEach((piece, i) => {
    const j = (k: number) => JOINERS[joiners[(2 * i + k) % joiners.length]! % JOINERS.length]!;
    text += `${j(0)}${piece}${j(1)}${chunks[i + 1] ?? ""}`;
  });
  return text;
}

/** True when `parts` occur in `text` in this order. */
function inOrder(text: string, parts: readonly string[]): boolean {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

// ─── The redactor ───────────────────────────────────────────────────────────────────────────────

describe("the redactor on random names in random French text", () => {
  it("leaves none of the names, in any of their forms, however they are written", () => {
    const embedded = program.chain((p) => {
      const forms = [
        ...p.people.flatMap(personForms),
        ...p.organizations.flatMap(organizationForms),
      ];
      const piece = fc
        .tuple(
          fc.constantFrom(...forms),
          writing,
          fc.constantFrom(...BEFORE),
          fc.constantFrom(...AFTER),
        )
        .map(([form, how, before, after]) => ({
          form,
          text: `${before}${written(form, how)}${after}`,
        }));
      return fc.record({
        program: fc.constant(p),
        pieces: fc.array(piece, { minLength: 1, maxLength: 6 }),
        chunks: fc.array(chunk, { minLength: 7, maxLength: 7 }),
        joiners: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
      });
    });
    fc.assert(
      fc.property(embedded, ({ program: p, pieces, chunks, joiners }) => {
        const nameWords = allNameWords(p);
        const ordinaryChunks = chunks.map((c) => ordinary(c, nameWords));
        const text = interleave(
          ordinaryChunks,
          pieces.map((x) => x.text),
          joiners,
        );
        const out = redactor(namesOf(p))(text);
        const hidden = new Set(
          pieces
            .flatMap((x) => wordsOf(x.form))
            .filter((w) => !PARTICLE_WORDS.has(w) && !AROUND_WORDS.has(w)),
        );
        const left = wordsOf(out).filter((w) => hidden.has(w));
        expect(left, JSON.stringify({ text, out })).toEqual([]);
        // Every name was replaced, and the ordinary text around them is all there, in order.
        expect(out.split(REDACTED).length - 1).toBeGreaterThanOrEqual(1);
        const around = ordinaryChunks.slice(0, pieces.length + 1);
        expect(inOrder(out, around), JSON.stringify({ text, out })).toBe(true);
      }),
      RUNS,
    );
  });

  it("replaces any address the app accepts as a whole, listed or not, and nothing else", () => {
    const local = fc
      .array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789._'+-".split("")), {
        minLength: 1,
        maxLength: 16,
      })
      .map((c) => c.join(""));
    const domain = fc
      .tuple(
        fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 }),
        fc.constantFrom("org", "ca", "qc.ca", "com", "quebec"),
      )
      .map(([labels, top]) => `${labels.join(".")}.${top}`);
    const address = fc
      .oneof(
        fc.emailAddress(),
        fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`),
      )
      .filter((a) => emailField.safeParse(a).success);
    const piece = fc.record({
      address,
      // In a text the address may be typed with a curly apostrophe, or in capitals.
      apostrophe: fc.constantFrom("'", "’"),
      upper: fc.boolean(),
      before: fc.constantFrom("", "(", "« ", "<", ": ", '"', "[", "mailto:"),
      after: fc.constantFrom("", ".", ",", ")", " »", ">", "!", ";", '"', "]", "?"),
    });
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 4 }),
        fc.array(chunk, { minLength: 5, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (pieces, chunks, joiners, listed) => {
          const ordinaryChunks = chunks.map((c) => ordinary(c, new Set()));
          const typed = (x: (typeof pieces)[number]) => {
            const a = x.address.replace(/'/g, x.apostrophe);
            return x.upper ? a.toUpperCase() : a;
          };
          const text = interleave(
            ordinaryChunks,
            pieces.map((x) => `${x.before}${typed(x)}${x.after}`),
            joiners,
          );
          const expected = interleave(
            ordinaryChunks,
            pieces.map((x) => `${x.before}${REDACTED}${x.after}`),
            joiners,
          );
          const emails = listed ? pieces.map((x) => x.address) : [];
          const redact = redactor({ organizations: [], people: [], emails });
          expect(redact(text)).toBe(expected);
        },
      ),
      RUNS,
    );
  });

  it("keeps ordinary words, including words that only look like a name, next to the names", () => {
    const text = program.chain((p) => {
      const nameWords = [...p.people, ...p.organizations.map((o) => o.name)].flatMap(
        (name) => name.match(/[\p{L}\p{N}]+/gu) ?? [],
      );
      // Louiseville, Bérubés, reLouise, Louise2: longer words are other words.
      const lookalike = fc
        .tuple(
          fc.constantFrom(...nameWords),
          fc.constantFrom("s", "ville", "ette", "ois", "2", "x"),
          fc.constantFrom("", "re", "anti", "mé"),
          fc.constantFrom("as-is", "lower", "upper"),
        )
        .map(([w, suffix, prefix, letterCase]) => {
          const word = `${prefix}${w}${prefix ? "" : suffix}`;
          if (letterCase === "lower") return word.toLowerCase();
          return letterCase === "upper" ? word.toUpperCase() : word;
        });
      return fc.record({
        program: fc.constant(p),
        lookalikes: fc.array(lookalike, { maxLength: 6 }),
        chunks: fc.array(chunk, { minLength: 7, maxLength: 7 }),
        joiners: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
      });
    });
    fc.assert(
      fc.property(text, ({ program: p, lookalikes, chunks, joiners }) => {
        const nameWords = allNameWords(p);
        const words = lookalikes.filter((w) => !wordsOf(w).some((x) => nameWords.has(x)));
        const ordinaryChunks = chunks.map((c) => ordinary(c, nameWords));
        const kept = interleave(ordinaryChunks.slice(0, words.length + 1), words, joiners);
        // Every name of the program is in the text too, after the ordinary words: all are looked for.
        const names = [...p.people, ...p.organizations.map((o) => o.name)].join(", ");
        const out = redactor(namesOf(p))(`${kept} — ${names}.`);
        expect(out.startsWith(`${kept} — `), JSON.stringify({ kept, out })).toBe(true);
        // …and the names, each whole, are hidden: no letter is left after the ordinary words.
        expect(out.slice(kept.length)).not.toMatch(/[\p{L}\p{N}]/u);
      }),
      RUNS,
    );
  });
});

describe("what the redactor keeps, as documented", () => {
  const redact = redactor({
    organizations: ["Banque alimentaire de la Mitis", "La Mie", "Moisson Estrie"],
    people: ["Marc St-Pierre", "J. Tremblay", "Émilie de la Fontaine"],
    emails: [],
  });

  it("hides an organization by its whole name, not by one of its words", () => {
    expect(redact("La banque alimentaire de la Mitis, chez Moisson Estrie.")).toBe(
      `La ${REDACTED}, chez ${REDACTED}.`,
    );
    expect(redact("Une banque, de l'aide alimentaire, la moisson d'automne en Estrie")).toBe(
      "Une banque, de l'aide alimentaire, la moisson d'automne en Estrie",
    );
  });

  it("drops an organization's article only when four letters or more remain", () => {
    expect(redact("Merci à La Mie ; une mie de pain")).toBe(
      `Merci à ${REDACTED} ; une mie de pain`,
    );
  });

  it("keeps name particles and initials: they are ordinary words", () => {
    expect(redact("Rue St-Denis, Ste-Foy, St-Pierre et Pierre")).toBe(
      `Rue St-Denis, Ste-Foy, ${REDACTED} et ${REDACTED}`,
    );
    expect(redact("J. a écrit à Tremblay, de la part d'Émilie")).toBe(
      `J. a écrit à ${REDACTED}, de la part d'${REDACTED}`,
    );
  });

  it("finds a name split by an invisible character, and drops those characters", () => {
    const people = redactor({ organizations: [], people: ["Sophie Pelletier"], emails: [] });
    // Zero-width space, soft hyphen, zero-width (non-)joiner, word joiner, byte order mark,
    // variation selector, combining grapheme joiner.
    for (const invisible of [
      "\u200B",
      "\u00AD",
      "\u200D",
      "\u200C",
      "\u2060",
      "\uFEFF",
      "\uFE0F",
      "\u034F",
    ]) {
      expect(people(`Merci à Pel${invisible}letier !`), JSON.stringify(invisible)).toBe(
        `Merci à ${REDACTED} !`,
      );
      expect(people(`So${invisible}phie a aidé`), JSON.stringify(invisible)).toBe(
        `${REDACTED} a aidé`,
      );
    }
    expect(people("Écrire à so\u200Bphie@exemple\u00AD.org")).toBe(`Écrire à ${REDACTED}`);
    // A name given with an invisible character is found written without it.
    const stored = redactor({
      organizations: [],
      people: ["Jo\u00ADhanne Ga\u200Bgnon"],
      emails: [],
    });
    expect(stored("Johanne Gagnon et Gagnon")).toBe(`${REDACTED} et ${REDACTED}`);
  });

  it("hides North American phone numbers, with an extension, and keeps other figures", () => {
    const none = redactor({ organizations: [], people: [], emails: [] });
    for (const phone of [
      "514-555-1234",
      "(514) 555-1234",
      "514 555 1234",
      "514.555.1234",
      "5145551234",
      "+1 514 555 1234",
      "+1-514-555-1234",
      "1 514 555-1234",
      "1-800-555-1234",
      "514\u00a0555\u00a01234",
      "514-555-1234 poste 22",
      "514-555-1234, poste 2245",
      "(514) 555-1234 ext. 7",
      "514-555-1234 x22",
      "514-555-1234#3",
      "514-555-\u200B1234",
    ]) {
      expect(none(`Appelez au ${phone}.`), phone).toBe(`Appelez au ${REDACTED}.`);
    }
    for (const figure of [
      "Rencontre du 2026-01-11 à 13 h 30",
      "12 345 personnes, 26,3 heures, 1 234 567,89 $",
      "Code postal H2X 1Y4, dossier 2024-0012",
    ]) {
      expect(none(figure)).toBe(figure);
    }
  });

  it("leaves text as it is when there is no name to hide", () => {
    const none = redactor({ organizations: [], people: [], emails: [] });
    expect(none("Louise Bérubé, de Moisson Estrie")).toBe("Louise Bérubé, de Moisson Estrie");
    expect(none("")).toBe("");
  });
});

// ─── Who ────────────────────────────────────────────────────────────────────────────────────────

describe("who a program's report must not name", () => {
  it("every account of the platform, its organizations, their competitors and its applicants", () => {
    const names = programNames({
      participants: [{ userId: "u-louise", organizationId: "o-grenier" }],
      users: [
        { id: "u-louise", name: "Louise Bérubé", email: "louise@exemple.org" },
        { id: "u-coord", name: "Claire Coordination", email: "claire@exemple.org" },
        { id: "u-other", name: "Autre Personne", email: "autre@exemple.org" },
      ],
      organizations: [
        { id: "o-grenier", name: "Le Grenier partagé", competitorIds: ["o-rival"] },
        { id: "o-rival", name: "Frigo rival", competitorIds: [] },
        { id: "o-other", name: "Organisme ailleurs", competitorIds: [] },
      ],
      applications: [
        {
          organizationName: "Cuisine candidate",
          contactName: "Jean Candidat",
          email: "cuisine@exemple.org",
          contactEmail: "",
        },
      ],
    });
    // "Autre Personne" has an account but takes no part in this program: a text may still name her.
    expect(names.people.toSorted()).toEqual(
      ["Autre Personne", "Claire Coordination", "Jean Candidat", "Louise Bérubé"].toSorted(),
    );
    expect(names.organizations.toSorted()).toEqual(
      ["Cuisine candidate", "Frigo rival", "Le Grenier partagé"].toSorted(),
    );
    expect(names.emails.toSorted()).toEqual(
      [
        "autre@exemple.org",
        "claire@exemple.org",
        "cuisine@exemple.org",
        "louise@exemple.org",
      ].toSorted(),
    );
    const redact = redactor(names);
    expect(redact("Merci à Autre Personne (autre@exemple.org)")).toBe(
      `Merci à ${REDACTED} (${REDACTED})`,
    );
  });
});

// ─── The whole report ───────────────────────────────────────────────────────────────────────────

describe("every free text of the report", () => {
  const names: RedactionNames = {
    organizations: ["Moisson Estrie"],
    people: ["Louise Bérubé"],
    emails: ["louise@exemple.org"],
  };
  const said = "chez Moisson Estrie avec Louise (louise@exemple.org)";
  const members = ["p1", "p2", "p3"];
  const response = (evaluationId: string, participantId: string) => ({
    evaluationId,
    participantId,
    groupId: "g1",
    appreciation: 4,
    quoteConsent: true,
    successFactors: `Succès ${said}`,
    learning: `Appris ${said}`,
    recommendations: `Recommandé ${said}`,
    objectivesReached: "yes" as const,
    continueMeeting: "yes" as const,
  });
  const input: ReportInput = {
    program: {
      id: "prog",
      title: `Programme ${said}`,
      composition: "mentorship",
      hourBankHours: 20,
      mentoringStart: "2026-01-05",
      mentoringEnd: "2026-06-26",
      budget: { mentorCompensation: 2500, coordination: 10_000 },
      taxonomy: [{ id: "logistique", label: "Logistique", labelEn: "Logistics" }],
    },
    groups: [
      {
        id: "g1",
        label: `Groupe ${said}`,
        status: "active",
        memberIds: members,
        createdAt: "2026-01-05T12:00:00.000Z",
      },
    ],
    participants: members.map((id, i) => ({
      id,
      role: i === 0 ? ("mentor" as const) : ("mentee" as const),
      organizationId: `o${i}`,
    })),
    organizations: members.map((_, i) => ({ id: `o${i}`, region: `r${i}` })),
    meetings: [],
    codevSessions: [],
    hourEntries: [],
    coordinationEntries: [],
    tools: [
      {
        groupId: "g1",
        title: `Outil ${said}`,
        description: `Description ${said}`,
        // A subject since removed from the taxonomy: its id is shown as its name.
        theme: "ancien-sujet",
        programWide: true,
      },
      {
        groupId: "g1",
        title: `Guide ${said}`,
        description: "",
        theme: "logistique",
        programWide: false,
      },
    ],
    evaluations: [
      { id: "m1", kind: "monthly", title: `Mensuel ${said}`, opensOn: "2026-02-01" },
      { id: "f1", kind: "final", title: `Final ${said}`, opensOn: "2026-06-01" },
    ],
    responses: members.flatMap((p) => [response("m1", p), response("f1", p)]),
    names,
  };

  it("has the names and addresses hidden, on the page and in every CSV table", () => {
    const report = buildReport(input);
    const texts = [
      JSON.stringify(report),
      ...REPORT_TABLES.flatMap((table) =>
        (["fr", "en"] as const).map((locale) => JSON.stringify(csvTable(report, table, locale))),
      ),
    ];
    for (const text of texts) expect(text).not.toMatch(/moisson|estrie|louise|exemple/i);
    const shown = `chez ${REDACTED} avec ${REDACTED} (${REDACTED})`;
    expect(report.program.title).toBe(`Programme ${shown}`);
    expect(report.groups[0]!.label).toBe(`Groupe ${shown}`);
    expect(report.tools.themes.map((t) => t.label)).toEqual(["Logistique", "ancien-sujet"]);
    expect(report.tools.themes.flatMap((t) => t.tools.map((x) => x.title))).toEqual([
      `Guide ${shown}`,
      `Outil ${shown}`,
    ]);
    expect(report.tools.themes[1]!.tools[0]!.description).toBe(`Description ${shown}`);
    expect(report.evaluations.monthly.byQuestionnaire[0]!.title).toBe(`Mensuel ${shown}`);
    expect(new Set(report.recommendations)).toEqual(new Set([`Recommandé ${shown}`]));
    expect(new Set(report.quotes.map((q) => q.text))).toEqual(
      new Set([`Appris ${shown}`, `Succès ${shown}`]),
    );
  });

  it("hides names in the id of a subject since removed from the taxonomy, shown as its name", () => {
    const tools = input.tools.map((t) => ({ ...t, theme: "louise-berube" }));
    const report = buildReport({ ...input, tools });
    expect(report.tools.themes.map((t) => [t.label, t.labelEn])).toEqual([[REDACTED, REDACTED]]);
  });
});
