/**
 * Pure registry-import planner: CSV texts + what the registry already holds -> rows to write, in
 * parent-first order, and a per-row report of everything wrong. It never throws on bad data and
 * never decides to refuse; the caller refuses the whole import when there is any rejection.
 */
import { isStorableText } from "../storable-text";
import { parseCsv } from "./csv";
import type {
  ExistingRegistry,
  OrganisationRow,
  PageRow,
  PlannedImport,
  Rejection,
  RegistryFileKind,
  RegistryFiles,
  RegistryImportWarning,
  TerritoryRow,
} from "./import-plan";
import {
  PLATFORM_ID_PATTERN,
  PLATFORM_LIST,
  canonicalPageUrl,
  normalisePlatform,
  normalisePlatformId,
  pageIdFromSegments,
  parsePageUrl,
} from "./page-ref";
import { markCycles, parentsFirst, type Node } from "./hierarchy";
import { Row, type Issue } from "./plan-row";
import type { RejectionCode } from "./rejection-messages";
import { ORGANISATION_KINDS, TERRITORY_KINDS, defaultPeerGroup, type Platform } from "./vocabulary";

const COLUMNS: Record<RegistryFileKind, { required: readonly string[]; optional: readonly string[] }> = {
  territories: {
    required: ["code", "name_ru", "kind"],
    optional: ["name_en", "parent_code", "oktmo", "population", "population_year", "source"],
  },
  organisations: {
    required: ["code", "name_ru", "kind"],
    optional: ["name_en", "parent_code", "territory_code", "peer_group", "sphere", "verified", "source"],
  },
  pages: { required: ["organisation_code", "platform"], optional: ["platform_id", "url", "active"] },
};
const FILE_ORDER: Record<RegistryFileKind, number> = { territories: 0, organisations: 1, pages: 2 };

class Report {
  readonly rejections: Rejection[] = [];
  readonly warnings: RegistryImportWarning[] = [];
  reject(file: RegistryFileKind, line: number, issue: Issue): void {
    this.rejections.push({ file, line, ...issue });
  }
  warn(file: RegistryFileKind, line: number, field: string | null, code: RejectionCode, params?: Issue["params"]) {
    this.warnings.push({ file, line, field, code, ...(params ? { params } : {}) });
  }
  flush(file: RegistryFileKind, rows: readonly Row[]): void {
    for (const row of rows) for (const issue of row.issues) this.reject(file, row.line, issue);
  }
}

interface Loaded {
  rows: Row[];
  /** false when a required column is missing: rows are then not checked one by one */
  complete: boolean;
}

function load(file: RegistryFileKind, text: string | undefined, report: Report): Loaded | null {
  if (text === undefined) return null;
  if (text.replace(/^\uFEFF/, "").trim() === "") {
    report.reject(file, 1, { field: null, code: "empty_file" });
    return { rows: [], complete: false };
  }
  // PostgreSQL text holds no NUL and no lone surrogate: refuse the line now, not fail the insert
  const unstorable = text.split("\n").findIndex((line) => !isStorableText(line));
  if (unstorable >= 0) {
    report.reject(file, unstorable + 1, { field: null, code: "unstorable_text" });
    return { rows: [], complete: false };
  }
  const csv = parseCsv(text);
  for (const e of csv.errors) {
    const column = e.params?.column;
    report.reject(file, e.line, {
      field: typeof column === "string" ? column : null,
      code: e.code,
      ...(e.params ? { params: e.params } : {}),
    });
  }
  const header = new Set(csv.header);
  const { required, optional } = COLUMNS[file];
  let complete = true;
  for (const column of required) {
    if (header.has(column)) continue;
    report.reject(file, 1, { field: column, code: "missing_column" });
    complete = false;
  }
  if (file === "pages" && !header.has("platform_id") && !header.has("url")) {
    report.reject(file, 1, { field: "platform_id", code: "missing_column", params: { or: "url" } });
    complete = false;
  }
  for (const column of csv.header) {
    if (!required.includes(column) && !optional.includes(column)) {
      report.warn(file, 1, column, "unknown_column", { column });
    }
  }
  return { rows: csv.rows.map((r) => new Row(r.line, r.cells)), complete };
}

/** First pass: codes defined by the file, so rows may refer to rows further down. */
function defineCodes(rows: readonly Row[]): { codes: (string | null)[]; known: Set<string> } {
  const firstLine = new Map<string, number>();
  const codes = rows.map((row) => {
    const code = row.code("code", true);
    if (code === null) return null;
    const first = firstLine.get(code);
    if (first !== undefined) {
      row.fail("code", "duplicate_code", { firstLine: first });
      return null;
    }
    firstLine.set(code, row.line);
    return code;
  });
  return { codes, known: new Set(firstLine.keys()) };
}

function parentOf(row: Row, code: string | null, known: ReadonlySet<string>, existing: ReadonlySet<string>) {
  const parent = row.code("parent_code", false);
  if (parent === null) return null;
  if (parent === code) row.fail("parent_code", "self_parent");
  else if (!known.has(parent) && !existing.has(parent)) row.fail("parent_code", "unknown_parent");
  else return parent;
  return null;
}

function finish<T extends { code: string; parent_code: string | null }>(
  file: RegistryFileKind,
  nodes: Node<T>[],
  report: Report,
): T[] {
  markCycles(nodes);
  report.flush(file, nodes.map((n) => n.row));
  const accepted = nodes.flatMap((n) => (n.row.issues.length === 0 && n.value ? [n.value] : []));
  return parentsFirst(accepted);
}

function planTerritories(loaded: Loaded, existing: ExistingRegistry, report: Report) {
  const { codes, known } = defineCodes(loaded.rows);
  if (!loaded.complete) return { rows: [] as TerritoryRow[], known };
  const nodes = loaded.rows.map((row, i): Node<TerritoryRow> => {
    const code = codes[i] ?? null;
    const name_ru = row.required("name_ru");
    const kind = row.kind("kind", TERRITORY_KINDS);
    const parent = parentOf(row, code, known, existing.territoryCodes);
    const oktmo = row.opt("oktmo");
    if (oktmo !== null && !/^\d{2,11}$/.test(oktmo)) row.fail("oktmo", "invalid_oktmo");
    const population = row.population("population");
    const population_year = row.year("population_year");
    if (population !== null && row.get("population_year") === "") {
      report.warn("territories", row.line, "population_year", "population_without_year");
    }
    const name_en = row.opt("name_en");
    const source = row.opt("source");
    const value =
      code !== null && name_ru !== null && kind !== null
        ? { line: row.line, code, name_ru, name_en, kind, parent_code: parent, oktmo, population, population_year, source }
        : null;
    return { row, code, parent, value };
  });
  return { rows: finish("territories", nodes, report), known };
}

function planOrganisations(loaded: Loaded, territories: ReadonlySet<string>, existing: ExistingRegistry, report: Report) {
  const { codes, known } = defineCodes(loaded.rows);
  if (!loaded.complete) return { rows: [] as OrganisationRow[], known };
  const nodes = loaded.rows.map((row, i): Node<OrganisationRow> => {
    const code = codes[i] ?? null;
    const name_ru = row.required("name_ru");
    const kind = row.kind("kind", ORGANISATION_KINDS);
    const parent = parentOf(row, code, known, existing.organisationCodes);
    const territory = row.code("territory_code", false);
    if (territory !== null && !territories.has(territory) && !existing.territoryCodes.has(territory)) {
      row.fail("territory_code", "unknown_territory");
    }
    const source = row.opt("source");
    // An explicit column wins; otherwise the seed convention "unverified: …" in source marks doubt.
    const verified = row.bool("verified", !/^unverified/i.test(source ?? ""));
    const sphere = row.opt("sphere")?.toLowerCase() ?? null;
    const name_en = row.opt("name_en");
    const peerGroup = row.opt("peer_group")?.toLowerCase() ?? null;
    const value =
      code !== null && name_ru !== null && kind !== null
        ? { line: row.line, code, name_ru, name_en, kind, parent_code: parent, territory_code: territory,
            peer_group: peerGroup ?? defaultPeerGroup(kind, sphere), verified, source }
        : null;
    return { row, code, parent, value };
  });
  return { rows: finish("organisations", nodes, report), known };
}

/** The page id and URL of a row, from whichever of the two cells is filled. */
function pageRef(row: Row, platform: Platform | null): { id: string; url: string } | null {
  const idCell = row.get("platform_id");
  const urlCell = row.get("url");
  if (idCell === "" && urlCell === "") {
    row.fail("platform_id", "required", { or: "url" });
    return null;
  }
  const before = row.issues.length;
  let id: string | null = null;
  let url: string | null = null;
  if (idCell !== "") {
    id = normalisePlatformId(idCell);
    if (!PLATFORM_ID_PATTERN.test(id)) row.fail("platform_id", "invalid_platform_id", { id });
  }
  if (urlCell !== "") {
    const parsed = parsePageUrl(urlCell);
    if (!parsed.ok) row.fail("url", "invalid_url");
    else if (platform !== null && parsed.platform !== platform) {
      row.fail("url", "url_platform_mismatch", { host: parsed.host, platform });
    } else if (platform !== null) {
      url = parsed.href;
      if (id === null) {
        const derived = pageIdFromSegments(platform, parsed.segments);
        if (derived === null) row.fail("url", "url_without_id");
        else if (!PLATFORM_ID_PATTERN.test(derived)) row.fail("url", "invalid_platform_id", { id: derived });
        else id = derived;
      }
    }
  }
  if (row.issues.length > before || platform === null || id === null) return null;
  return { id, url: url ?? canonicalPageUrl(platform, id) };
}

function planPages(loaded: Loaded, organisations: ReadonlySet<string>, existing: ExistingRegistry, report: Report) {
  if (!loaded.complete) return [];
  const firstLine = new Map<string, number>();
  const out: PageRow[] = [];
  for (const row of loaded.rows) {
    const org = row.code("organisation_code", true);
    if (org !== null && !organisations.has(org) && !existing.organisationCodes.has(org)) {
      row.fail("organisation_code", "unknown_organisation");
    }
    let platform: Platform | null = null;
    if (row.get("platform") === "") row.fail("platform", "required");
    else {
      platform = normalisePlatform(row.get("platform"));
      if (platform === null) row.fail("platform", "unknown_platform", { allowed: PLATFORM_LIST });
    }
    const ref = pageRef(row, platform);
    const active = row.bool("active", true);
    if (ref !== null && platform !== null) {
      const key = `${platform}:${ref.id}`;
      const first = firstLine.get(key);
      if (first !== undefined) row.fail("platform_id", "duplicate_page", { key, firstLine: first }, ref.id);
      else firstLine.set(key, row.line);
      const owner = existing.pages.get(key);
      if (owner !== undefined && org !== null && owner !== org) {
        row.fail("platform_id", "page_owned_by_other", { key, organisation: owner }, ref.id);
      }
      if (row.issues.length === 0 && org !== null) {
        out.push({ line: row.line, organisation_code: org, platform, platform_id: ref.id, url: ref.url, active });
      }
    }
  }
  report.flush("pages", loaded.rows);
  return out;
}

export function planRegistryImport(files: RegistryFiles, existing: ExistingRegistry): PlannedImport {
  const report = new Report();
  const territoriesFile = load("territories", files.territories, report);
  const organisationsFile = load("organisations", files.organisations, report);
  const pagesFile = load("pages", files.pages, report);

  const territories = territoriesFile
    ? planTerritories(territoriesFile, existing, report)
    : { rows: [], known: new Set<string>() };
  const organisations = organisationsFile
    ? planOrganisations(organisationsFile, territories.known, existing, report)
    : { rows: [], known: new Set<string>() };
  const pages = pagesFile ? planPages(pagesFile, organisations.known, existing, report) : [];

  const byPosition = (a: { file: RegistryFileKind; line: number }, b: typeof a) =>
    FILE_ORDER[a.file] - FILE_ORDER[b.file] || a.line - b.line;
  return {
    plan: { territories: territories.rows, organisations: organisations.rows, pages },
    rejections: report.rejections.sort(byPosition),
    warnings: report.warnings.sort(byPosition),
  };
}
