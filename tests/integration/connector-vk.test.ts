/**
 * The VK connector against the fake VK server: what it reads (profile, owner posts, comment
 * threads, live streams), how it batches (execute), and what it does when VK misbehaves.
 * Every test uses its own token, so VK's per-token limit never couples two tests.
 */
import { abortableSleep, memoryRateGate, redisRateGate } from "../../jobs/connectors/rate-gate";
import { ConnectorError, type ConnectorRuntime, type PageTarget, type RateGate, type TokenRegistry } from "../../jobs/connectors/types";
import { createVkConnector, type VkConnectorConfig } from "../../jobs/connectors/vk";
import { startFakePlatforms, type FakePlatforms } from "../fixtures/fake-platforms/server";
import type { FakeComment, FakePage, FakePost, FakeWorld } from "../fixtures/fake-platforms/world";
import { deleteKeys, requireRedis, uniquePrefix } from "../helpers/redis";

const at = (iso: string) => new Date(iso);
const since = at("2025-03-01T00:00:00Z");
const user = (id: number) => ({ kind: "user" as const, id });
const page = { kind: "page" as const };
const otherBody = { kind: "group" as const, id: 2002, name: "Администрация района" };

function comment(id: number, iso: string, author: FakeComment["author"], extra: Partial<FakeComment> = {}): FakeComment {
  return { id, date: at(iso), author, text: `comment ${id}`, ...extra };
}

/** c10 has a 13-reply thread (VK embeds only 10), c30 is deleted but answered, c40 is another body's. */
const discussed: FakePost = {
  id: 20,
  date: at("2025-03-10T09:00:00Z"),
  author: page,
  text: "Приём граждан в марте. ".repeat(40),
  likes: 10,
  reposts: 2,
  views: 300,
  comments: [
    comment(10, "2025-03-10T10:00:00Z", user(501)),
    ...Array.from({ length: 13 }, (_, i) =>
      comment(11 + i, `2025-03-10T11:${String(i).padStart(2, "0")}:00Z`, i % 3 === 2 ? page : i === 7 ? otherBody : user(600 + i), {
        threadOf: 10,
        replyTo: i === 0 ? 10 : 10 + i,
        deleted: i === 4,
      }),
    ),
    comment(30, "2025-03-10T12:00:00Z", user(502), { deleted: true }),
    comment(31, "2025-03-10T13:00:00Z", page, { threadOf: 30, replyTo: 30 }),
    comment(40, "2025-03-10T14:00:00Z", otherBody),
    comment(50, "2025-03-10T15:00:00Z", page),
  ],
};

const health: FakePage = {
  platform: "vk",
  id: "1001",
  handle: "amur_health",
  name: "Минздрав Амурской области",
  badge: true,
  verified: false,
  members: 5000,
  description: "Министерство здравоохранения",
  phone: "+7 4162 000000",
  address: "Благовещенск, ул. Ленина, 1",
  site: "https://zdrav.amurobl.ru",
  hasAvatar: true,
  hasCover: true,
  wallOpen: true,
  posts: [
    { id: 5, date: at("2025-01-10T00:00:00Z"), author: page, text: "Закреплённый пост", pinned: true, comments: [] },
    discussed,
    { id: 21, date: at("2025-03-05T09:00:00Z"), author: page, text: "Репост новости", isRepost: true, comments: [] },
    { id: 22, date: at("2025-03-04T09:00:00Z"), author: user(501), text: "Пост жителя на стене", comments: [] },
    { id: 23, date: at("2025-03-02T09:00:00Z"), author: page, text: "Комментарии закрыты", commentsOpen: false, comments: [] },
    { id: 24, date: at("2025-02-20T09:00:00Z"), author: page, text: "до периода", comments: [] },
    { id: 25, date: at("2025-02-10T09:00:00Z"), author: page, text: "ещё раньше", comments: [] },
  ],
  streams: [
    { id: 1, date: at("2025-03-07T06:00:00Z"), title: "Прямой эфир министра", live: true },
    { id: 2, date: at("2025-03-08T06:00:00Z"), title: "Запись", live: false },
    { id: 3, date: at("2025-02-01T06:00:00Z"), title: "Эфир до периода", live: true },
  ],
};

/** 130 posts in the period: wall.get needs two pages; post 1000 has 150 top-level comments, 1001 a 120-reply thread. */
const busy: FakePage = {
  platform: "vk",
  id: "3001",
  handle: "amur_busy",
  name: "Занятая страница",
  badge: false,
  members: 100,
  posts: Array.from({ length: 130 }, (_, i) => ({
    id: 1000 + i,
    date: new Date(at("2025-03-20T00:00:00Z").getTime() - i * 3_600_000),
    author: page,
    text: `post ${i}`,
    comments:
      i === 0
        ? Array.from({ length: 150 }, (_, k) => comment(100_000 + k, "2025-03-20T01:00:00Z", user(700 + k)))
        : i === 1
          ? [
              comment(200_000, "2025-03-20T01:00:00Z", user(800)),
              ...Array.from({ length: 120 }, (_, k) => comment(200_001 + k, "2025-03-20T02:00:00Z", k % 2 ? page : user(900 + k), { threadOf: 200_000 })),
            ]
          : [comment(300_000 + i, "2025-03-20T01:00:00Z", user(1000 + i))],
  })),
};

const world: FakeWorld = {
  pages: [
    health,
    busy,
    { platform: "vk", id: "1002", handle: "closed_body", name: "Закрытая", badge: true, members: 1, status: "private", posts: [] },
    { platform: "vk", id: "1003", handle: "gone_body", name: "Удалённая", badge: true, members: 1, status: "deleted", posts: [] },
    { platform: "vk", id: "1004", handle: "bare_body", name: "Пустой профиль", badge: null, verified: true, members: 7, posts: [] },
  ],
};

const target = (platformId: string): PageTarget => ({ pageId: 1, platform: "vk", platformId, url: `https://vk.com/${platformId}` });

function memoryTokens(): TokenRegistry & { disabled: Map<string, string> } {
  const disabled = new Map<string, string>();
  return {
    disabled,
    async isDisabled(_platform, token) {
      return disabled.has(token);
    },
    async disable(_platform, token, reason) {
      disabled.set(token, reason);
    },
  };
}

let fake: FakePlatforms;
// one gate for the whole file: it remembers every request each token made, as a worker's gate would
const gate = memoryRateGate();
let tokenCounter = 0;

function setup(options: { tokens?: string[]; gate?: RateGate; config?: Partial<VkConnectorConfig>; runtime?: Partial<ConnectorRuntime> } = {}) {
  const tokens = options.tokens ?? [`token-${++tokenCounter}`];
  const registry = memoryTokens();
  const runtime: ConnectorRuntime = { gate: options.gate ?? gate, tokens: registry, sleep: abortableSleep, timeoutMs: 2_000, ...options.runtime };
  const connector = createVkConnector({ baseUrl: fake.vkUrl, tokens, retryDelayMs: 10, ...options.config }, runtime);
  const requests = () => fake.faults.requests.filter((r) => r.platform === "vk" && r.token !== null && tokens.includes(r.token));
  return { connector, tokens, token: tokens[0]!, registry, requests };
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

beforeAll(async () => {
  fake = await startFakePlatforms(world);
});
afterAll(async () => {
  await fake?.close();
  await gate.close();
});
afterEach(() => fake.faults.clear());

describe("VK profile", () => {
  it("reads the badge, the blue tick and the profile items", async () => {
    const { connector } = setup();
    const profile = await connector.profile(target("amur_health"));
    expect(profile).toMatchObject({
      resolvedId: "1001",
      name: "Минздрав Амурской области",
      badge: true,
      verified: false,
      members: 5000,
      description: "Министерство здравоохранения",
      hasContacts: true,
      address: "Благовещенск, ул. Ленина, 1",
      site: "https://zdrav.amurobl.ru",
      hasAvatar: true,
      hasCover: true,
      wallOpen: true,
    });
    expect(profile.observedAt).toBeInstanceOf(Date);
    expect(connector.capabilities(target("1001"))).toEqual({ badge: true, replies: true, engagement: true, streams: true });
  });

  it("keeps the tick apart from the badge, and tells 'not reported' from 'empty'", async () => {
    const { connector } = setup();
    const profile = await connector.profile(target("club1004"));
    expect(profile).toMatchObject({ badge: null, verified: true, hasContacts: false, address: "", site: "", hasAvatar: false, hasCover: false });
  });

  it("maps closed, deleted and unknown groups to the page's own state", async () => {
    const { connector } = setup();
    expect((await failure(connector.profile(target("closed_body")))).kind).toBe("page_private");
    expect((await failure(connector.profile(target("gone_body")))).kind).toBe("page_deleted");
    expect((await failure(connector.profile(target("no_such_body")))).kind).toBe("page_not_found");
    expect((await failure(connector.posts(target("1002"), since))).kind).toBe("page_private");
  });

  it("maps VK errors 15 and 18 to page_private and page_deleted without retrying", async () => {
    const { connector, token, requests } = setup();
    fake.faults.inject({ platform: "vk", method: "groups.getById", token, times: 1, fault: { kind: "api-error", code: 15, message: "Access denied" } });
    const privateError = await failure(connector.profile(target("amur_health")));
    expect(privateError).toMatchObject({ kind: "page_private", code: 15, retryable: false });
    fake.faults.inject({ platform: "vk", method: "groups.getById", token, times: 1, fault: { kind: "api-error", code: 18 } });
    expect(await failure(connector.profile(target("amur_health")))).toMatchObject({ kind: "page_deleted", code: 18 });
    expect(requests()).toHaveLength(2);
  });
});

describe("VK posts", () => {
  it("returns owner posts since the date, newest first, plus the old pinned post", async () => {
    const { connector } = setup();
    const posts = await connector.posts(target("1001"), since);
    // 22 is a resident's post on the wall, 24 and 25 are older than the period
    expect(posts.map((p) => p.id)).toEqual(["5", "20", "21", "23"]);
    expect(posts.every((p) => p.byOwner)).toBe(true);
    const [pinned, discussedPost, repost, closed] = posts;
    expect(pinned).toMatchObject({ pinned: true, publishedAt: at("2025-01-10T00:00:00Z") });
    expect(discussedPost).toMatchObject({
      pinned: false,
      isRepost: false,
      commentsOpen: true,
      likes: 10,
      reposts: 2,
      comments: 18,
      views: 300,
      url: "https://vk.com/wall-1001_20",
      publishedAt: at("2025-03-10T09:00:00Z"),
    });
    expect(discussedPost!.text).toHaveLength(500);
    expect(repost).toMatchObject({ isRepost: true, byOwner: true, text: "Репост новости", views: null });
    expect(closed).toMatchObject({ commentsOpen: false });
  });

  it("pages through a wall longer than 100 posts", async () => {
    const { connector, requests } = setup();
    const posts = await connector.posts(target("3001"), since);
    expect(posts).toHaveLength(130);
    expect(new Set(posts.map((p) => p.id)).size).toBe(130);
    expect(requests().filter((r) => r.method === "wall.get")).toHaveLength(2);
  });
});

describe("VK comments", () => {
  it("reads whole threads, deleted comments and who wrote each one", async () => {
    const { connector, requests } = setup();
    const comments = await connector.comments(target("amur_health"), ["20"]);
    const byId = new Map(comments.map((c) => [c.id, c]));
    expect(comments).toHaveLength(discussed.comments.length);

    // all 13 replies of c10 arrived although VK embeds only 10 in the thread
    const thread = comments.filter((c) => c.parentId !== null && ["10", ...Array.from({ length: 13 }, (_, i) => String(11 + i))].includes(c.parentId));
    expect(thread).toHaveLength(13);
    expect(byId.get("11")).toMatchObject({ parentId: "10", authorKind: "resident", authorId: "600" });
    expect(byId.get("23")).toMatchObject({ parentId: "22", authorKind: "resident" });
    expect(byId.get("13")).toMatchObject({ authorKind: "page", authorId: "-1001", deleted: false });
    expect(byId.get("18")).toMatchObject({ authorKind: "organisation", authorId: "-2002" });
    expect(byId.get("15")).toMatchObject({ deleted: true, text: null });

    expect(byId.get("10")).toMatchObject({
      postId: "20",
      parentId: null,
      authorKind: "resident",
      createdAt: at("2025-03-10T10:00:00Z"),
      text: "comment 10",
      url: "https://vk.com/wall-1001_20?reply=10",
    });
    expect(byId.get("30")).toMatchObject({ parentId: null, deleted: true });
    expect(byId.get("31")).toMatchObject({ parentId: "30", authorKind: "page", url: "https://vk.com/wall-1001_20?reply=31&thread=30" });
    expect(byId.get("40")).toMatchObject({ parentId: null, authorKind: "organisation" });
    expect(byId.get("50")).toMatchObject({ parentId: null, authorKind: "page" });
    // first request: the post's comments; second: the rest of c10's thread by comment_id
    expect(requests().map((r) => r.method)).toEqual(["groups.getById", "execute", "execute"]);
  });

  it("batches many posts into few execute requests and follows every page", async () => {
    const { connector, requests } = setup();
    const ids = busy.posts.map((p) => String(p.id));
    const comments = await connector.comments(target("3001"), ids);
    const expected = busy.posts.reduce((n, p) => n + p.comments.length, 0);
    expect(comments).toHaveLength(expected);
    expect(comments.filter((c) => c.postId === "1000")).toHaveLength(150);
    expect(comments.filter((c) => c.parentId === "200000")).toHaveLength(120);
    const executes = requests().filter((r) => r.method === "execute");
    // 130 first pages in 6 requests, then the follow-ups
    expect(executes.length).toBeLessThan(ids.length / 10);
    expect(executes.length).toBeGreaterThanOrEqual(Math.ceil(ids.length / 25) + 1);
  });

  it("skips a post VK no longer shows instead of failing the page", async () => {
    const { connector } = setup();
    const comments = await connector.comments(target("1001"), ["20", "999"]);
    expect(comments.every((c) => c.postId === "20")).toBe(true);
    expect(comments).toHaveLength(discussed.comments.length);
  });
});

describe("VK streams", () => {
  it("returns live broadcasts since the date, not recorded videos", async () => {
    const { connector } = setup();
    const streams = await connector.streams(target("amur_health"), since);
    expect(streams).toEqual([
      { id: "1", startedAt: at("2025-03-07T06:00:00Z"), title: "Прямой эфир министра", url: "https://vk.com/video-1001_1" },
    ]);
  });
});

describe("VK overview (profile, first wall page and live streams in one execute)", () => {
  const separately = async (connector: ReturnType<typeof setup>["connector"], t: PageTarget) => ({
    profile: { ...(await connector.profile(t)), observedAt: null },
    posts: await connector.posts(t, since),
    streams: await connector.streams(t, since),
  });

  it("reads the same as the three separate calls, in one request when the group id is known", async () => {
    const { connector, requests } = setup();
    const expected = await separately(connector, target("1001"));
    const before = requests().length;
    const seen = await connector.overview!(target("1001"), since);
    expect({ ...seen, profile: { ...seen.profile, observedAt: null } }).toEqual(expected);
    const used = requests().slice(before);
    expect(used.map((r) => r.method)).toEqual(["execute"]);
    expect(used[0]!.calls!.map((c) => c.method)).toEqual(["groups.getById", "wall.get", "video.get"]);
  });

  it("reads a screen-name page in two requests the first time and one once its id is resolved", async () => {
    const first = setup();
    const seen = await first.connector.overview!(target("amur_health"), since);
    expect(first.requests().map((r) => r.method)).toEqual(["execute", "video.get"]);
    expect(seen.profile.resolvedId).toBe("1001");
    expect(seen.streams.map((s) => s.id)).toEqual(["1"]);
    // a new process (no memory of the name) with the id an earlier audit stored
    const later = setup();
    const again = await later.connector.overview!({ ...target("amur_health"), resolvedId: "1001" }, since);
    expect(later.requests().map((r) => r.method)).toEqual(["execute"]);
    expect(again.posts).toEqual(seen.posts);
  });

  it("re-reads by the right id when a stored id no longer matches the screen name", async () => {
    const { connector, requests } = setup();
    const seen = await connector.overview!({ ...target("amur_health"), resolvedId: "1002" }, since);
    expect(seen.profile.resolvedId).toBe("1001");
    expect(seen.posts.map((p) => p.id)).toEqual(["5", "20", "21", "23"]);
    expect(requests().map((r) => r.method)).toEqual(["execute", "wall.get", "video.get"]);
  });

  it("maps a closed, deleted or unknown group and an error inside execute to the page's state, without retrying", async () => {
    const { connector, token, requests } = setup();
    expect((await failure(connector.overview!(target("closed_body"), since))).kind).toBe("page_private");
    expect((await failure(connector.overview!(target("gone_body"), since))).kind).toBe("page_deleted");
    expect((await failure(connector.overview!(target("no_such_body"), since))).kind).toBe("page_not_found");
    const before = requests().length;
    fake.faults.inject({ platform: "vk", method: "wall.get", token, times: 1, fault: { kind: "api-error", code: 15, message: "Access denied" } });
    expect(await failure(connector.overview!(target("1001"), since))).toMatchObject({ kind: "page_private", code: 15, retryable: false });
    expect(requests().length - before).toBe(1);
  });
});

describe("VK failures", () => {
  it("waits out error 6 and carries on", async () => {
    const { connector, token, requests } = setup();
    fake.faults.inject({ platform: "vk", method: "wall.get", token, times: 2, fault: { kind: "api-error", code: 6 } });
    const posts = await connector.posts(target("1001"), since);
    expect(posts).toHaveLength(4);
    expect(requests().map((r) => r.outcome)).toEqual(["api-error", "api-error", "ok"]);
  });

  it("gives up with rate_limited when VK keeps refusing", async () => {
    const { connector, token, requests } = setup({ config: { maxRateLimitRetries: 2 } });
    fake.faults.inject({ platform: "vk", method: "wall.get", token, times: 10, fault: { kind: "api-error", code: 9 } });
    expect(await failure(connector.posts(target("1001"), since))).toMatchObject({ kind: "rate_limited", code: 9, retryable: true });
    expect(requests()).toHaveLength(3);
  });

  it("disables a rejected token and continues with the next one", async () => {
    const bad = `bad-${++tokenCounter}`;
    const good = `good-${tokenCounter}`;
    const { connector, registry, requests } = setup({ tokens: [bad, good] });
    fake.faults.inject({ platform: "vk", token: bad, times: 100, fault: { kind: "api-error", code: 5, message: "User authorization failed" } });
    const profile = await connector.profile(target("amur_health"));
    expect(profile.badge).toBe(true);
    expect([...registry.disabled.keys()]).toEqual([bad]);
    expect(registry.disabled.get(bad)).toContain("error 5");
    await connector.posts(target("1001"), since);
    await connector.streams(target("1001"), since);
    // after the one rejection, only the good token is used
    expect(requests().map((r) => r.token)).toEqual([bad, good, good, good]);
  });

  it("fails with auth when every token is rejected", async () => {
    const { connector, tokens, registry } = setup({ tokens: [`x-${++tokenCounter}`, `y-${tokenCounter}`] });
    for (const token of tokens) fake.faults.inject({ platform: "vk", token, times: 10, fault: { kind: "api-error", code: 5 } });
    expect((await failure(connector.profile(target("1001")))).kind).toBe("auth");
    expect(registry.disabled.size).toBe(2);
  });

  it("retries a 500 once and succeeds", async () => {
    const { connector, token, requests } = setup();
    fake.faults.inject({ platform: "vk", method: "video.get", token, times: 1, fault: { kind: "http", status: 500 } });
    expect(await connector.streams(target("1001"), since)).toHaveLength(1);
    expect(requests().map((r) => r.outcome)).toEqual(["http", "ok"]);
  });

  it.each([
    { fault: { kind: "http", status: 502 } as const, kind: "transient" },
    { fault: { kind: "malformed" } as const, kind: "malformed" },
    { fault: { kind: "wrong-shape" } as const, kind: "malformed" },
    { fault: { kind: "timeout", ms: 1_500 } as const, kind: "transient" },
  ])("turns a lasting $fault.kind into $kind after retries", async ({ fault, kind }) => {
    const { connector, token, requests } = setup({ runtime: { timeoutMs: 150 } });
    fake.faults.inject({ platform: "vk", method: "groups.getById", token, times: 10, fault });
    expect(await failure(connector.profile(target("1001")))).toMatchObject({ kind, retryable: true });
    // one attempt and the default two retries
    expect(requests()).toHaveLength(3);
  });

  it("stops at once when the caller aborts", async () => {
    const { connector, requests } = setup();
    const controller = new AbortController();
    controller.abort(new Error("job cancelled"));
    await expect(connector.profile(target("1001"), controller.signal)).rejects.toThrow("job cancelled");
    expect(requests()).toHaveLength(0);
  });
});

describe("VK rate limit across workers", () => {
  const redisUrl = requireRedis();

  it.skipIf(!redisUrl)("two connectors sharing one token through a Redis gate never exceed 3 requests a second", async () => {
    const prefix = uniquePrefix("vk-gate");
    const gates = [redisRateGate(redisUrl!, prefix), redisRateGate(redisUrl!, prefix)];
    const token = `shared-${++tokenCounter}`;
    try {
      const workers = gates.map((g) => setup({ tokens: [token], gate: g }).connector);
      await Promise.all(
        workers.flatMap((w) => [w.profile(target("amur_health")), w.posts(target("3001"), since), w.streams(target("1001"), since)]),
      );
      const mine = fake.faults.requests.filter((r) => r.token === token);
      expect(mine.length).toBeGreaterThanOrEqual(8);
      expect(mine.filter((r) => r.outcome !== "ok")).toEqual([]);
      expect(fake.faults.peakPerWindow("vk").get(token)).toBeLessThanOrEqual(3);
    } finally {
      await Promise.all(gates.map((g) => g.close()));
      await deleteKeys(redisUrl!, prefix);
    }
  });
});
