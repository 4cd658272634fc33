/**
 * Transcript upload with speaker mapping. The file is read in the browser by the same pure reader
 * the server uses, so the speakers (and any problems with their line numbers) show before
 * anything is sent; the server reads the file again and decides.
 */
import { Form } from "@remix-run/react";
import { useState } from "react";
import { formatProblem, importTranscript, MODERATOR, type SpeakerSummary } from "../../domain/focus-groups";
import { useLocale, useT } from "../../utils/i18n";

const MODERATOR_LABELS = /^(модератор|ведущ(ий|ая)|moderator|interviewer|интервьюер|м)$/i;

function suggest(label: string, codes: readonly string[]): string {
  if (MODERATOR_LABELS.test(label.trim())) return MODERATOR;
  const exact = codes.find((c) => c.toLowerCase() === label.trim().toLowerCase());
  return exact ?? "";
}

export function TranscriptImport({ participantCodes, busy, coded }: { participantCodes: string[]; busy: boolean; coded: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [speakers, setSpeakers] = useState<SpeakerSummary[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [summary, setSummary] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});

  async function read(file: File | undefined) {
    setSpeakers(null);
    setProblems([]);
    setSummary(null);
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = importTranscript({ bytes, fileName: file.name });
    if (!result.ok) {
      setProblems(result.errors.map((e) => formatProblem(e, locale)));
      return;
    }
    setSummary(t("fg.import.read", { turns: result.turns.length, format: result.format.toUpperCase(), encoding: result.encoding }));
    setProblems(result.warnings.map((w) => formatProblem(w, locale)));
    setSpeakers(result.speakers);
    setMapping(Object.fromEntries(result.speakers.map((s) => [s.label, suggest(s.label, participantCodes)])));
  }

  const unmapped = speakers?.filter((s) => !mapping[s.label]).length ?? 0;
  return (
    <Form method="post" encType="multipart/form-data" className="stack">
      <input type="hidden" name="intent" value="import" />
      {coded ? <p className="note">{t("fg.import.coded")}</p> : null}
      <div className="field">
        <label htmlFor="f-transcript">{t("fg.import.file")}</label>
        <input id="f-transcript" type="file" name="file" accept=".vtt,.srt,.txt,text/vtt,text/plain,application/x-subrip" required onChange={(e) => void read(e.currentTarget.files?.[0])} aria-describedby="f-transcript-hint" />
        <small id="f-transcript-hint">{t("fg.import.hint")}</small>
      </div>
      {summary ? <p className="note">{summary}</p> : null}
      {problems.length > 0 ? (
        <ul className={speakers ? "note" : "errors"} role={speakers ? undefined : "alert"}>
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : null}
      {speakers ? (
        <fieldset>
          <legend>{t("fg.import.mapSpeakers")}</legend>
          <table>
            <thead>
              <tr>
                <th>{t("fg.import.label")}</th>
                <th className="num">{t("fg.turns")}</th>
                <th>{t("fg.import.who")}</th>
              </tr>
            </thead>
            <tbody>
              {speakers.map((s, i) => (
                <tr key={s.label}>
                  <td>{s.label}</td>
                  <td className="num">{s.turns}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`map-${i}`}>
                      {t("fg.import.who")}: {s.label}
                    </label>
                    <select id={`map-${i}`} data-speaker={s.label} value={mapping[s.label] ?? ""} onChange={(e) => setMapping({ ...mapping, [s.label]: e.currentTarget.value })}>
                      <option value="">—</option>
                      <option value={MODERATOR}>{t("fg.moderatorRole")}</option>
                      {participantCodes.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {unmapped > 0 ? <p className="note">{t("fg.import.unmapped", { n: unmapped })}</p> : null}
        </fieldset>
      ) : null}
      <input type="hidden" name="speakerMap" value={JSON.stringify(Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== "")))} />
      <button type="submit" className="primary" disabled={busy || coded || !speakers || unmapped > 0}>
        {t("fg.import.submit")}
      </button>
    </Form>
  );
}
