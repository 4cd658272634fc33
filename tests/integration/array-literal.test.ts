/**
 * Array literals built by db/array-literal.ts must reach PostgreSQL as exactly the values sent:
 * quotes, backslashes, braces, the text "NULL", empty strings, Cyrillic, dates and real nulls.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrayLiteral } from "../../db/array-literal";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("array_literal");
});
afterAll(async () => {
  await t?.close();
});

describe("arrayLiteral", () => {
  it("round-trips awkward text exactly", async () => {
    const values = ['say "hi"', "back\\slash", "{braces},commas", "NULL", "", "  spaced  ", "Когда починят дорогу?", "line\nbreak", null, "trailing\\"];
    const { rows } = await sql<{ v: string[] }>`select ${arrayLiteral(values)}::text[] as v`.execute(t.db);
    expect(rows[0]!.v).toEqual(values);
  });

  it("sends numbers, booleans and instants with their types", async () => {
    const when = new Date("2026-10-05T03:04:05.678Z");
    const { rows } = await sql<{ n: number[]; b: boolean[]; d: Date[] }>`
      select ${arrayLiteral([1, -2, null])}::int[] as n, ${arrayLiteral([true, false, null])}::boolean[] as b,
             ${arrayLiteral([when, null])}::timestamptz[] as d`.execute(t.db);
    expect(rows[0]!.n).toEqual([1, -2, null]);
    expect(rows[0]!.b).toEqual([true, false, null]);
    expect(rows[0]!.d.map((d) => (d ? new Date(d).toISOString() : d))).toEqual([when.toISOString(), null]);
  });

  it("writes an empty array and refuses numbers PostgreSQL could not read", async () => {
    expect(arrayLiteral([])).toBe("{}");
    const { rows } = await sql<{ n: number }>`select cardinality(${arrayLiteral([])}::text[]) as n`.execute(t.db);
    expect(Number(rows[0]!.n)).toBe(0);
    expect(() => arrayLiteral([Number.NaN])).toThrow(RangeError);
  });
});
