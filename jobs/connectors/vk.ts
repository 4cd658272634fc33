/**
 * VK connector (API v5.199): groups.getById for the profile, wall.get for owner posts, comments
 * through `execute` (up to 25 wall.getComments calls per request), video.get for live streams.
 * An audit asks for the overview: profile, first wall page and first video page in one `execute`,
 * so a page costs 2 requests (3 the first time a screen-name page is read: video.get needs the
 * numeric id), instead of 4.
 * Every request is paced per token by the shared RateGate, because VK allows 3 requests a second
 * per user/service token and several workers may hold the same token.
 */
import type { z } from "zod";
import { createVkApi, vkErrorToConnectorError, type Params, type VkConnectorConfig } from "./vk-api";
import {
  executeComments,
  executeResults,
  groupsGetById,
  isSet,
  videoGet,
  wallGet,
  type VkCommentsPage,
  type VkGroup,
  type VkPost,
  type VkReply,
} from "./vk-schemas";
import {
  ConnectorError,
  type Connector,
  type ConnectorRuntime,
  type FetchedComment,
  type FetchedPost,
  type FetchedProfile,
  type FetchedStream,
  type PageOverview,
  type PageTarget,
} from "./types";

export type { VkConnectorConfig } from "./vk-api";

const EXECUTE_MAX_CALLS = 25;
const PAGE_SIZE = 100;
const THREAD_ITEMS = 10;
const TEXT_LIMIT = 500;
const PROFILE_FIELDS = [
  "is_government_organization",
  "verified",
  "members_count",
  "description",
  "contacts",
  "addresses",
  "site",
  "cover",
  "has_photo",
  "wall",
  "status",
].join(",");

const toDate = (unixSeconds: number) => new Date(unixSeconds * 1000);

function clip(text: string | undefined | null): string | null {
  if (!text) return null;
  // a string no longer in UTF-16 units than the limit is within it in characters too
  if (text.length <= TEXT_LIMIT) return text;
  const chars = Array.from(text);
  return chars.length > TEXT_LIMIT ? chars.slice(0, TEXT_LIMIT).join("") : text;
}

/** "123", "-123", "club123", "public123" carry the id; anything else is a screen name. */
function numericGroupId(platformId: string): number | null {
  const match = /^(?:-|club|public|event)?(\d+)$/.exec(platformId.trim());
  return match ? Number(match[1]) : null;
}

/** The group's numeric id when this page's address or an earlier audit gave it. */
function knownGroupId(page: PageTarget, resolved: Map<string, number>): number | null {
  const fromAddress = numericGroupId(page.platformId) ?? resolved.get(page.platformId);
  if (fromAddress !== undefined && fromAddress !== null) return fromAddress;
  return page.resolvedId && /^\d+$/.test(page.resolvedId) ? Number(page.resolvedId) : null;
}

type ExecuteCall = { method: string; params: Params };
const executeCode = (calls: ExecuteCall[]) => `return [${calls.map((c) => `API.${c.method}(${JSON.stringify(c.params)})`).join(",")}];`;

export function createVkConnector(config: VkConnectorConfig, runtime: ConnectorRuntime): Connector {
  const { call } = createVkApi(config, runtime);
  const now = runtime.now ?? (() => new Date());
  const groupIds = new Map<string, number>();

  async function getGroup(idOrName: string, fields: string, signal?: AbortSignal): Promise<VkGroup> {
    const { response } = await call("groups.getById", { group_id: idOrName, ...(fields ? { fields } : {}) }, groupsGetById, signal);
    const group = response[0];
    if (!group) throw new ConnectorError("page_not_found", `VK group ${idOrName} not found`);
    groupIds.set(idOrName, group.id);
    return group;
  }

  async function groupId(page: PageTarget, signal?: AbortSignal): Promise<number> {
    return knownGroupId(page, groupIds) ?? (await getGroup(page.platformId, "", signal)).id;
  }

  function toProfile(group: VkGroup): FetchedProfile {
    const address = group.addresses;
    const mainAddress = address?.main_address;
    return {
      observedAt: now(),
      resolvedId: String(group.id),
      name: group.name ?? null,
      badge: group.is_government_organization === undefined ? null : isSet(group.is_government_organization),
      verified: group.verified === undefined ? null : isSet(group.verified),
      members: group.members_count ?? null,
      description: group.description ?? null,
      hasContacts: group.contacts ? group.contacts.some((c) => Boolean(c.phone?.trim() || c.email?.trim())) : null,
      // "" = VK says there is none (fails the item); null = VK did not say (leaves the denominator)
      address: !address
        ? null
        : !isSet(address.is_enabled)
          ? ""
          : mainAddress
            ? [mainAddress.city?.title, mainAddress.address].filter(Boolean).join(", ")
            : null,
      site: group.site ?? null,
      hasAvatar: group.has_photo === undefined ? null : isSet(group.has_photo),
      hasCover: group.cover ? isSet(group.cover.enabled) : null,
      wallOpen: group.wall === undefined ? null : group.wall !== 0,
    };
  }

  function toPost(gid: number, item: VkPost): FetchedPost {
    const isRepost = (item.copy_history?.length ?? 0) > 0;
    return {
      id: String(item.id),
      publishedAt: toDate(item.date),
      byOwner: item.from_id === -gid,
      isRepost,
      pinned: isSet(item.is_pinned),
      commentsOpen: item.comments?.can_post === undefined ? null : isSet(item.comments.can_post),
      likes: item.likes?.count ?? null,
      reposts: item.reposts?.count ?? null,
      comments: item.comments?.count ?? null,
      views: item.views?.count ?? null,
      url: `https://vk.com/wall-${gid}_${item.id}`,
      // a repost without a caption is evidenced by the text it shares
      text: clip(item.text || (isRepost ? item.copy_history?.[0]?.text : undefined)),
    };
  }

  return {
    platform: "vk",

    capabilities() {
      return { badge: true, replies: true, engagement: true, streams: true };
    },

    async profile(page, signal) {
      return toProfile(readable(await getGroup(page.platformId, PROFILE_FIELDS, signal)));
    },

    async posts(page, since, signal) {
      return collectPosts(await groupId(page, signal), since, signal);
    },

    async comments(page, postIds, signal) {
      const ids = [...new Set(postIds)];
      for (const id of ids) if (!/^\d+$/.test(id)) throw new TypeError(`VK post id must be numeric, got "${id}"`);
      if (ids.length === 0) return [];
      const gid = await groupId(page, signal);
      const collected = await collectComments(gid, ids.map(Number), signal);
      return toComments(gid, collected, ids);
    },

    async streams(page, since, signal) {
      return collectStreams(await groupId(page, signal), since, signal);
    },

    async overview(page, since, signal): Promise<PageOverview> {
      const known = knownGroupId(page, groupIds);
      const calls: ExecuteCall[] = [
        { method: "groups.getById", params: { group_id: page.platformId, fields: PROFILE_FIELDS } },
        // wall.get takes the screen name itself; video.get only a numeric owner
        { method: "wall.get", params: { ...(known === null ? { domain: page.platformId } : { owner_id: -known }), filter: "owner", count: PAGE_SIZE, offset: 0 } },
        ...(known === null ? [] : [{ method: "video.get", params: { owner_id: -known, count: PAGE_SIZE, offset: 0 } }]),
      ];
      const schemas = [groupsGetById, wallGet, videoGet].slice(0, calls.length);
      const { response, executeErrors } = await call("execute", { code: executeCode(calls) }, executeResults(schemas), signal);
      let failed = 0;
      const slot = (i: number) => {
        const result = response[i];
        if (result !== false) return result;
        const error = executeErrors[failed++] ?? { error_code: 0, error_msg: "execute gave no error for a failed call" };
        return vkErrorToConnectorError(calls[i]!.method, error);
      };
      const groupResult = slot(0);
      const wallResult = slot(1);
      const videoResult = calls.length > 2 ? slot(2) : null;
      if (groupResult instanceof ConnectorError) throw groupResult;
      const group = (groupResult as VkGroup[])[0];
      if (!group) throw new ConnectorError("page_not_found", `VK group ${page.platformId} not found`);
      groupIds.set(page.platformId, group.id);
      const profile = toProfile(readable(group));
      if (known !== null && group.id !== known) {
        // the address now names another community: what was read by the old id is not its wall
        return { profile, posts: await collectPosts(group.id, since, signal), streams: await collectStreams(group.id, since, signal) };
      }
      if (wallResult instanceof ConnectorError) throw wallResult;
      if (videoResult instanceof ConnectorError) throw videoResult;
      const posts = await collectPosts(group.id, since, signal, wallResult as z.infer<typeof wallGet>);
      const streams = await collectStreams(group.id, since, signal, (videoResult ?? undefined) as z.infer<typeof videoGet> | undefined);
      return { profile, posts, streams };
    },
  };

  /** A group the audit can read, or the page status that stops it. */
  function readable(group: VkGroup): VkGroup {
    if (group.deactivated) throw new ConnectorError("page_deleted", `VK group ${group.id} is ${group.deactivated}`);
    if (group.is_closed) throw new ConnectorError("page_private", `VK group ${group.id} is closed (is_closed=${group.is_closed})`);
    return group;
  }

  /** Owner posts since `since` (and a pinned one), page by page; `first` is a wall page already read. */
  async function collectPosts(gid: number, since: Date, signal?: AbortSignal, first?: z.infer<typeof wallGet>): Promise<FetchedPost[]> {
    const posts = new Map<string, FetchedPost>();
    for (let offset = 0; ; ) {
      const params = { owner_id: -gid, filter: "owner", count: PAGE_SIZE, offset };
      const response = offset === 0 && first ? first : (await call("wall.get", params, wallGet, signal)).response;
      let reachedOlder = false;
      for (const item of response.items) {
        const pinned = isSet(item.is_pinned);
        // newest first after the pinned post, so the first older unpinned post ends the period
        if (!pinned && toDate(item.date) < since) {
          reachedOlder = true;
          break;
        }
        posts.set(String(item.id), toPost(gid, item));
      }
      offset += response.items.length;
      if (reachedOlder || response.items.length === 0 || offset >= response.count) break;
    }
    return [...posts.values()];
  }

  /** Live streams started since `since`; `first` is a video page already read. */
  async function collectStreams(gid: number, since: Date, signal?: AbortSignal, first?: z.infer<typeof videoGet>): Promise<FetchedStream[]> {
    const streams = new Map<string, FetchedStream>();
    for (let offset = 0; ; ) {
      const response = offset === 0 && first ? first : (await call("video.get", { owner_id: -gid, count: PAGE_SIZE, offset }, videoGet, signal)).response;
      let reachedOlder = false;
      for (const video of response.items) {
        if (toDate(video.date) < since) {
          reachedOlder = true;
          continue;
        }
        const live = video.live === 1 || video.type === "live";
        // an announced stream that has not started yet is not a stream in the period
        if (!live || video.upcoming === 1) continue;
        const id = String(video.id);
        streams.set(id, { id, startedAt: toDate(video.date), title: video.title ?? null, url: `https://vk.com/video${video.owner_id}_${video.id}` });
      }
      offset += response.items.length;
      if (reachedOlder || response.items.length === 0 || offset >= response.count) break;
    }
    return [...streams.values()];
  }

  /**
   * Walks every comment page and every thread of these posts, 25 wall.getComments calls per
   * execute request. A thread longer than the 10 replies VK embeds is read again from its start
   * with comment_id (same number of calls for threads under 100 replies, and no guessing which 10
   * VK chose); duplicates collapse by id.
   */
  async function collectComments(gid: number, postIds: number[], signal?: AbortSignal) {
    type Work = { postId: number; threadOf: number | null; offset: number };
    const queue: Work[] = postIds.map((postId) => ({ postId, threadOf: null, offset: 0 }));
    const found = new Map<number, { item: VkReply; postId: number; threadOf: number | null }>();

    const paramsFor = (work: Work): Params => ({
      owner_id: -gid,
      post_id: work.postId,
      sort: "asc",
      count: PAGE_SIZE,
      offset: work.offset,
      preview_length: 0,
      ...(work.threadOf === null ? { thread_items_count: THREAD_ITEMS } : { comment_id: work.threadOf }),
    });

    const absorb = (work: Work, page: VkCommentsPage) => {
      for (const item of page.items) {
        found.set(item.id, { item, postId: work.postId, threadOf: work.threadOf });
        if (work.threadOf !== null || !item.thread) continue;
        for (const reply of item.thread.items) found.set(reply.id, { item: reply, postId: work.postId, threadOf: item.id });
        if (item.thread.count > item.thread.items.length) queue.push({ postId: work.postId, threadOf: item.id, offset: 0 });
      }
      const total = page.current_level_count ?? page.count;
      const next = work.offset + page.items.length;
      if (page.items.length > 0 && next < total) queue.push({ ...work, offset: next });
    };

    while (queue.length > 0) {
      const batch = queue.splice(0, EXECUTE_MAX_CALLS);
      const code = executeCode(batch.map((w) => ({ method: "wall.getComments", params: paramsFor(w) })));
      const { response, executeErrors } = await call("execute", { code }, executeComments, signal);
      if (response.length !== batch.length) {
        throw new ConnectorError("malformed", `VK execute: ${response.length} results for ${batch.length} calls`);
      }
      let failed = 0;
      batch.forEach((work, i) => {
        const page = response[i]!;
        if (page !== false) return absorb(work, page);
        // failed calls answer `false`; their errors are listed in order in execute_errors
        const error = executeErrors[failed++] ?? { error_code: 0, error_msg: "execute gave no error for a failed call" };
        const failure = vkErrorToConnectorError("wall.getComments", error);
        // the post was deleted or closed after it was listed: its comments are simply gone
        if (failure.kind === "page_not_found" || failure.kind === "page_private" || failure.kind === "page_deleted") return;
        throw failure;
      });
    }
    return found;
  }

  function toComments(
    gid: number,
    found: Map<number, { item: VkReply; postId: number; threadOf: number | null }>,
    postOrder: string[],
  ): FetchedComment[] {
    const comments = [...found.values()].map(({ item, postId, threadOf }): FetchedComment => {
      const answered = item.reply_to_comment;
      // point at the exact comment answered when we hold it, else at the thread's top comment,
      // so walking parentId always reaches a top-level comment
      const parentOk = answered !== undefined && answered !== item.id && found.get(answered)?.threadOf === threadOf;
      const parentId = threadOf === null ? null : String(parentOk ? answered : threadOf);
      const from = item.from_id ?? 0;
      const deleted = item.deleted === true;
      return {
        id: String(item.id),
        postId: String(postId),
        parentId,
        authorKind: from === -gid ? "page" : from < 0 ? "organisation" : "resident",
        authorId: from === 0 ? null : String(from),
        createdAt: toDate(item.date),
        deleted,
        text: deleted ? null : clip(item.text),
        url: `https://vk.com/wall-${gid}_${postId}?reply=${item.id}${threadOf === null ? "" : `&thread=${threadOf}`}`,
      };
    });
    const rank = new Map(postOrder.map((id, i) => [id, i]));
    return comments.sort(
      (a, b) =>
        rank.get(a.postId)! - rank.get(b.postId)! ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        Number(a.id) - Number(b.id),
    );
  }
}
