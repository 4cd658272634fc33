/**
 * Validation of exchange files against the REFI-QDA schemas with xmllint (Debian libxml2-utils;
 * CI installs it). Locally a missing xmllint skips the validating tests; with CI=true it fails them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, it } from "vitest";
import { fixturePath } from "../fixtures/focus-groups/load";

export const PROJECT_XSD = fixturePath("refi-qda/Project-mrt2019.xsd");
export const CODEBOOK_XSD = fixturePath("refi-qda/Codebook.xsd");
const haveXmllint = spawnSync("xmllint", ["--version"]).status === 0;
export const itValidates = haveXmllint || process.env.CI === "true" ? it : it.skip;

let tmp: string | null = null;
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** xmllint's complaints about `xml` under `xsd`, or "" when it is valid. */
export function schemaErrors(xml: string, xsd: string): string {
  if (!haveXmllint) throw new Error("xmllint is missing: install the Debian package libxml2-utils");
  tmp ??= mkdtempSync(path.join(tmpdir(), "refi-qda-"));
  const file = path.join(tmp, `doc-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml, "utf8");
  const run = spawnSync("xmllint", ["--noout", "--schema", xsd, file], { encoding: "utf8" });
  return run.status === 0 ? "" : run.stderr;
}
