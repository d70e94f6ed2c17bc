import { describe, expect, it } from "vitest";
import { REDACTED, redactor } from "../../core/models/report";

/** A network's worth of names: the redactor only tries those whose first word is in the text. */
describe("the redactor with a thousand names", () => {
  const first = ["Amélie", "Benoît", "Chloé", "Jean-François", "Hélène", "Réjean", "Noémie"];
  const last = ["Bérubé", "Côté", "Lévesque", "St-Pierre", "D'Amours", "Thériault", "Gagné"];
  const places = ["La Mitis", "Rimouski", "Lévis", "Québec", "Sept-Îles", "Rouyn-Noranda"];
  const kinds = ["Banque alimentaire de", "Frigo communautaire de", "Épicerie solidaire de"];
  const people: string[] = [];
  const organizations: string[] = [];
  for (let i = 0; i < 1000; i++) {
    people.push(`${first[i % first.length]!} ${last[(i * 3) % last.length]!}${i}`);
    organizations.push(`${kinds[i % kinds.length]!} ${places[i % places.length]!} ${i}`);
  }
  people.push("Amélie Roy");
  organizations.push("Le Grenier partagé de la Mitis");
  const redact = redactor({ organizations, people, emails: ["info@grenier.exemple.org"] });

  it("hides the longest name, whatever the case or accents, anywhere in a long text", () => {
    const filler = "Nous avons parlé de chaîne de froid et de tarification sociale. ".repeat(20);
    expect(redact(`${filler}Merci à amelie roy et au GRENIER PARTAGE DE LA MITIS !`)).toBe(
      `${filler}Merci à ${REDACTED} et au ${REDACTED} !`,
    );
    expect(redact("Épicerie solidaire de Lévis 2 et epicerie SOLIDAIRE de Levis 998.")).toBe(
      `${REDACTED} et ${REDACTED}.`,
    );
    expect(redact("Écrire à INFO@grenier.exemple.org ou à Chloé")).toBe(
      `Écrire à ${REDACTED} ou à ${REDACTED}`,
    );
  });

  it("leaves a text without names as it is, including words that only start like a name", () => {
    const text = "Louiseville, Québecois, la banque, le frigo : « rien à cacher » — 12 h 30.";
    expect(redact(text)).toBe(text);
    expect(redact("Des Amélies et des Roys")).toBe("Des Amélies et des Roys");
  });
});
