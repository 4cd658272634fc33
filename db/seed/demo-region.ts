/**
 * The Amur Oblast demo region: real territories and organisations (db/seed/data, copied from the
 * centre's reference data with their sources), and generated — deterministically — official
 * pages for them. Page handles are invented for the demo and labelled so in the UI.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Role } from "../../app/domain/roles";

// From the project root: this module also runs bundled into build/server.js.
const dataDir = `${resolve("db/seed/data")}/`;
const REGION_CODE = "amur";

/** mulberry32: a tiny seeded PRNG so every demo install gets the same pages */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function parseSimpleCsvCodes(text: string): { header: string[]; lines: string[] } {
  const [header = "", ...lines] = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  return { header: header.split(","), lines };
}

/** Territories as shipped, with every municipality placed under the region. */
function territoriesCsv(): string {
  const text = readFileSync(`${dataDir}amur-territories.csv`, "utf8");
  const { header, lines } = parseSimpleCsvCodes(text);
  const out = [[...header, "parent_code"].join(",")];
  for (const line of lines) {
    const code = line.slice(0, line.indexOf(","));
    out.push(`${line},${code === REGION_CODE ? "" : REGION_CODE}`);
  }
  return out.join("\n");
}

/** Organisations as shipped; regional bodies serve the whole region, so their territory is it. */
function organisationsCsv(): { csv: string; codes: { code: string; kind: string }[] } {
  const text = readFileSync(`${dataDir}amur-organisations.csv`, "utf8");
  const { header, lines } = parseSimpleCsvCodes(text);
  const territoryIndex = header.indexOf("territory_code");
  const kindIndex = header.indexOf("kind");
  const out = [header.join(",")];
  const codes: { code: string; kind: string }[] = [];
  for (const line of lines) {
    // The first five columns never contain commas in the shipped file; the source (last) may.
    const cells = line.split(",");
    const head = cells.slice(0, header.length - 1);
    const source = cells.slice(header.length - 1).join(",");
    if (!head[territoryIndex]) head[territoryIndex] = REGION_CODE;
    codes.push({ code: head[0] ?? "", kind: head[kindIndex] ?? "" });
    out.push([...head, source].join(","));
  }
  return { csv: out.join("\n"), codes };
}

function handleFor(code: string): string {
  return `amur_${code.replace(/^org-|^adm-/, "").replace(/-/g, "_")}`;
}

/** Every body has VK (the law's first platform); most have OK; ministries often Telegram and MAX. */
function pagesCsv(organisations: { code: string; kind: string }[]): string {
  const random = prng(20_221_201);
  const rows = ["organisation_code,platform,platform_id,url,active"];
  for (const { code, kind } of organisations) {
    const handle = handleFor(code);
    rows.push(`${code},vk,${handle},https://vk.com/${handle},true`);
    if (random() < 0.85) rows.push(`${code},ok,${handle},https://ok.ru/${handle},true`);
    const regional = kind !== "municipality_admin";
    if (random() < (regional ? 0.7 : 0.35)) rows.push(`${code},telegram,${handle},https://t.me/${handle},true`);
    if (random() < (regional ? 0.4 : 0.15)) rows.push(`${code},max,${handle},https://max.ru/${handle},${random() < 0.9}`);
  }
  return rows.map((r) => r.split(",").map(csvCell).join(",")).join("\n");
}

export interface DemoUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  organisationCode?: string;
}

/** Demo accounts exist only in the embedded demo; their passwords are printed at start. */
export const DEMO_USERS: DemoUser[] = [
  { email: "admin@demo.pulse.local", password: "demo-admin-2026", displayName: "Администратор", role: "admin" },
  { email: "analyst@demo.pulse.local", password: "demo-analyst-2026", displayName: "Аналитик ЦУР", role: "analyst" },
  { email: "sociologist@demo.pulse.local", password: "demo-sociologist-2026", displayName: "Социолог", role: "sociologist" },
  { email: "coder@demo.pulse.local", password: "demo-coder-2026", displayName: "Социолог (второй кодировщик)", role: "sociologist" },
  {
    email: "minzdrav@demo.pulse.local",
    password: "demo-minzdrav-2026",
    displayName: "Администратор госпаблика Минздрава",
    role: "page_admin",
    organisationCode: "org-min-zdrav",
  },
];

export function demoRegionFiles() {
  const organisations = organisationsCsv();
  return {
    territories: territoriesCsv(),
    organisations: organisations.csv,
    pages: pagesCsv(organisations.codes),
  };
}
