/** The R reference fixture (tests/fixtures/statistics): 400 respondents, their population margins, R's figures. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(process.cwd(), "tests/fixtures/statistics");
const [header, ...lines] = readFileSync(join(dir, "respondents.csv"), "utf8").trim().split("\n");
const cols = header!.split(",");

export const fixtureRespondents = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, v])) as Record<string, string>);
export const fixtureMargins = readFileSync(join(dir, "margins.csv"), "utf8");
export const fixtureReference = () => JSON.parse(readFileSync(join(dir, "reference.json"), "utf8"));
