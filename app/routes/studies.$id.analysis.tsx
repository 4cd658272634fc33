/**
 * A study's focus-group analysis: code frequencies (by session and by a participant attribute),
 * co-occurrence, coder agreement and quotes. Thin: parse the query, call the analysis service,
 * render its sections; every section is a GET form, so a view can be bookmarked and shared.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FocusGroupTabs } from "../components/focus-groups/FocusGroupTabs";
import { AgreementSection } from "../components/focus-groups/analysis/AgreementSection";
import { CooccurrenceSection } from "../components/focus-groups/analysis/CooccurrenceSection";
import { FrequencySection } from "../components/focus-groups/analysis/FrequencySection";
import { QuoteSection } from "../components/focus-groups/analysis/QuoteSection";
import { ScopeForm } from "../components/focus-groups/analysis/ScopeForm";
import { requirePermission } from "../services/auth.server";
import { analysisQuerySchema, studyAnalysis } from "../services/focus-group-analysis.server";
import analysisCss from "../styles/focus-groups-analysis.css";
import { idParam, notFound } from "../utils/http.server";
import { useT } from "../utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: analysisCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.study.title} — анализ фокус-групп` : "Анализ фокус-групп" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(context.app, request, "focus-groups:manage");
  const id = idParam(params.id);
  const url = new URL(request.url);
  const query = analysisQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new Response("Bad query", { status: 400 });
  const analysis = await studyAnalysis(context.app, id, query.data);
  if (!analysis) notFound();
  // the raw choices, carried by each section's form so one section's change keeps the others
  const kept = Object.fromEntries(Object.keys(analysisQuerySchema.shape).map((k) => [k, url.searchParams.get(k)]));
  return { ...analysis, params: kept };
}

const SECTIONS = [
  ["frequencies", "fgAnalysis.freq.title"],
  ["cooccurrence", "fgAnalysis.cooc.title"],
  ["agreement", "fgAnalysis.agree.title"],
  ["quotes", "fgAnalysis.quotes.title"],
] as const;

export default function StudyAnalysisPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="fg-analysis">
      <FocusGroupTabs studyId={data.study.id} studyTitle={data.study.title} current="analysis" />
      <nav aria-label={t("fgAnalysis.toc")} className="fg-toc no-print">
        <ul>
          {SECTIONS.map(([anchor, label]) => (
            <li key={anchor}>
              <a href={`#${anchor}`}>{t(label)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <ScopeForm data={data} params={data.params} />
      <p className="note">{t("fgAnalysis.scope.segments", { n: data.segments })}</p>
      {data.coders.length === 0 ? <p className="fg-empty">{t("fgAnalysis.noMaterial")}</p> : null}
      {data.mixesCoders ? (
        <p className="fg-warning" role="note">
          {t("fgAnalysis.scope.mixesCoders")}
        </p>
      ) : null}
      <FrequencySection data={data} params={data.params} />
      <CooccurrenceSection data={data} params={data.params} />
      <AgreementSection data={data} params={data.params} />
      <QuoteSection data={data} params={data.params} />
    </div>
  );
}
