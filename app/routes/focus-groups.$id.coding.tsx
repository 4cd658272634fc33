import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { FocusGroupTabs } from "../components/focus-groups/FocusGroupTabs";
import { CodePicker } from "../components/focus-groups/CodePicker";
import { TurnCard } from "../components/focus-groups/TurnCard";
import { currentTurnSelection, type TurnSelection } from "../components/focus-groups/selection";
import { codePathLabel } from "../domain/focus-groups";
import { requirePermission } from "../services/auth.server";
import { applyCodes, codingWorkspace, editTurn, removeCoding, updateCoding } from "../services/focus-group-coding.server";
import { addMemo, deleteMemo, sessionStudyId } from "../services/focus-group-sessions.server";
import { idParam, notFound } from "../utils/http.server";
import { useT } from "../utils/i18n";
import focusGroupsCss from "../styles/focus-groups.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: focusGroupsCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.session.title} — кодирование` : "Кодирование" }];

const viewSchema = z.union([z.literal("all"), z.coerce.number().int().positive().max(2_147_483_647)]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(context.app, request, "focus-groups:manage");
  const requested = new URL(request.url).searchParams.get("coder");
  const view = requested ? viewSchema.catch(user.id).parse(requested) : user.id;
  const workspace = await codingWorkspace(context.app, idParam(params.id), user.id, { coder: view });
  if (!workspace) notFound();
  return { ...workspace, me: user.id, view };
}

type Result = { intent: string; ok: boolean; errors: Record<string, string>; turnId?: number; added?: number };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(context.app, request, "focus-groups:manage");
  const sessionId = idParam(params.id);
  const form = await request.formData();
  const intent = z.enum(["apply", "remove", "quote", "coding-memo", "edit-turn", "add-memo", "delete-memo"]).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  const codingId = Number(form.get("codingId"));
  const turnId = Number(form.get("turnId")) || undefined;
  // memos belong to the session's study, whatever a form says
  const studyId = await sessionStudyId(context.app, sessionId);
  if (studyId === null) notFound();
  let outcome: { ok: true; value?: unknown } | { ok: false; status: number; errors: Record<string, string> | string[] };
  switch (intent.data) {
    case "apply":
      outcome = await applyCodes(
        context.app,
        sessionId,
        { turnId: form.get("turnId"), start: form.get("start"), end: form.get("end"), codeIds: form.getAll("codeIds"), quote: form.get("quote") === "on", memo: form.get("memo") ?? "" },
        user.id,
      );
      break;
    case "remove":
      outcome = await removeCoding(context.app, sessionId, codingId, user);
      break;
    case "quote":
      outcome = await updateCoding(context.app, sessionId, codingId, { quote: form.get("quote") === "true" }, user);
      break;
    case "coding-memo":
      outcome = await updateCoding(context.app, sessionId, codingId, { memo: form.get("memo") ?? "" }, user);
      break;
    case "edit-turn":
      outcome = await editTurn(context.app, sessionId, Number(form.get("turnId")), { text: form.get("text"), speaker: form.get("speaker") ?? "" }, user.id);
      break;
    case "add-memo":
      outcome = await addMemo(context.app, studyId, { targetKind: "turn", targetId: form.get("turnId"), text: form.get("text") }, user.id);
      break;
    case "delete-memo":
      outcome = await deleteMemo(context.app, studyId, Number(form.get("memoId")), user);
      break;
  }
  if (!outcome.ok) {
    const errors = Array.isArray(outcome.errors) ? { _form: outcome.errors.join(" ") } : outcome.errors;
    return data<Result>({ intent: intent.data, ok: false, errors, turnId }, { status: outcome.status === 404 ? 404 : outcome.status === 403 ? 403 : outcome.status === 409 ? 409 : 422 });
  }
  const added = intent.data === "apply" ? (outcome.value as { added: number }).added : undefined;
  return data<Result>({ intent: intent.data, ok: true, errors: {}, turnId, added });
}

export default function CodingPage() {
  const ws = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [selection, setSelection] = useState<TurnSelection | null>(null);
  const busy = navigation.state !== "idle";

  useEffect(() => {
    if (!ws.editable) return;
    const onUp = () => {
      const picked = currentTurnSelection();
      if (picked) setSelection(picked);
    };
    // mouse and keyboard end a selection with mouseup/keyup; a phone's long-press handles only
    // report selectionchange, so that counts too (it keeps the last selection when focus moves on)
    const events = ["mouseup", "keyup", "touchend", "selectionchange"] as const;
    for (const e of events) document.addEventListener(e, onUp);
    return () => {
      for (const e of events) document.removeEventListener(e, onUp);
    };
  }, [ws.editable]);

  useEffect(() => {
    if (result?.intent === "apply" && result.ok) setSelection(null);
  }, [result]);

  const codeLabel = (codeId: number) => codePathLabel(ws.codebook, String(codeId));
  const colourOf = new Map(ws.codebook.codes.map((c) => [Number(c.id), c.color ?? "#2f6db5"]));
  const coderName = new Map(ws.coders.map((c) => [c.id, c.name]));
  const speakers = [{ value: "moderator", label: t("fg.moderatorRole") }, ...ws.participants.map((p) => ({ value: p.code, label: p.code }))];

  return (
    <>
      <FocusGroupTabs studyId={ws.session.study_id} studyTitle={ws.session.study_title} current={null} />
      <h2>
        <Link to={`/focus-groups/${ws.session.id}`}>{ws.session.title}</Link> — {t("fg.coding")}
      </h2>
      <Form method="get" className="inline-form no-print">
        <label htmlFor="f-coder">{t("fg.showCodings")}</label>{" "}
        <select id="f-coder" name="coder" defaultValue={String(ws.view)} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
          <option value={ws.me}>{t("fg.myCodings")}</option>
          {ws.coders
            .filter((c) => c.id !== ws.me)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {t("fg.codingsOf", { name: c.name, n: c.codings })}
              </option>
            ))}
          <option value="all">{t("fg.allCoders")}</option>
        </select>{" "}
        <noscript>
          <button type="submit">{t("fg.show")}</button>
        </noscript>
      </Form>
      {!ws.editable ? <p className="note">{t("fg.readOnlyView")}</p> : <p className="note">{t("fg.codingHelp")}</p>}
      {result && !result.ok && result.intent !== "edit-turn" ? (
        <p className="errors" role="alert">
          {Object.values(result.errors).join(" ")}
        </p>
      ) : null}
      {result?.intent === "apply" && result.ok ? (
        <p className="flash" role="status">
          {t("fg.applied", { n: result.added ?? 0 })}
        </p>
      ) : null}
      <div className="coding-layout">
        <div>
          {ws.turns.length === 0 ? <p>{t("fg.noTranscript")}</p> : null}
          {ws.turns.map((turn) => (
            <TurnCard
              key={turn.id}
              turn={turn}
              codings={ws.codings.filter((c) => c.turnId === turn.id)}
              memos={ws.memos.filter((m) => m.target_id === turn.id)}
              editable={ws.editable}
              showCoder={ws.view === "all"}
              codeLabel={codeLabel}
              colourOf={(id) => colourOf.get(id) ?? "#2f6db5"}
              coderName={(id) => coderName.get(id) ?? String(id)}
              speakers={speakers}
              selected={selection?.turnId === turn.id}
              onWholeTurn={() => setSelection({ turnId: turn.id, start: 0, end: turn.text.length, text: turn.text })}
              busy={busy}
              editError={result?.intent === "edit-turn" && !result.ok && result.turnId === turn.id ? Object.values(result.errors).join(" ") : null}
              quotingAllowed={turn.participantCode === null || ws.participants.find((p) => p.code === turn.participantCode)?.quoting !== false}
            />
          ))}
        </div>
        {ws.editable ? (
          <aside className="code-panel card" aria-labelledby="code-panel">
            <h2 id="code-panel">{t("fg.applyCodes")}</h2>
            <CodePicker tree={ws.tree} selection={selection} busy={busy} studyId={ws.session.study_id} onClear={() => setSelection(null)} />
          </aside>
        ) : null}
      </div>
    </>
  );
}
