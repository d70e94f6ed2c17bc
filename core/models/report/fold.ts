/**
 * Texts compared whatever their case and accents ("chloe" is "Chloé", "BERUBE" is "Bérubé"), with
 * a map from each folded character back to the original text, so that what is found in the folded
 * text is replaced in the original one, which keeps its own characters.
 */

/**
 * Lower case, no accents, one kind of apostrophe and space, no invisible characters: per character,
 * so offsets map back.
 */
const foldedChars = new Map<string, string>();
function foldChar(ch: string): string {
  // Texts use few distinct characters: each is folded once (a page folds thousands of names).
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = foldCharUncached(ch);
    if (foldedChars.size > 10_000) foldedChars.clear();
    foldedChars.set(ch, folded);
  }
  return folded;
}
function foldCharUncached(ch: string): string {
  // Invisible characters (a zero-width space, a soft hyphen…) fold to nothing.
  if (/^\p{Default_Ignorable_Code_Point}$/u.test(ch)) return "";
  const base = ch
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[\u00a0\u202f\u2007]/g, " ")
    .replace(/[‐‑‒–]/g, "-");
  return base.replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
}

/**
 * The folded text, and for each of its characters the offset in `text` of the character it comes
 * from (a character may fold to several, "œ" to "oe", or to none).
 */
export function fold(text: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let index = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let i = 0; i < f.length; i++) origin.push(index);
    folded += f;
    index += ch.length;
  }
  return { folded, origin };
}

export const foldText = (text: string) => fold(text).folded;
