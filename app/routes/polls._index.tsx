import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../i18n";
import { openPolls } from "../services/polls.server";
import { useLocale, useT, useTimeZone } from "../utils/i18n";

export const meta: MetaFunction = () => [{ title: "Опросы — Пульс региона" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const polls = await openPolls(context.app);
  return { polls: polls.filter((p) => p.duplicate_policy !== "invitation") };
}

export default function Polls() {
  const { polls } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <>
      <h1>{t("polls.title")}</h1>
      <p className="lead">{t("polls.lead")}</p>
      {polls.length === 0 ? (
        <p>{t("polls.none")}</p>
      ) : (
        <ul className="poll-list">
          {polls.map((p) => (
            <li key={p.slug} className="card">
              <h2>
                <Link to={`/polls/${p.slug}`}>{p.title}</Link>
              </h2>
              {p.closes_at ? <p className="note">{t("polls.closesAt", { date: formatDateTime(locale, p.closes_at, timeZone) })}</p> : null}
              <Link className="button" to={`/polls/${p.slug}`}>
                {t("polls.answer")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
