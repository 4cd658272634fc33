import { Link, useLocation } from "@remix-run/react";
import { useT } from "../utils/i18n";

export function Pager({ page, limit, total }: { page: number; limit: number; total: number }) {
  const t = useT();
  const location = useLocation();
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  const from = total === 0 ? 0 : (page - 1) * limit + 1;
  const to = Math.min(total, page * limit);
  return (
    <nav className="pager" aria-label="pagination">
      <span>{t("common.shown", { from, to, total })}</span>
      {page > 1 ? <Link to={hrefFor(page - 1)}>← {t("common.previous")}</Link> : null}
      {to < total ? <Link to={hrefFor(page + 1)}>{t("common.next")} →</Link> : null}
    </nav>
  );
}
