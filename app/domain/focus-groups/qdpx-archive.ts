/**
 * What goes into a REFI-QDA project archive (.qdpx, a zip): project.qde at the root and every
 * internal source in the "sources" folder, where the standard puts them and where
 * `internal://<file>` references in project.qde point. The project writer hands its sources over
 * as "Sources/<guid>.txt"; readers differ on the folder's case (QualCoder accepts both, others
 * look for "sources" only), so the archive always uses the standard's spelling.
 *
 * Pure: the caller zips the list. A reference without its file would open in NVivo or ATLAS.ti as
 * an empty document, so a mismatch is an error here rather than a broken download.
 */

export const QDPX_PROJECT_FILE = "project.qde";
export const QDPX_SOURCES_FOLDER = "sources";

export interface QdpxFile {
  path: string;
  text: string;
}

export type QdpxArchiveResult =
  | { ok: true; files: QdpxFile[] }
  | { ok: false; missing: string[]; unsafe: string[] };

// Source elements refer to their content by these attributes (Project.xsd: TextSource,
// PictureSource, PDFSource, AudioSource, VideoSource and their representations).
const INTERNAL_REFERENCE = /\b(?:plainTextPath|richTextPath|path)\s*=\s*"internal:\/\/([^"]*)"/g;

// A file name inside the archive, never a path: nothing may climb out of "sources/" on unzip.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

const unescapeAttribute = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The file names project.qde expects inside the archive, in document order, each once. */
export function internalReferences(projectXml: string): string[] {
  const names = [...projectXml.matchAll(INTERNAL_REFERENCE)].map((m) => unescapeAttribute(m[1]!));
  return [...new Set(names)];
}

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

export function qdpxArchiveFiles(projectXml: string, sources: readonly QdpxFile[]): QdpxArchiveResult {
  const byName = new Map(sources.map((s) => [baseName(s.path), s.text]));
  const referenced = internalReferences(projectXml);
  const missing = referenced.filter((name) => !byName.has(name));
  const unsafe = [...new Set([...referenced, ...byName.keys()])].filter((name) => !SAFE_NAME.test(name));
  if (missing.length > 0 || unsafe.length > 0) return { ok: false, missing, unsafe };
  const files = [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, text]) => ({ path: `${QDPX_SOURCES_FOLDER}/${name}`, text }));
  return { ok: true, files: [{ path: QDPX_PROJECT_FILE, text: projectXml }, ...files] };
}
