/** A realistic 30-question survey for benchmarks, and a valid answer to it. */
export function thirtyQuestionSurvey() {
  const scale = ["1", "2", "3", "4", "5"];
  const elements: Record<string, unknown>[] = [
    { type: "radiogroup", name: "sex", isRequired: true, choices: ["male", "female"] },
    { type: "radiogroup", name: "age_band", isRequired: true, choices: ["18-29", "30-44", "45-59", "60+"] },
    { type: "dropdown", name: "territory", isRequired: true, choices: ["amur-blagoveshchensk", "amur-belogorsk", "amur-svobodny", "amur-zeya"] },
  ];
  for (let i = 1; i <= 10; i++) elements.push({ type: "rating", name: `r${i}`, rateMin: 1, rateMax: 5, isRequired: true });
  for (let i = 1; i <= 6; i++) elements.push({ type: "radiogroup", name: `c${i}`, choices: ["a", "b", "c", "d"], showOtherItem: true });
  for (let i = 1; i <= 4; i++) elements.push({ type: "checkbox", name: `m${i}`, choices: ["x", "y", "z", "w"], maxSelectedChoices: 3 });
  elements.push({ type: "boolean", name: "b1" }, { type: "boolean", name: "b2" });
  elements.push({ type: "matrix", name: "grid", rows: ["q1", "q2", "q3"], columns: scale });
  elements.push({ type: "text", name: "age", inputType: "number", min: 18, max: 110 });
  elements.push({ type: "text", name: "email", inputType: "email" });
  elements.push({ type: "comment", name: "comment1", maxLength: 2000 });
  elements.push({ type: "comment", name: "comment2", maxLength: 2000, visibleIf: "{b1} = true" });
  return { locale: "ru", pages: [{ name: "p1", elements: elements.slice(0, 15) }, { name: "p2", elements: elements.slice(15) }] };
}

export function thirtyQuestionAnswer(i: number): Record<string, unknown> {
  const answer: Record<string, unknown> = {
    sex: i % 2 ? "male" : "female",
    age_band: ["18-29", "30-44", "45-59", "60+"][i % 4],
    territory: "amur-blagoveshchensk",
    b1: true,
    b2: false,
    grid: { q1: "1", q2: "3", q3: "5" },
    age: 34,
    email: "resident@example.ru",
    comment1: "Хотелось бы, чтобы отвечали быстрее.",
    comment2: "Спасибо за опрос.",
  };
  for (let r = 1; r <= 10; r++) answer[`r${r}`] = ((i + r) % 5) + 1;
  for (let c = 1; c <= 6; c++) answer[`c${c}`] = "b";
  for (let m = 1; m <= 4; m++) answer[`m${m}`] = ["x", "z"];
  return answer;
}
