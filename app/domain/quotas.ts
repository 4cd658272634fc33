/**
 * Quotas on screening answers (territory, sex, age band…). A cell is a set of conditions
 * { question: value } with a target; an answer falls in every cell whose conditions it all meets.
 * Pure: the database does the counting under lock (db/queries/quotas.ts).
 */
export interface QuotaCell {
  id: number;
  label: string;
  conditions: Record<string, string | number | boolean>;
  target: number;
  filled: number;
}

const same = (answer: unknown, wanted: string | number | boolean) => answer !== undefined && answer !== null && String(answer) === String(wanted);

export function cellsMatching<C extends Pick<QuotaCell, "conditions">>(cells: C[], answers: Record<string, unknown>): C[] {
  return cells.filter((cell) => Object.entries(cell.conditions).every(([q, v]) => same(answers[q], v)));
}

/** True when the answers given so far already place the respondent in a full cell. */
export function isScreenedOut(cells: QuotaCell[], answers: Record<string, unknown>): boolean {
  return cellsMatching(cells, answers).some((cell) => cell.filled >= cell.target);
}

export interface QuotaDefinitionError {
  line: number;
  message: string;
}

/**
 * Parses the quota editor's text: one cell a line, `label | question=value, question=value | target`.
 * Example: `Благовещенск, женщины | territory=amur-blagoveshchensk, sex=female | 120`.
 */
export function parseQuotaText(
  text: string,
  knownQuestions: ReadonlyMap<string, readonly string[] | null>,
): { cells: Omit<QuotaCell, "id" | "filled">[]; errors: QuotaDefinitionError[] } {
  const cells: Omit<QuotaCell, "id" | "filled">[] = [];
  const errors: QuotaDefinitionError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "" || raw.trim().startsWith("#")) return;
    const parts = raw.split("|").map((p) => p.trim());
    if (parts.length !== 3) return void errors.push({ line, message: "expected: label | question=value, … | target" });
    const [label = "", conditionText = "", targetText = ""] = parts;
    const target = Number(targetText);
    if (!label) errors.push({ line, message: "the label is empty" });
    if (!Number.isInteger(target) || target <= 0 || target > 10_000_000) errors.push({ line, message: `target "${targetText}" is not a positive whole number` });
    const conditions: Record<string, string> = {};
    for (const pair of conditionText.split(",").map((p) => p.trim()).filter(Boolean)) {
      const eq = pair.indexOf("=");
      const question = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (eq <= 0 || !value) {
        errors.push({ line, message: `"${pair}" is not question=value` });
        continue;
      }
      const allowed = knownQuestions.get(question);
      if (allowed === undefined) errors.push({ line, message: `no question named "${question}" in the published survey` });
      else if (allowed && !allowed.includes(value)) errors.push({ line, message: `"${value}" is not a choice of "${question}" (${allowed.join(", ")})` });
      conditions[question] = value;
    }
    if (Object.keys(conditions).length === 0) errors.push({ line, message: "a cell needs at least one condition" });
    const key = JSON.stringify(Object.entries(conditions).sort());
    if (seen.has(key)) errors.push({ line, message: `same conditions as line ${seen.get(key)}` });
    seen.set(key, line);
    cells.push({ label, conditions, target });
  });
  return { cells, errors };
}

export function formatQuotaText(cells: Pick<QuotaCell, "label" | "conditions" | "target">[]): string {
  return cells
    .map((c) => `${c.label} | ${Object.entries(c.conditions).map(([q, v]) => `${q}=${v}`).join(", ")} | ${c.target}`)
    .join("\n");
}
