import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import surveyCss from "survey-core/survey-core.fontless.min.css";
import { PollRunner, type PollOutcome } from "../components/poll/PollRunner";
import { localeFromRequest } from "../i18n";
import { deviceView, invitationView, newDeviceToken, pollState } from "../services/polls.server";
import { readCookie } from "../utils/http.server";
import { useT } from "../utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data && "title" in data ? `${data.title} — Пульс региона` : "Опрос — Пульс региона" }];
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const DEVICE_COOKIE_MAX_AGE = 365 * 86_400;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const state = await pollState(context.app, params.slug ?? "");
  if (state.kind === "not_found") return data({ page: "not_found" as const }, { status: 404 });
  if (state.kind === "closed") return data({ page: "closed" as const }, { status: 410 });
  if (state.kind === "not_yet_open") return data({ page: "not_yet_open" as const, opensAt: state.opensAt.toISOString() }, { status: 403 });

  const headers = new Headers({ "Cache-Control": "private, no-store" });
  let device = readCookie(request, "rp_device");
  if (!device || !/^[A-Za-z0-9_-]{32}$/.test(device)) {
    device = newDeviceToken();
    headers.append("Set-Cookie", `rp_device=${device}; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax`);
  }
  const { survey } = state;
  const invitation = new URL(request.url).searchParams.get("invite");
  if (survey.duplicate_policy === "invitation") {
    const status = await invitationView(context.app, survey.id, invitation);
    if (status !== "valid") return data({ page: "invitation" as const, reason: status }, { status: 403, headers });
  }
  const view = await deviceView(context.app, survey.id, survey.duplicate_policy, device);
  if (view.alreadyAnswered) return data({ page: "already_answered" as const }, { status: 409, headers });
  return data(
    {
      page: "open" as const,
      slug: survey.slug,
      title: survey.title,
      definition: state.definition,
      locale: localeFromRequest(request),
      draft: view.draft ? { answers: view.draft.answers as Record<string, unknown>, pageNo: view.draft.page_no } : null,
      invitation: survey.duplicate_policy === "invitation" ? invitation : null,
    },
    { headers },
  );
}

function Notice({ title, text }: { title: string; text: string }) {
  const t = useT();
  return (
    <section className="card poll-notice" role="status">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/polls">{t("poll.otherPolls")}</Link>
      </p>
    </section>
  );
}

export default function Poll() {
  const loaded = useLoaderData<typeof loader>();
  const t = useT();
  const [outcome, setOutcome] = useState<PollOutcome | null>(null);
  const page = outcome ?? loaded.page;
  switch (page) {
    case "not_found":
      return <Notice title={t("poll.notFound.title")} text={t("poll.notFound.text")} />;
    case "closed":
      return <Notice title={t("poll.closed.title")} text={t("poll.closed.text")} />;
    case "not_yet_open":
      return <Notice title={t("poll.notYetOpen.title")} text={t("poll.notYetOpen.text")} />;
    case "already_answered":
      return <Notice title={t("poll.alreadyAnswered.title")} text={t("poll.alreadyAnswered.text")} />;
    case "invitation":
      return <Notice title={t("poll.invitation.title")} text={t("poll.invitation.text")} />;
    case "screened_out":
      return <Notice title={t("poll.screenedOut.title")} text={t("poll.screenedOut.text")} />;
    case "done":
      return <Notice title={t("poll.done.title")} text={t("poll.done.text")} />;
  }
  if (loaded.page !== "open") return null;
  return (
    <div className="poll">
      <PollRunner
        slug={loaded.slug}
        definition={loaded.definition}
        locale={loaded.locale}
        draft={loaded.draft}
        invitation={loaded.invitation}
        onOutcome={setOutcome}
      />
    </div>
  );
}
