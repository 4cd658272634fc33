/**
 * Pass 2 of scoring (see score.ts): percentile criteria within each peer group, then the
 * weighted total, the grade and the gate cap. Each percentile criterion sorts each peer group
 * once, on a flat array of values: O(n log n) for the region.
 */
import { measureDirection, type OrganisationInput } from "./criteria";
import type { Band, Grade, Methodology } from "./methodology";
import { criterionScore, measureOrganisation, type CriterionScore, type OrganisationMeasurement, type OrganisationScore, type ScoreOptions } from "./score";

/**
 * Mid-rank percentile, worst 0 and best 1: (organisations below + half the others tied) / (n − 1).
 * So a fully compliant leader can reach 100, and equal values always score equally. Fewer than
 * two organisations with a value: nothing to compare, not measurable ("no_peers").
 */
function scorePercentiles(criteria: CriterionScore[][], members: readonly number[], ci: number, better: "higher" | "lower", c: Methodology["criteria"][number]) {
  const orgs: number[] = [];
  const values: number[] = [];
  for (const k of members) {
    const cs = criteria[k]![ci]!;
    if (cs.status !== "measured") continue;
    orgs.push(k);
    values.push(cs.parts[0]!.value!);
  }
  const n = orgs.length;
  const order = orgs.map((_, i) => i);
  const sign = better === "higher" ? 1 : -1;
  order.sort((a, b) => sign * (values[a]! - values[b]!)); // worst first
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    const score = n < 2 ? null : (i + (j - i - 1) / 2) / (n - 1);
    for (let k = i; k < j; k++) {
      const at = orgs[order[k]!]!;
      const cs = criteria[at]![ci]!;
      criteria[at]![ci] = criterionScore(c, score === null ? "no_peers" : null, score, cs.parts, cs.pages, n);
    }
    i = j;
  }
}

export function gradeFor(score: number, bands: readonly Band[]): Grade {
  for (let i = bands.length - 1; i >= 0; i--) if (score >= bands[i]!.from) return bands[i]!.grade;
  return bands[0]!.grade;
}

function total(m: OrganisationMeasurement, criteria: CriterionScore[], bands: readonly Band[]): OrganisationScore {
  let points = 0;
  let measuredWeight = 0;
  for (const c of criteria) {
    if (c.score === null) continue;
    points += c.weight * c.score;
    measuredWeight += c.weight;
  }
  // Two decimals: float noise (74.99999…) must not change a grade or split a tie.
  const score = measuredWeight > 0 ? Math.round((10_000 * points) / measuredWeight) / 100 : null;
  const cappedBy: string[] = [];
  for (const g of m.gates) if (g.status === "fail") cappedBy.push(g.gateId);
  const gradeFromScore = score === null ? null : gradeFor(score, bands);
  return {
    organisationId: m.organisationId, name: m.name, kind: m.kind, peerGroup: m.peerGroup, gates: m.gates, criteria,
    score, measuredWeight, gradeFromScore, grade: cappedBy.length ? bands[0]!.grade : gradeFromScore, cappedBy,
  };
}

/** Pass 2: percentiles within each peer group, then totals. Returns the input order; inputs are not changed. */
export function scoreMeasurements(measurements: readonly OrganisationMeasurement[], methodology: Methodology): OrganisationScore[] {
  const criteria = measurements.map((m) => m.criteria.slice());
  const groups = new Map<string, number[]>();
  measurements.forEach((m, k) => {
    const g = groups.get(m.peerGroup);
    if (g) g.push(k);
    else groups.set(m.peerGroup, [k]);
  });
  methodology.criteria.forEach((c, ci) => {
    if (c.kind !== "peer_percentile") return;
    for (const members of groups.values()) scorePercentiles(criteria, members, ci, measureDirection(c.measure), c);
  });
  return measurements.map((m, k) => total(m, criteria[k]!, methodology.bands));
}

export function scoreOrganisations(organisations: readonly OrganisationInput[], methodology: Methodology, options: ScoreOptions = {}): OrganisationScore[] {
  return scoreMeasurements(organisations.map((o) => measureOrganisation(o, methodology, options)), methodology);
}
