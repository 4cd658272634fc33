/** Columns of a matrixdropdown: each has a name, a title, a cell type and (for list cells) choices. */
import { insertItem, moveItem, NAME_PATTERN, removeItem, updateItem, type ElementJson, type JsonObject } from "../../domain/survey/designer";
import { useT } from "../../utils/i18n";
import { ChoicesEditor } from "./ChoicesEditor";
import { LocalizedInput, RowButtons, SelectInput, TextInput, tr } from "./inputs";

const CELL_TYPES = ["dropdown", "radiogroup", "checkbox", "text", "comment", "boolean", "rating"] as const;
const LIST_CELLS = new Set(["dropdown", "radiogroup", "checkbox"]);

export function MatrixColumnsEditor({ question, onChange }: { question: ElementJson; onChange: (next: ElementJson) => void }) {
  const t = useT();
  const columns = (Array.isArray(question.columns) ? question.columns : []) as JsonObject[];
  const names = columns.map((c) => String(c.name ?? ""));
  const setColumn = (i: number, next: JsonObject) => {
    const copy = [...columns];
    copy[i] = next;
    onChange({ ...question, columns: copy });
  };
  const addColumn = () => {
    let n = columns.length + 1;
    while (names.includes(`col${n}`)) n++;
    onChange(insertItem(question, "columns", { name: `col${n}`, title: { ru: `Столбец ${n}`, en: `Column ${n}` }, cellType: "dropdown", choices: [1, 2, 3, 4, 5] }));
  };
  return (
    <fieldset className="field list-editor">
      <legend>{t("designer.matrix.columns")}</legend>
      {columns.map((column, i) => {
        const name = names[i]!;
        const bad = !NAME_PATTERN.test(name) ? t("designer.err.name.invalid") : names.indexOf(name) !== i ? t("designer.err.name.taken") : null;
        const cellType = typeof column.cellType === "string" ? column.cellType : "dropdown";
        return (
          <div key={i} className="validator">
            <div className="validator-head">
              <strong>
                {t("designer.matrix.column")} {i + 1}
              </strong>
              <RowButtons index={i} count={columns.length} label={name} onMove={(to) => onChange(moveItem(question, "columns", i, to))} onRemove={() => onChange(removeItem(question, "columns", i))} />
            </div>
            <div className="grid-2">
              <TextInput mono label={t("designer.name")} value={name} onChange={(s) => onChange(updateItem(question, "columns", i, { name: s }))} />
              <SelectInput
                label={t("designer.matrix.cellType")}
                value={cellType}
                options={CELL_TYPES.map((c) => ({ value: c, label: tr(t, `designer.type.${c}`, c) }))}
                onChange={(v) => onChange(updateItem(question, "columns", i, { cellType: v, choices: LIST_CELLS.has(v) ? (column.choices ?? [1, 2, 3, 4, 5]) : undefined }))}
              />
            </div>
            {bad ? <small className="error">{bad}</small> : null}
            <LocalizedInput label={t("designer.title.field")} obj={column} prop="title" onChange={(next) => setColumn(i, next)} />
            {LIST_CELLS.has(cellType) ? <ChoicesEditor label={t("designer.choices")} obj={column} onChange={(next) => setColumn(i, next)} /> : null}
          </div>
        );
      })}
      <div>
        <button type="button" className="secondary" onClick={addColumn}>
          + {t("designer.matrix.addColumn")}
        </button>
      </div>
    </fieldset>
  );
}
