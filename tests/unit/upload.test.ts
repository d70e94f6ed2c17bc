/**
 * The type check of uploaded tools (app/utils/upload.server.ts): every accepted extension with a
 * real file of that format, and files whose content is another format than their name says.
 * The format is read by file-type; the small sample files are in tests/fixtures/uploads/ (minimal
 * but well-formed: OOXML and OpenDocument packages made with a ZIP writer, a 1×1 PNG, a Compound
 * File header; `file` names each one as its format).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOWED_EXTENSIONS, checkUpload, servedType } from "../../app/utils/upload.server";
import { ROOT } from "../helpers/server";

type Content = Uint8Array<ArrayBuffer> | string;
const sample = async (name: string) =>
  new Uint8Array(await readFile(join(ROOT, "tests/fixtures/uploads", name)));
const file = (data: Content, name: string) => new File([data], name);
const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
/** The start of a JPEG (JFIF) image. */
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);

describe("checkUpload", () => {
  it("accepts each allowed type with content of that type, served with its own type", async () => {
    const accepted: Array<[string, Content]> = [
      ["guide.pdf", PDF],
      ["logo.png", await sample("logo.png")],
      ["photo.jpg", JPEG],
      ["photo.JPEG", JPEG],
      ["plan.docx", await sample("plan.docx")],
      ["registre.xlsx", await sample("registre.xlsx")],
      ["atelier.pptx", await sample("atelier.pptx")],
      ["plan.odt", await sample("plan.odt")],
      ["registre.ods", await sample("registre.ods")],
      ["ancien.doc", await sample("ancien.doc")],
      ["ancien.xls", await sample("ancien.doc")], // the same container as .doc
      ["liste.csv", "nom;courriel\nMarc;marc@exemple.org\n"],
      ["notes.txt", "Prochaine rencontre : le 3 décembre."],
    ];
    const extensions = new Set<string>();
    for (const [name, data] of accepted) {
      const result = await checkUpload(file(data, name));
      expect(result, name).toMatchObject({ ok: true, file: { name } });
      const checked = result.ok ? result.file! : undefined;
      expect(checked?.type, name).toBe(servedType(checked!.extension));
      extensions.add(checked!.extension);
    }
    // Every extension the form accepts was tried.
    expect([...extensions].sort()).toEqual([...ALLOWED_EXTENSIONS].sort());
  });

  it("refuses content of another format than the name says, with the list of accepted types", async () => {
    const refused: Array<[string, Content]> = [
      ["guide.pdf", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0])], // a Windows program
      ["plan.png", "<html><script>alert(1)</script></html>"],
      ["plan.png", JPEG],
      ["photo.jpg", await sample("logo.png")],
      ["plan.docx", await sample("archive.zip")], // a ZIP is not a Word document
      ["plan.docx", await sample("registre.xlsx")],
      ["registre.xlsx", await sample("plan.docx")],
      ["atelier.pptx", await sample("plan.odt")],
      ["plan.odt", await sample("registre.ods")],
      ["registre.ods", await sample("plan.docx")],
      ["ancien.doc", PDF],
      ["plan.docx", (await sample("plan.docx")).subarray(0, 40)], // cut short
      ["notes.txt", "%PDF-1.4 but really \u0000 text"],
      ["outil.exe", new Uint8Array([1, 2, 3])],
      ["sans-extension", PDF],
    ];
    for (const [name, data] of refused) {
      expect(await checkUpload(file(data, name)), name).toEqual({
        ok: false,
        key: "errors.fileType",
        params: { types: ALLOWED_EXTENSIONS.join(", ") },
      });
    }
  });

  it("accepts no file, and refuses a file over 10 MB before reading it", async () => {
    expect(await checkUpload(null)).toEqual({ ok: true });
    expect(await checkUpload(file("", "vide.pdf"))).toEqual({ ok: true });
    const big = file(new Uint8Array(10 * 1024 * 1024 + 1), "gros.pdf");
    expect(await checkUpload(big)).toEqual({
      ok: false,
      key: "errors.fileTooLarge",
      params: { max: 10 },
    });
  });
});
