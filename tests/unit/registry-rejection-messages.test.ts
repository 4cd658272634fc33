import type { Rejection } from "../../app/domain/registry/import-plan";
import { REJECTION_CODES, WARNING_CODES, describeRejection } from "../../app/domain/registry/rejection-messages";
import { csv, existing, plan } from "./registry-fixtures";

const CYRILLIC = /[а-яё]/i;
const sample = (code: string, extra: Partial<Rejection> = {}): Rejection => ({
  file: "territories",
  line: 7,
  field: "parent_code",
  value: "x",
  code,
  params: {
    allowed: "vk, ok", firstLine: 3, cycle: "a → b → a", or: "url", column: "comment", expected: 3, actual: 2,
    detail: "Invalid Record Length", host: "t.me", platform: "vk", key: "vk:amurobl", organisation: "org-b", id: "x",
  },
  ...extra,
});

describe("describeRejection", () => {
  it.each(REJECTION_CODES)("has a Russian and an English sentence for %s", (code) => {
    const ru = describeRejection(sample(code), "ru");
    const en = describeRejection(sample(code), "en");
    expect(ru).toMatch(CYRILLIC);
    expect(en).not.toBe(ru);
    // neither falls back to the generic "unknown code" sentence
    expect(ru).not.toContain(`«${code}»`);
    expect(en).not.toContain(`"${code}"`);
    expect(ru.length).toBeGreaterThan(15);
    expect(en.length).toBeGreaterThan(15);
  });

  it("says what the spec asks for an unknown parent", () => {
    expect(describeRejection(sample("unknown_parent"), "ru")).toBe(
      "Неизвестный код родителя «x»: его нет ни в файле, ни в реестре",
    );
    expect(describeRejection(sample("unknown_parent"), "en")).toBe(
      'Unknown parent code "x": it is neither in the file nor in the registry',
    );
  });

  it("fills in params", () => {
    expect(describeRejection(sample("duplicate_code"), "ru")).toBe("Код «x» уже встречался в строке 3");
    expect(describeRejection(sample("page_owned_by_other"), "en")).toBe(
      'Page vk:amurobl already belongs to organisation "org-b" in the registry',
    );
    expect(describeRejection(sample("missing_column", { field: "kind", params: {} }), "ru")).toBe(
      "Нет обязательного столбца «kind»",
    );
    expect(describeRejection(sample("missing_column", { field: "platform_id", params: { or: "url" } }), "en")).toBe(
      'Neither column "platform_id" nor "url" is present: at least one is needed',
    );
  });

  it("describes warnings, which carry no value", () => {
    const warning = { file: "territories" as const, line: 1, field: "comment", code: "unknown_column" };
    expect(describeRejection(warning, "ru")).toBe("Столбец «comment» не используется и будет пропущен");
    expect(WARNING_CODES.every((c) => (REJECTION_CODES as readonly string[]).includes(c))).toBe(true);
  });

  it("still points at the field for a code it does not know", () => {
    expect(describeRejection(sample("brand_new"), "en")).toBe('Problem "brand_new" in field "parent_code"');
    expect(describeRejection(sample("brand_new", { field: null }), "ru")).toBe("Ошибка «brand_new»");
  });

  it("describes every rejection a messy real-world upload produces", () => {
    const out = plan(
      {
        territories: csv("code;name_ru;kind;parent_code;population", "amur;Амурская;region;;1 000", "x;X;planet;nowhere;-1"),
        pages: csv("organisation_code,platform,url", "org-a,vk,https://t.me/x", "ghost,myspace,"),
      },
      existing({ organisations: ["org-a"] }),
    );
    expect(out.rejections.length).toBeGreaterThanOrEqual(6);
    for (const r of [...out.rejections, ...out.warnings]) {
      expect(describeRejection(r, "ru")).toMatch(CYRILLIC);
      expect(describeRejection(r, "en")).not.toMatch(/^Problem /);
    }
  });
});
