import { Link } from "@remix-run/react";
import { useT } from "../../utils/i18n";

export type FocusGroupTab = "sessions" | "participants" | "codebook" | "analysis" | "report";

/** The study's focus-group sections, as a second-level menu on every focus-group page. */
export function FocusGroupTabs({ studyId, studyTitle, current }: { studyId: number; studyTitle: string; current: FocusGroupTab | null }) {
  const t = useT();
  const tabs: Array<{ key: FocusGroupTab; to: string }> = [
    { key: "sessions", to: `/studies/${studyId}/focus-groups` },
    { key: "participants", to: `/studies/${studyId}/participants` },
    { key: "codebook", to: `/studies/${studyId}/codebook` },
    { key: "analysis", to: `/studies/${studyId}/analysis` },
    { key: "report", to: `/studies/${studyId}/report` },
  ];
  return (
    <>
      <p className="no-print">
        <Link to={`/studies/${studyId}`}>← {studyTitle}</Link>
      </p>
      <nav aria-label={t("fg.sections")} className="tabs no-print">
        {tabs.map((tab) => (
          <Link key={tab.key} to={tab.to} aria-current={tab.key === current ? "page" : undefined} className={tab.key === current ? "tab active" : "tab"}>
            {t(`fg.tab.${tab.key}`)}
          </Link>
        ))}
      </nav>
      <h1>{current ? t(`fg.tab.${current}`) : studyTitle}</h1>
    </>
  );
}
