/**
 * What ships to production must be open source: no commercial SurveyJS package (Creator,
 * Analytics, PDF need a paid licence; survey-core and survey-react-ui are MIT), and every
 * production dependency in package-lock.json declares a licence from the allowed list.
 * A package without a usable declaration is allowed only after a person read its licence
 * text and wrote the finding down below.
 */
import { readFileSync } from "node:fs";

interface LockPackage {
  version?: string;
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
}

const ALLOWED = new Set([
  "MIT",
  "MIT-0",
  "ISC",
  "0BSD",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "Apache-2.0",
  "MPL-2.0",
  "Unlicense",
  "CC0-1.0",
  "BlueOak-1.0.0",
  "Zlib",
  "Python-2.0",
  "OFL-1.1",
]);

// read by hand: name -> what the licence text says (remove an entry when the package goes)
const REVIEWED: Record<string, string> = {
  "png-js": "no field in package.json; its LICENSE file is the MIT licence (pdfkit's image reader)",
  "dejavu-fonts-ttf": "Bitstream Vera / Arev font licences (free to use, modify, redistribute) and public domain changes",
  chainsaw: "declares 'MIT/X11', which is the MIT licence",
  buffers: "declares nothing and ships no licence text (exceljs → unzipper → binary → buffers 0.1.1); the author publishes as MIT/X11 — to confirm or replace",
};

const COMMERCIAL = /^(survey-creator(-.*)?|survey-analytics|survey-pdf|@survey\/creator.*|@survey\/.*creator.*|survey-js-creator.*)$/;

/** True when an SPDX expression is satisfied by allowed licences (OR: one side; AND: both). */
export function spdxAllowed(expression: string): boolean {
  const inner = expression.trim().replace(/^\((.*)\)$/, "$1");
  if (/\s+OR\s+/i.test(inner)) return inner.split(/\s+OR\s+/i).some(spdxAllowed);
  if (/\s+AND\s+/i.test(inner)) return inner.split(/\s+AND\s+/i).every(spdxAllowed);
  return ALLOWED.has(inner.trim());
}

function productionPackages(): Array<{ name: string; version: string; license: string | undefined }> {
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockPackage> };
  return Object.entries(lock.packages)
    .filter(([path, pkg]) => path !== "" && !pkg.dev && !pkg.devOptional)
    .map(([path, pkg]) => ({ name: path.replace(/^.*node_modules\//, ""), version: pkg.version ?? "?", license: pkg.license }));
}

describe("licences of production dependencies", () => {
  const packages = productionPackages();

  it("reads a real lockfile", () => {
    expect(packages.length).toBeGreaterThan(100);
    expect(packages.map((p) => p.name)).toContain("survey-core");
  });

  it("has no commercial SurveyJS package", () => {
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockPackage> };
    // dev dependencies too: a commercial package has no place in this repository at all
    const all = Object.keys(lock.packages).map((path) => path.replace(/^.*node_modules\//, ""));
    const offenders = all.filter((name) => COMMERCIAL.test(name));
    if (offenders.length) console.log(`commercial SurveyJS packages: ${offenders.join(", ")}`);
    expect(offenders).toEqual([]);
  });

  it("has an open-source licence on every production dependency", () => {
    const offenders = packages.filter((p) => !REVIEWED[p.name] && !(p.license && spdxAllowed(p.license)));
    if (offenders.length) console.log(`not allowed or missing licence:\n${offenders.map((p) => `  ${p.name}@${p.version}: ${p.license ?? "(none)"}`).join("\n")}`);
    expect(offenders.map((p) => `${p.name}@${p.version}: ${p.license ?? "(none)"}`)).toEqual([]);
  });

  it("keeps the hand-reviewed list current", () => {
    const names = new Set(packages.map((p) => p.name));
    expect(Object.keys(REVIEWED).filter((name) => !names.has(name))).toEqual([]);
  });

  it("reads SPDX expressions", () => {
    expect(spdxAllowed("(MIT OR GPL-3.0-or-later)")).toBe(true);
    expect(spdxAllowed("(Apache-2.0 AND MIT)")).toBe(true);
    expect(spdxAllowed("(MIT AND GPL-3.0-only)")).toBe(false);
    expect(spdxAllowed("SEE LICENSE IN LICENSE.md")).toBe(false);
    expect(spdxAllowed("UNLICENSED")).toBe(false);
  });
});
