/**
 * Problems found in focus-group input (transcripts, codebooks, .qdc files), as data: a stable
 * code for the UI and tests, the line when the input has lines, and ready sentences in Russian
 * (the centre's working language) and English. Nothing in this folder throws on bad input.
 */

export type ProblemParams = Readonly<Record<string, string | number>>;

export interface Problem<Code extends string = string> {
  code: Code;
  /** 1-based line of the input where the problem is, or null when it concerns the whole input */
  line: number | null;
  params: ProblemParams;
  ru: string;
  en: string;
}

export type Sentences<Code extends string> = Record<
  Code,
  { ru: (p: ProblemParams) => string; en: (p: ProblemParams) => string }
>;

/** One factory per message table, so a module can only emit the codes it has sentences for. */
export function problemFactory<Code extends string>(sentences: Sentences<Code>) {
  return (code: Code, line: number | null, params: ProblemParams = {}): Problem<Code> => ({
    code,
    line,
    params,
    ru: sentences[code].ru(params),
    en: sentences[code].en(params),
  });
}

/** "Строка 12: …" / "Line 12: …" for a list shown to a person. */
export function formatProblem(problem: Problem, locale: "ru" | "en"): string {
  const text = problem[locale];
  if (problem.line === null) return text;
  return locale === "ru" ? `Строка ${problem.line}: ${text}` : `Line ${problem.line}: ${text}`;
}

/** Order by line (whole-input problems first) so a person can fix a file from top to bottom. */
export function byLine<P extends Problem>(problems: readonly P[]): P[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
