/** A grade as a coloured chip with its word (colour is never the only signal), and rank movement as an arrow with its meaning. */
import { useT } from "../../utils/i18n";

export type Grade = "green" | "yellow" | "red";
const CLASS: Record<Grade, string> = { green: "ok", yellow: "warn", red: "bad" };

export function GradeChip({ grade }: { grade: Grade | null }) {
  const t = useT();
  if (!grade) return <span className="badge">{t("reports.grade.none")}</span>;
  return <span className={`badge ${CLASS[grade]}`}>{t(`reports.grade.${grade}`)}</span>;
}

export function MovementArrow({ movement, previousRank, rank }: { movement: string; previousRank: number | null; rank: number | null }) {
  const t = useT();
  if (movement === "up") return <span className="move up" title={t("reports.movedUp", { from: previousRank ?? "", to: rank ?? "" })}>▲ {previousRank! - rank!}</span>;
  if (movement === "down") return <span className="move down" title={t("reports.movedDown", { from: previousRank ?? "", to: rank ?? "" })}>▼ {rank! - previousRank!}</span>;
  if (movement === "same") return <span className="move same" title={t("reports.movedSame")}>=</span>;
  if (movement === "new") return <span className="move new">{t("reports.movedNew")}</span>;
  return <span className="move">—</span>;
}

/** A peer group's name for people: the registry keeps keys ("regional_executive", "subordinate:health"). */
export function usePeerGroupLabel() {
  const t = useT();
  return (key: string) => {
    if (key === "regional_executive") return t("peer.regional_executive");
    if (key === "municipal_administration") return t("peer.municipal_administration");
    if (key === "subordinate") return t("peer.subordinate");
    if (key.startsWith("subordinate:")) return t("peer.subordinateSphere", { sphere: key.slice("subordinate:".length) });
    return key;
  };
}
