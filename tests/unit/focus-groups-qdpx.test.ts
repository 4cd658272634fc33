/**
 * The .qdpx file list: project.qde at the root, every internal:// source under "sources/", and a
 * refusal rather than an archive whose project points at a file it does not carry.
 */
import { describe, expect, it } from "vitest";
import { internalReferences, qdpxArchiveFiles } from "../../app/domain/focus-groups/qdpx-archive";
import { writeRefiProject } from "../../app/domain/focus-groups/refi-qda-project";

const project = (paths: string[]) =>
  `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>${paths
    .map((p, i) => `<TextSource guid="0000000${i}-0000-0000-0000-000000000000" name="s${i}" plainTextPath="${p}"/>`)
    .join("")}</Sources></Project>`;

describe("qdpx archive files", () => {
  it("lists internal references once, in document order, and ignores external ones", () => {
    const xml = project(["internal://B.txt", "relative:///far.txt", "internal://A.txt", "internal://B.txt"]);
    expect(internalReferences(xml)).toEqual(["B.txt", "A.txt"]);
  });

  it("puts project.qde first and the sources under sources/, whatever folder the writer used", () => {
    const xml = project(["internal://B.txt", "internal://A.txt"]);
    const result = qdpxArchiveFiles(xml, [
      { path: "Sources/B.txt", text: "b" },
      { path: "Sources/A.txt", text: "a" },
    ]);
    expect(result).toEqual({
      ok: true,
      files: [
        { path: "project.qde", text: xml },
        { path: "sources/A.txt", text: "a" },
        { path: "sources/B.txt", text: "b" },
      ],
    });
  });

  it("refuses a project that refers to a missing source or to a path outside the folder", () => {
    expect(qdpxArchiveFiles(project(["internal://A.txt"]), [])).toEqual({ ok: false, missing: ["A.txt"], unsafe: [] });
    const climbing = qdpxArchiveFiles(project(["internal://../etc.txt"]), [{ path: "Sources/../etc.txt", text: "" }]);
    expect(climbing).toMatchObject({ ok: false, unsafe: ["../etc.txt"] });
  });

  it("carries every source the project writer produces for a real session", () => {
    const written = writeRefiProject({
      studyId: "7",
      projectName: "Доверие",
      codebook: { codes: [{ id: "1", parentId: null, name: "Доверие", definition: "", color: null }] },
      coders: [{ id: "5", name: "Социолог" }],
      participants: [{ code: "P01", attributes: { sex: "female" } }],
      sessions: [
        { id: "1", name: "Якутск", turns: [{ index: 0, speaker: { kind: "participant", participantCode: "P01" }, text: "Верю новостям.", startMs: 1000 }] },
        { id: "2", name: "Мирный", turns: [{ index: 0, speaker: { kind: "moderator" }, text: "Начнём.", startMs: null }] },
      ],
      codings: [{ id: "9", sessionId: "1", turnIndex: 0, start: 0, end: 5, codeId: "1", coderId: "5", memo: null }],
    });
    if (!written.ok) throw new Error(JSON.stringify(written.errors));
    const archive = qdpxArchiveFiles(written.projectXml, written.sources);
    if (!archive.ok) throw new Error(JSON.stringify(archive));
    const refs = internalReferences(written.projectXml);
    expect(refs).toHaveLength(2);
    expect(archive.files.map((f) => f.path).sort()).toEqual(["project.qde", ...refs.map((r) => `sources/${r}`)].sort());
    expect(archive.files.find((f) => f.path.endsWith(refs[0]!))!.text).toContain("P01: Верю новостям.");
  });
});
