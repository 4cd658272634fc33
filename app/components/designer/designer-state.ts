/** The designer's state machine: the survey JSON plus what is selected, changed only through domain/survey/designer. */
import { DesignerOpError, findElement, listElements, type SurveyJson } from "../../domain/survey/designer";

export interface DesignerState {
  survey: SurveyJson;
  pageIndex: number;
  selected: string | null;
  /** Code of the last refused operation (DesignerOpError), shown once. */
  notice: string | null;
}

export type DesignerAction =
  | { type: "edit"; op: (s: SurveyJson) => SurveyJson | { survey: SurveyJson; name: string } }
  | { type: "select"; name: string | null }
  | { type: "page"; index: number }
  | { type: "reset"; survey: SurveyJson }
  | { type: "dismiss" };

export function initialState(survey: SurveyJson): DesignerState {
  return { survey, pageIndex: 0, selected: null, notice: null };
}

function pageOf(survey: SurveyJson, name: string): number | null {
  return listElements(survey).find((r) => r.element.name === name)?.pageIndex ?? null;
}

export function designerReducer(state: DesignerState, action: DesignerAction): DesignerState {
  switch (action.type) {
    case "edit": {
      let result: ReturnType<typeof action.op>;
      try {
        result = action.op(state.survey);
      } catch (error) {
        if (error instanceof DesignerOpError) return { ...state, notice: error.code };
        throw error;
      }
      // Ops that create an element return it with its name, and the new element gets selected.
      const wrapped = !Array.isArray((result as SurveyJson).pages);
      const survey = wrapped ? (result as { survey: SurveyJson }).survey : (result as SurveyJson);
      const created = wrapped ? (result as { name: string }).name : null;
      let selected = created ?? state.selected;
      if (selected && !findElement(survey, selected)) selected = null;
      const page = selected ? pageOf(survey, selected) : null;
      const pageIndex = Math.min(page ?? state.pageIndex, survey.pages.length - 1);
      return { survey, selected, pageIndex, notice: null };
    }
    case "select": {
      const page = action.name ? pageOf(state.survey, action.name) : null;
      return { ...state, selected: action.name, pageIndex: page ?? state.pageIndex };
    }
    case "page": {
      const pageIndex = Math.max(0, Math.min(action.index, state.survey.pages.length - 1));
      const keep = state.selected !== null && pageOf(state.survey, state.selected) === pageIndex;
      return { ...state, pageIndex, selected: keep ? state.selected : null };
    }
    case "reset": {
      const selected = state.selected && findElement(action.survey, state.selected) ? state.selected : null;
      return { survey: action.survey, selected, pageIndex: Math.min(state.pageIndex, action.survey.pages.length - 1), notice: null };
    }
    case "dismiss":
      return { ...state, notice: null };
  }
}
