/**
 * A study's focus groups as a REFI-QDA project (project.qde, Project.xsd of March 2019), for a
 * caller to zip with the session texts into a .qdpx that NVivo, ATLAS.ti, MAXQDA and QualCoder
 * open. The mapping:
 * - coders -> <Users>; codebook -> <CodeBook>;
 * - participant attributes -> <Variables> (text), participants -> <Cases> named by their
 *   pseudonymous code, each holding its attribute values and references to the selections that
 *   are its turns (how QDA programs tie speech to a case);
 * - each session -> a <TextSource> whose text lives in Sources/<guid>.txt (plainTextPath
 *   "internal://<guid>.txt", as the standard names files inside the archive) or inline;
 * - each coding -> its own <PlainTextSelection> with one <Coding>, made by its coder;
 * - memos -> <Notes>, referenced from the coding's selection (or, for a session memo, the source).
 * Element order follows the schema's sequences; the test suite validates the output with xmllint.
 */
import { codebookTree, codePathLabel, findCode, type Codebook } from "./codebook";
import { stableGuid } from "./guid";
import type { Problem } from "./problems";
import { codeElements, codeGuid, EXPORT_ORIGIN, exportableCodebookProblems, QDE_NAMESPACE } from "./refi-qda";
import { refiProblem } from "./refi-qda-messages";
import { sessionSourceText } from "./refi-qda-source-text";
import { participantAttributeKeys, STANDARD_ATTRIBUTE_LABELS } from "./export-rows";
import type { Coding, Participant, SessionTurn } from "./types";
import { element, renderXmlDocument, textElement, type XmlElement } from "./xml-writer";

export interface RefiSession {
  id: string;
  /** the source's name in the QDA program, e.g. "ФГ-3, Якутск, 12.03.2024" */
  name: string;
  description?: string | null;
  memo?: string | null;
  turns: ReadonlyArray<Pick<SessionTurn, "index" | "speaker" | "text" | "startMs">>;
}

export interface RefiProjectInput {
  studyId: string;
  projectName: string;
  origin?: string;
  /** xsd:dateTime such as "2024-03-12T10:00:00Z"; left out when absent so exports stay byte-stable */
  createdAt?: string;
  codebook: Codebook;
  /** staff who coded; their names are not participants' data */
  coders: ReadonlyArray<{ id: string; name: string }>;
  participants: readonly Participant[];
  /** attribute key -> variable name in the QDA program; standard attributes default to Russian ("Пол") */
  attributeLabels?: Readonly<Record<string, string>>;
  sessions: readonly RefiSession[];
  codings: readonly Coding[];
  /** put each session's text in <PlainTextContent> instead of a Sources/ file */
  inlineSources?: boolean;
}

export type RefiProjectResult =
  | { ok: true; projectXml: string; sources: Array<{ path: string; text: string }> }
  | { ok: false; errors: Problem[] };

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

function codingProblems(input: RefiProjectInput): Problem[] {
  const turns = new Map(input.sessions.flatMap((s) => s.turns.map((t) => [`${s.id}\u0000${t.index}`, t] as const)));
  const coders = new Set(input.coders.map((c) => c.id));
  const problems: Problem[] = [];
  for (const c of input.codings) {
    const turn = turns.get(`${c.sessionId}\u0000${c.turnIndex}`);
    const params = { coding: c.id, code: c.codeId, coder: c.coderId, turn: c.turnIndex, session: c.sessionId };
    if (!findCode(input.codebook, c.codeId)) problems.push(refiProblem("coding_unknown_code", null, params));
    if (!coders.has(c.coderId)) problems.push(refiProblem("coding_unknown_coder", null, params));
    if (!turn) {
      problems.push(refiProblem("coding_unknown_turn", null, params));
    } else if (!(c.start >= 0 && c.end > c.start && c.end <= turn.text.length)) {
      const span = { start: c.start, end: c.end, length: turn.text.length };
      problems.push(refiProblem("coding_bad_span", null, { ...params, ...span }));
    }
  }
  return problems;
}

export function writeRefiProject(input: RefiProjectInput): RefiProjectResult {
  const errors = [
    ...(input.codebook.codes.length > 0 ? exportableCodebookProblems(input.codebook) : []),
    ...codingProblems(input),
  ];
  if (errors.length > 0) return { ok: false, errors };
  const guid = (kind: Parameters<typeof stableGuid>[1], id: string) => stableGuid(input.studyId, kind, id);
  const userGuid = (coderId: string) => guid("user", coderId);
  const turnGuid = (sessionId: string, index: number) => guid("turn", `${sessionId}\u0000${index}`);
  const notes: XmlElement[] = [];
  const note = (id: string, name: string, text: string, creatingUser?: string) => {
    const noteGuid = guid("note", id);
    notes.push(element("Note", { guid: noteGuid, name, creatingUser }, [textElement("PlainTextContent", text)]));
    return element("NoteRef", { targetGUID: noteGuid });
  };
  const participantCodes = new Set(input.participants.map((p) => p.code));
  const casesTurns = new Map<string, string[]>();

  const sources: Array<{ path: string; text: string }> = [];
  const sourceElements = input.sessions.map((session) => {
    const sourceGuid = guid("source", session.id);
    const source = sessionSourceText(session.turns);
    const selections: Array<{ start: number; end: number; guid: string; xml: XmlElement }> = [];
    const place = (turnIndex: number, start: number, end: number) => {
      const base = source.turnStart.get(turnIndex)!;
      return { start: source.toPosition(base + start), end: source.toPosition(base + end) };
    };
    for (const turn of session.turns) {
      if (turn.speaker.kind !== "participant" || !participantCodes.has(turn.speaker.participantCode)) continue;
      const selGuid = turnGuid(session.id, turn.index);
      const { start, end } = place(turn.index, 0, turn.text.length);
      const name = `${turn.speaker.participantCode}, реплика ${turn.index + 1}`;
      selections.push({
        start,
        end,
        guid: selGuid,
        xml: element("PlainTextSelection", { guid: selGuid, name, startPosition: start, endPosition: end }),
      });
      casesTurns.set(turn.speaker.participantCode, [...(casesTurns.get(turn.speaker.participantCode) ?? []), selGuid]);
    }
    const texts = new Map(session.turns.map((t) => [t.index, t.text]));
    for (const coding of input.codings.filter((c) => c.sessionId === session.id)) {
      const { start, end } = place(coding.turnIndex, coding.start, coding.end);
      const selGuid = guid("selection", coding.id);
      const coder = userGuid(coding.coderId);
      const memo = coding.memo?.trim()
        ? note(`coding\u0000${coding.id}`, `Мемо: ${codePathLabel(input.codebook, coding.codeId)}`, coding.memo, coder)
        : null;
      const name = excerpt((texts.get(coding.turnIndex) ?? "").slice(coding.start, coding.end));
      const coded = element("Coding", { guid: guid("coding", coding.id), creatingUser: coder }, [
        element("CodeRef", { targetGUID: codeGuid(input.studyId, findCode(input.codebook, coding.codeId)!) }),
      ]);
      const attrs = { guid: selGuid, name, startPosition: start, endPosition: end, creatingUser: coder };
      selections.push({ start, end, guid: selGuid, xml: element("PlainTextSelection", attrs, [coded, memo]) });
    }
    selections.sort((a, b) => a.start - b.start || a.end - b.end || a.guid.localeCompare(b.guid));
    const fileName = `${sourceGuid}.txt`;
    if (!input.inlineSources) sources.push({ path: `Sources/${fileName}`, text: source.text });
    const sessionMemo = session.memo?.trim()
      ? note(`session\u0000${session.id}`, `Мемо: ${session.name}`, session.memo)
      : null;
    return element(
      "TextSource",
      {
        guid: sourceGuid,
        name: session.name,
        plainTextPath: input.inlineSources ? undefined : `internal://${fileName}`,
      },
      [
        textElement("Description", session.description),
        input.inlineSources ? element("PlainTextContent", {}, [source.text]) : null,
        ...selections.map((s) => s.xml),
        sessionMemo,
      ],
    );
  });

  const keys = participantAttributeKeys(input.participants);
  const variable = (key: string) => guid("variable", key);
  const variables = keys.map((key) =>
    element("Variable", {
      guid: variable(key),
      name: input.attributeLabels?.[key] ?? STANDARD_ATTRIBUTE_LABELS[key]?.ru ?? key,
      typeOfVariable: "Text",
    }),
  );
  const cases = input.participants.map((p) =>
    element("Case", { guid: guid("case", p.code), name: p.code }, [
      ...keys
        .filter((key) => (p.attributes[key] ?? "").trim() !== "")
        .map((key) =>
          element("VariableValue", {}, [
            element("VariableRef", { targetGUID: variable(key) }),
            element("TextValue", {}, [p.attributes[key]!.trim()]),
          ]),
        ),
      ...(casesTurns.get(p.code) ?? []).map((target) => element("SelectionRef", { targetGUID: target })),
    ]),
  );

  const root = element(
    "Project",
    {
      xmlns: QDE_NAMESPACE,
      name: input.projectName,
      origin: input.origin ?? EXPORT_ORIGIN,
      creationDateTime: input.createdAt,
    },
    [
      input.coders.length > 0 &&
        element(
          "Users",
          {},
          input.coders.map((c) => element("User", { guid: userGuid(c.id), name: c.name })),
        ),
      input.codebook.codes.length > 0 &&
        element("CodeBook", {}, [element("Codes", {}, codeElements(input.studyId, codebookTree(input.codebook)))]),
      variables.length > 0 && element("Variables", {}, variables),
      cases.length > 0 && element("Cases", {}, cases),
      sourceElements.length > 0 && element("Sources", {}, sourceElements),
      notes.length > 0 && element("Notes", {}, notes),
    ],
  );
  return { ok: true, projectXml: renderXmlDocument(root), sources };
}
