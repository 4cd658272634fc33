/**
 * The Telegram connector against the fake Bot API and t.me preview: the profile from getChat
 * (and from the preview header without a bot), posts scraped page by page from the preview,
 * comments only through a bot in the linked discussion group, and the error mapping.
 */
import { createTelegramConnector, type TelegramConnectorConfig } from "../../jobs/connectors/telegram";
import { contactsFromDescription, parseCompactCount } from "../../jobs/connectors/telegram-schemas";
import { ConnectorError, type ConnectorRuntime, type PageTarget } from "../../jobs/connectors/types";
import { startFakePlatforms, type FakePlatforms } from "../fixtures/fake-platforms/server";
import type { FakeComment, FakePage, FakePost, FakeWorld } from "../fixtures/fake-platforms/world";

const at = (iso: string) => new Date(iso);
const page = { kind: "page" as const };
const user = (id: number) => ({ kind: "user" as const, id, name: `User ${id}` });
const otherBody = { kind: "group" as const, id: 9090, name: "Администрация района" };
/** post n was published on day n, counting from 1 February 2025 */
const postDay = (n: number) => new Date(Date.UTC(2025, 1, n, 3, 0, 0));

const comment = (id: number, iso: string, author: FakeComment["author"], extra: Partial<FakeComment> = {}): FakeComment => ({ id, date: at(iso), author, text: `comment ${id}`, ...extra });

const threads: Record<number, FakeComment[]> = {
  40: [
    comment(7001, "2025-03-12T05:00:00Z", user(501)),
    comment(7002, "2025-03-12T07:00:00Z", page, { threadOf: 7001, replyTo: 7001 }),
    comment(7003, "2025-03-12T08:00:00Z", user(502), { threadOf: 7001, replyTo: 7002 }),
    comment(7004, "2025-03-12T09:00:00Z", otherBody),
    comment(7005, "2025-03-12T10:00:00Z", user(503), { deleted: true }),
  ],
  41: [comment(7101, "2025-03-13T05:00:00Z", user(504))],
};

const news: FakePage = {
  platform: "telegram",
  id: "-1001111",
  handle: "amur_news",
  name: "Минздрав Амурской области",
  badge: null,
  members: 15_400,
  description: "Официальный канал министерства\nг. Благовещенск, ул. Ленина, д. 135\nТел.: +7 (4162) 22-33-44\nhttps://zdrav.amurobl.ru",
  hasAvatar: true,
  wallOpen: true,
  discussionChatId: "-1002222",
  posts: Array.from({ length: 45 }, (_, i): FakePost => ({
    id: i + 1,
    date: postDay(i + 1),
    author: page,
    text: i + 1 === 43 ? "Часы приёма: 9 < 18 & без выходных\nзапись по телефону" : `Пост ${i + 1}`,
    isRepost: i + 1 === 44,
    views: 1234 + i,
    comments: threads[i + 1] ?? [],
  })),
};

const world: FakeWorld = {
  pages: [
    news,
    { platform: "telegram", id: "-1003333", handle: "quiet_channel", name: "Тихий канал", badge: null, members: 800, description: "Новости школы", hasAvatar: false, wallOpen: false, posts: [] },
    { platform: "telegram", id: "-1004444", handle: "hidden", name: "Скрытый", badge: null, members: 5, status: "private", posts: [] },
    { platform: "telegram", id: "-1005555", handle: "gone", name: "Удалён", badge: null, members: 0, status: "deleted", posts: [] },
  ],
};

const target = (platformId: string): PageTarget => ({ pageId: 1, platform: "telegram", platformId, url: `https://t.me/${platformId}` });

let fake: FakePlatforms;
beforeAll(async () => {
  fake = await startFakePlatforms(world);
});
afterAll(async () => fake.close());
afterEach(() => {
  fake.faults.clear();
  fake.faults.requests.length = 0;
});

function harness(extra: Partial<ConnectorRuntime> = {}) {
  const gateCalls: [string, number, number][] = [];
  const sleeps: number[] = [];
  const disabled = new Map<string, string>();
  const runtime: ConnectorRuntime = {
    gate: {
      async acquire(key, limit, windowMs) {
        gateCalls.push([key, limit, windowMs]);
      },
      async close() {},
    },
    tokens: {
      async isDisabled(platform, token) {
        return disabled.has(`${platform}:${token}`);
      },
      async disable(platform, token, reason) {
        disabled.set(`${platform}:${token}`, reason);
      },
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    timeoutMs: 2000,
    ...extra,
  };
  return { runtime, gateCalls, sleeps, disabled };
}

const BOT = "123456:TEST-token";
function connector(runtime: ConnectorRuntime, config: Partial<TelegramConnectorConfig> = {}) {
  return createTelegramConnector(
    { apiUrl: fake.telegramUrl, previewUrl: fake.previewUrl, botToken: BOT, discussionChats: { amur_news: "-1002222" }, retryDelayMs: 5, ...config },
    runtime,
  );
}

const requests = (platform: "telegram" | "tme", method?: string) => fake.faults.requests.filter((r) => r.platform === platform && (!method || r.method === method));

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe("Telegram profile", () => {
  it("maps getChat and getChatMemberCount; contacts come from the description; no badge, tick or cover", async () => {
    const h = harness({ now: () => at("2025-04-01T00:00:00Z") });
    expect(await connector(h.runtime).profile(target("@amur_news"))).toEqual({
      observedAt: at("2025-04-01T00:00:00Z"),
      resolvedId: "-1001111",
      name: "Минздрав Амурской области",
      badge: null,
      verified: null,
      members: 15_400,
      description: news.description,
      hasContacts: true,
      address: "г. Благовещенск, ул. Ленина, д. 135",
      site: "https://zdrav.amurobl.ru",
      hasAvatar: true,
      hasCover: null,
      wallOpen: true,
    });
    expect(h.gateCalls).toEqual([
      ["telegram:bot", 20, 1000],
      ["telegram:bot", 20, 1000],
    ]);
  });

  it("a channel without a discussion group has its wall closed; nothing found in the description is 'cannot tell'", async () => {
    expect(await connector(harness().runtime).profile(target("quiet_channel"))).toMatchObject({ wallOpen: false, hasAvatar: false, hasContacts: null, address: null, site: null });
  });

  it("without a bot token reads the preview header instead", async () => {
    const h = harness();
    const profile = await connector(h.runtime, { botToken: undefined }).profile(target("amur_news"));
    expect(profile).toMatchObject({ resolvedId: null, name: "Минздрав Амурской области", members: 15_400, hasAvatar: true, wallOpen: null, hasContacts: true });
    expect(requests("telegram")).toHaveLength(0);
    expect(h.gateCalls).toEqual([["telegram:preview", 1, 1000]]);
  });

  it("maps chat not found to page_not_found and a closed chat to page_private", async () => {
    expect((await failure(connector(harness().runtime).profile(target("gone")))).kind).toBe("page_not_found");
    expect((await failure(connector(harness().runtime).profile(target("hidden")))).kind).toBe("page_private");
    expect((await failure(connector(harness().runtime, { botToken: undefined }).profile(target("gone")))).kind).toBe("page_not_found");
  });
});

describe("Telegram posts from the preview", () => {
  it("pages back with ?before= until it passes `since`, newest first", async () => {
    const tg = connector(harness().runtime);
    const posts = await tg.posts(target("amur_news"), postDay(10));
    expect(posts.map((p) => p.id)).toEqual(Array.from({ length: 36 }, (_, i) => String(45 - i)));
    expect(requests("tme")).toHaveLength(2);
    expect(posts.find((p) => p.id === "20")).toEqual({
      id: "20",
      publishedAt: postDay(20),
      byOwner: true,
      isRepost: false,
      pinned: false,
      commentsOpen: null, // not known until the profile has been read
      likes: null,
      reposts: null,
      comments: null,
      views: 1300, // 1253 views, shown as "1.3K" on the page
      url: `${fake.previewUrl}/amur_news/20`,
      text: "Пост 20",
    });
    expect(posts.find((p) => p.id === "44")?.isRepost).toBe(true);
    expect(posts.find((p) => p.id === "43")?.text).toBe("Часы приёма: 9 < 18 & без выходных\nзапись по телефону");
  });

  it("reads every post back to the first one and skips service messages", async () => {
    const tg = connector(harness().runtime);
    await tg.profile(target("amur_news"));
    const posts = await tg.posts(target("amur_news"), at("2020-01-01T00:00:00Z"));
    expect(posts).toHaveLength(45);
    expect(posts.every((p) => p.commentsOpen === true)).toBe(true);
  });

  it("a name t.me does not show is page_not_found", async () => {
    expect((await failure(connector(harness().runtime).posts(target("gone"), postDay(1)))).kind).toBe("page_not_found");
  });

  it("parses t.me's compact counters", () => {
    expect([parseCompactCount("987"), parseCompactCount("1.2K"), parseCompactCount("15.4K"), parseCompactCount("3M"), parseCompactCount("n/a")]).toEqual([987, 1200, 15_400, 3_000_000, null]);
    expect(contactsFromDescription("пишите: press@amurobl.ru").hasContacts).toBe(true);
  });
});

describe("Telegram comments", () => {
  it("reads the discussion group through the bot: threads, author kinds, and keeps what it read for later posts", async () => {
    const tg = connector(harness().runtime);
    await tg.profile(target("amur_news"));
    const first = await tg.comments(target("amur_news"), ["40"]);
    expect(first.map((c) => [c.id, c.postId, c.parentId, c.authorKind])).toEqual([
      ["7001", "40", null, "resident"],
      ["7002", "40", "7001", "page"],
      ["7003", "40", "7002", "resident"],
      ["7004", "40", null, "organisation"],
    ]);
    expect(first[0]).toMatchObject({ authorId: "501", createdAt: at("2025-03-12T05:00:00Z"), deleted: false, text: "comment 7001" });
    expect(first[0]!.url).toBe(`${fake.previewUrl}/amur_news/40?comment=7001`);

    // the updates were consumed by the first call; the buffer still answers for post 41
    const later = await tg.comments(target("amur_news"), ["41"]);
    expect(later.map((c) => c.id)).toEqual(["7101"]);
    const polls = requests("telegram", "getUpdates");
    expect(polls.length).toBeGreaterThanOrEqual(2);
  });

  it("without a discussion bot, replies are not measurable and nothing is requested", async () => {
    const noBot = connector(harness().runtime, { botToken: undefined });
    expect(noBot.capabilities(target("amur_news"))).toEqual({ badge: false, replies: false, engagement: false, streams: false });
    expect(await noBot.comments(target("amur_news"), ["40"])).toEqual([]);

    const withBot = connector(harness().runtime);
    expect(withBot.capabilities(target("quiet_channel")).replies).toBe(false);
    expect(withBot.capabilities(target("@Amur_News")).replies).toBe(true);
    expect(await withBot.comments(target("quiet_channel"), ["1"])).toEqual([]);
    expect(await withBot.streams(target("amur_news"), postDay(1))).toEqual([]);
    expect(fake.faults.requests).toHaveLength(0);
  });
});

describe("Telegram errors", () => {
  it("waits the retry_after Telegram names on 429, then succeeds; keeps refusing → rate_limited", async () => {
    const h = harness();
    fake.faults.inject({ platform: "telegram", method: "getChat", times: 1, fault: { kind: "api-error", code: 429 } });
    expect((await connector(h.runtime).profile(target("amur_news"))).members).toBe(15_400);
    expect(h.sleeps).toEqual([1000]);

    fake.faults.inject({ platform: "telegram", times: 10, fault: { kind: "api-error", code: 429 } });
    expect((await failure(connector(harness().runtime).profile(target("amur_news")))).kind).toBe("rate_limited");
  });

  it("401 disables the bot token", async () => {
    const h = harness();
    fake.faults.inject({ platform: "telegram", token: BOT, times: 1, fault: { kind: "api-error", code: 401 } });
    expect((await failure(connector(h.runtime).comments(target("amur_news"), ["40"]))).kind).toBe("auth");
    expect(h.disabled.has(`telegram:${BOT}`)).toBe(true);
    expect((await failure(connector(h.runtime).profile(target("amur_news")))).kind).toBe("auth");
  });

  it("5xx and timeouts are retried, then transient; on the preview too", async () => {
    fake.faults.inject({ platform: "telegram", times: 1, fault: { kind: "http", status: 502 } });
    expect((await connector(harness().runtime).profile(target("amur_news"))).resolvedId).toBe("-1001111");

    fake.faults.inject({ platform: "tme", times: 3, fault: { kind: "http", status: 503 } });
    expect((await failure(connector(harness().runtime).posts(target("amur_news"), postDay(40)))).kind).toBe("transient");

    fake.faults.inject({ platform: "tme", times: 3, fault: { kind: "timeout", ms: 1500 } });
    expect((await failure(connector(harness({ timeoutMs: 100 }).runtime).posts(target("amur_news"), postDay(40)))).kind).toBe("transient");
    expect(requests("tme").filter((r) => r.outcome === "timeout")).toHaveLength(3);
  });

  it("answers it cannot read are malformed", async () => {
    fake.faults.inject({ platform: "telegram", method: "getChat", times: 1, fault: { kind: "wrong-shape" } });
    expect((await failure(connector(harness().runtime).profile(target("amur_news")))).kind).toBe("malformed");
    fake.faults.inject({ platform: "telegram", method: "getUpdates", times: 1, fault: { kind: "malformed" } });
    expect((await failure(connector(harness().runtime).comments(target("amur_news"), ["40"]))).kind).toBe("malformed");
    fake.faults.inject({ platform: "tme", times: 1, fault: { kind: "wrong-shape" } });
    expect((await failure(connector(harness().runtime).posts(target("amur_news"), postDay(40)))).kind).toBe("malformed");
    fake.faults.inject({ platform: "tme", times: 1, fault: { kind: "malformed" } });
    expect((await failure(connector(harness().runtime).posts(target("amur_news"), postDay(40)))).kind).toBe("malformed");
  });
});
