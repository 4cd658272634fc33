/**
 * Serves activity-file records (file-format.ts) through the Connector interface, so a page whose
 * data a centre loads from a file is audited by exactly the same code as a live page. What the
 * file does not carry is "not measurable" (capabilities), never zero.
 */
import type { Capabilities, Platform } from "../../app/domain/compliance/observations";
import type { ActivityRecord } from "./file-format";
import { ConnectorError, type Connector, type FetchedProfile, type PageTarget } from "./types";

export type ActivitySource = { records: ActivityRecord[] } | (() => Promise<ActivityRecord[]>);

export interface FileConnector extends Connector {
  /** reads a lazy source now; capabilities() only knows what has been loaded */
  load(): Promise<void>;
}

const NOTHING: Capabilities = { badge: false, replies: false, engagement: false, streams: false };

export function createFileConnector(source: ActivitySource, platform: Platform = "max"): FileConnector {
  let loaded: ActivityRecord[] | null = typeof source === "function" ? null : source.records;
  let loading: Promise<ActivityRecord[]> | null = null;

  async function records(): Promise<ActivityRecord[]> {
    if (loaded) return loaded;
    loading ??= (source as () => Promise<ActivityRecord[]>)().then((all) => (loaded = all));
    return loading;
  }

  // Registry ids are compared the way platforms treat screen names: case-insensitively, no "@".
  const key = (page: string) => page.replace(/:@/, ":").toLowerCase();
  const ofPage = (all: ActivityRecord[], page: PageTarget) => all.filter((r) => key(r.page) === key(`${page.platform}:${page.platformId}`));

  function latestProfile(all: ActivityRecord[]): FetchedProfile | null {
    let latest: FetchedProfile | null = null;
    for (const r of all) if (r.type === "profile" && (!latest || r.profile.observedAt > latest.observedAt)) latest = r.profile;
    return latest;
  }

  return {
    platform,

    async load() {
      await records();
    },

    capabilities(page) {
      if (!loaded) return NOTHING;
      const mine = ofPage(loaded, page);
      const profile = latestProfile(mine);
      return {
        badge: profile !== null && profile.badge !== null,
        // comments in the file mean the source exports them; no comment lines, nothing to judge
        replies: mine.some((r) => r.type === "comment"),
        engagement: mine.some((r) => r.type === "post" && r.post.views !== null && [r.post.likes, r.post.reposts, r.post.comments].some((n) => n !== null)),
        streams: mine.some((r) => r.type === "stream"),
      };
    },

    async profile(page) {
      const profile = latestProfile(ofPage(await records(), page));
      if (!profile) throw new ConnectorError("page_not_found", `the activity file has no profile for ${page.platform}:${page.platformId}`);
      return profile;
    },

    async posts(page, since) {
      return ofPage(await records(), page)
        .flatMap((r) => (r.type === "post" && (r.post.publishedAt >= since || r.post.pinned) ? [r.post] : []))
        .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
    },

    async comments(page, postIds) {
      const wanted = new Set(postIds);
      return ofPage(await records(), page)
        .flatMap((r) => (r.type === "comment" && wanted.has(r.comment.postId) ? [r.comment] : []))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },

    async streams(page, since) {
      return ofPage(await records(), page)
        .flatMap((r) => (r.type === "stream" && r.stream.startedAt >= since ? [r.stream] : []))
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
    },
  };
}
