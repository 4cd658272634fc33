/**
 * The OK connector against the fake fb.do server: request signing (both documented secrets),
 * what it reads (group profile, feed topics with paging, comment threads in Moscow time), and
 * what it does when OK refuses, stalls or answers nonsense.
 */
import { createOkConnector, type OkConnectorConfig } from "../../jobs/connectors/ok";
import { md5, okSignature, parseOkDate } from "../../jobs/connectors/ok-schemas";
import { ConnectorError, type ConnectorRuntime, type PageTarget } from "../../jobs/connectors/types";
import type { OkOptions } from "../fixtures/fake-platforms/ok";
import { startFakePlatforms, type FakePlatforms } from "../fixtures/fake-platforms/server";
import type { FakeComment, FakePage, FakePost, FakeWorld } from "../fixtures/fake-platforms/world";

const at = (iso: string) => new Date(iso);
const page = { kind: "page" as const };
const user = (id: number) => ({ kind: "user" as const, id });
const otherBody = { kind: "group" as const, id: 777, name: "Администрация района" };
const day = (n: number) => at(`2025-03-${String(n).padStart(2, "0")}T10:00:00Z`);

const comment = (id: number, iso: string, author: FakeComment["author"], extra: Partial<FakeComment> = {}): FakeComment => ({ id, date: at(iso), author, text: `comment ${id}`, ...extra });

/** c1 resident; c2 the page answers it; c3 a resident answers the page; c4 another body; c5 removed */
const discussed: FakePost = {
  id: 9103,
  date: day(3),
  author: page,
  text: "Приём граждан",
  likes: 12,
  reposts: 3,
  comments: [
    comment(1, "2025-03-20T06:00:00Z", user(501)),
    comment(2, "2025-03-20T08:30:00Z", page, { threadOf: 1, replyTo: 1 }),
    comment(3, "2025-03-20T21:15:30Z", user(502), { threadOf: 1, replyTo: 2 }),
    comment(4, "2025-03-21T00:00:00Z", otherBody),
    comment(5, "2025-03-21T01:00:00Z", user(503), { deleted: true }),
  ],
};

const crowded: FakePost = {
  id: 9104,
  date: day(4),
  author: page,
  text: "Опрос",
  comments: Array.from({ length: 130 }, (_, i) => comment(100 + i, `2025-03-22T${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00Z`, user(1000 + i))),
};

const ministry: FakePage = {
  platform: "ok",
  id: "5500001",
  handle: "amurminzdrav",
  name: "Минздрав Амурской области",
  badge: true,
  members: 12000,
  description: "Официальная группа министерства",
  phone: "+7 4162 200000",
  address: "Благовещенск, ул. Ленина, 135",
  site: "https://zdrav.amurobl.ru",
  hasAvatar: true,
  hasCover: true,
  posts: [
    { id: 9001, date: at("2025-01-10T00:00:00Z"), author: page, text: "Закреплённая тема", pinned: true, comments: [] },
    // 25 daily topics by the group, one a reshare and one with comments closed
    ...Array.from({ length: 25 }, (_, i): FakePost => ({
      id: 9200 + i + 1,
      date: day(i + 1),
      author: page,
      text: `Новость ${i + 1}`,
      isRepost: i + 1 === 12,
      commentsOpen: i + 1 === 15 ? false : undefined,
      likes: i,
      comments: [],
    })),
    { id: 9300, date: at("2025-03-10T12:00:00Z"), author: user(501), text: "Тема жителя", comments: [] },
    discussed,
    crowded,
  ],
};

const world: FakeWorld = {
  pages: [
    ministry,
    { platform: "ok", id: "5500002", handle: "school7", name: "Школа №7", badge: null, members: 300, posts: [] },
    { platform: "ok", id: "5500003", handle: "closed_club", name: "Закрытая группа", badge: false, members: 10, status: "private", posts: [] },
    { platform: "ok", id: "5500004", handle: "gone", name: "Удалённая", badge: null, members: 0, status: "deleted", posts: [] },
  ],
};

const target = (platformId: string): PageTarget => ({ pageId: 1, platform: "ok", platformId, url: `https://ok.ru/${platformId}` });

const keys: OkOptions = { applicationKey: "CBATESTKEY", applicationSecretKey: "app-secret", accessToken: "ok-token", sessionSecretKey: "session-secret", maxRequestsPerSecond: 1000 };

let fake: FakePlatforms;
beforeAll(async () => {
  fake = await startFakePlatforms(world, { ok: keys });
});
afterAll(async () => fake.close());
afterEach(() => {
  fake.faults.clear();
  fake.faults.requests.length = 0;
});

interface Harness {
  runtime: ConnectorRuntime;
  gateCalls: [string, number, number][];
  sleeps: number[];
  disabled: Map<string, string>;
}

function harness(extra: Partial<ConnectorRuntime> = {}): Harness {
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

function connector(h: Harness, config: Partial<OkConnectorConfig> = {}) {
  return createOkConnector(
    { baseUrl: fake.okUrl, applicationKey: keys.applicationKey, applicationSecretKey: keys.applicationSecretKey, accessToken: keys.accessToken, retryDelayMs: 5, ...config },
    h.runtime,
  );
}

const requestsTo = (method: string) => fake.faults.requests.filter((r) => r.platform === "ok" && r.method === method);

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe("OK request signature", () => {
  it("matches the documented worked example: md5(sorted key=value pairs + md5(access_token + application secret))", () => {
    const secret = md5("-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7" + "ABC123DEF456GHI789JKL123");
    expect(secret).toBe("b1a2b89707a94624c43afae67d59274c");
    const params = { method: "events.get", format: "json", application_key: "ABCDEFGHIGKLMNOPK", access_token: "-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7" };
    expect(okSignature(params, secret)).toBe("232c8eb921951c4dba9b72606f9ddb4c");
  });

  it("is accepted by the fake with either documented secret, and signs every call", async () => {
    const h = harness();
    const viaToken = await connector(h).profile(target("5500001"));
    const viaSession = await connector(h, { sessionSecretKey: keys.sessionSecretKey }).profile(target("5500001"));
    expect(viaToken.resolvedId).toBe("5500001");
    expect(viaSession.resolvedId).toBe("5500001");
    expect(fake.faults.requests.map((r) => r.outcome)).toEqual(["ok", "ok"]);
  });

  it("a wrong application secret is OK's PARAM_SIGNATURE (104): auth, token disabled, not retried", async () => {
    const h = harness();
    const error = await failure(connector(h, { applicationSecretKey: "wrong" }).profile(target("5500001")));
    expect(error.kind).toBe("auth");
    expect(error.code).toBe(104);
    expect(h.disabled.get(`ok:${keys.accessToken}`)).toMatch(/104/);
    expect(fake.faults.requests.map((r) => r.outcome)).toEqual(["bad-signature"]);
  });

  it("a disabled token makes no request at all", async () => {
    const h = harness();
    h.disabled.set(`ok:${keys.accessToken}`, "revoked earlier");
    expect((await failure(connector(h).posts(target("5500001"), day(1)))).kind).toBe("auth");
    expect(fake.faults.requests).toHaveLength(0);
  });
});

describe("OK profile", () => {
  it("maps group.getInfo, with the badge from gos_org and gates every request on the application key", async () => {
    const h = harness({ now: () => at("2025-04-01T00:00:00Z") });
    const profile = await connector(h).profile(target("5500001"));
    expect(profile).toEqual({
      observedAt: at("2025-04-01T00:00:00Z"),
      resolvedId: "5500001",
      name: "Минздрав Амурской области",
      badge: true,
      verified: null,
      members: 12000,
      description: "Официальная группа министерства",
      hasContacts: true,
      address: "Благовещенск, ул. Ленина, 135",
      site: "https://zdrav.amurobl.ru",
      hasAvatar: true,
      hasCover: true,
      wallOpen: null,
    });
    expect(h.gateCalls).toEqual([["ok:CBATESTKEY", 1, 1000]]);
  });

  it("resolves a screen name once through url.getInfo; an unknown badge stays null and missing texts are empty", async () => {
    const h = harness();
    const ok = connector(h);
    const school = await ok.profile(target("school7"));
    await ok.profile(target("school7"));
    expect(school).toMatchObject({ resolvedId: "5500002", badge: null, description: "", hasContacts: false, address: "", site: "", hasAvatar: false, hasCover: false });
    expect(requestsTo("url.getInfo")).toHaveLength(1);
  });

  it("reports deleted and unknown groups as page_not_found", async () => {
    const h = harness();
    expect((await failure(connector(h).profile(target("5500004")))).kind).toBe("page_not_found");
    expect((await failure(connector(h).profile(target("no_such_group")))).kind).toBe("page_not_found");
  });
});

describe("OK posts", () => {
  it("pages through the feed with anchors, keeps the pinned topic and stops at the first older topic", async () => {
    const h = harness();
    const since = day(5);
    const posts = await connector(h).posts(target("5500001"), since);
    const expected = ministry.posts.filter((p) => p.pinned || p.date >= since).map((p) => String(p.id));
    expect(posts.map((p) => p.id).sort()).toEqual(expected.sort());
    expect(requestsTo("mediatopic.getTopics")).toHaveLength(2);
    expect(posts.map((p) => p.publishedAt.getTime())).toEqual([...posts.map((p) => p.publishedAt.getTime())].sort((a, b) => b - a));

    const byId = new Map(posts.map((p) => [p.id, p]));
    expect(byId.get("9001")).toMatchObject({ pinned: true, byOwner: true, publishedAt: at("2025-01-10T00:00:00Z") });
    expect(byId.get("9300")).toMatchObject({ byOwner: false });
    expect(byId.get("9212")).toMatchObject({ isRepost: true, byOwner: true });
    expect(byId.get("9215")).toMatchObject({ commentsOpen: false });
    expect(byId.get("9220")).toEqual({
      id: "9220",
      publishedAt: day(20),
      byOwner: true,
      isRepost: false,
      pinned: false,
      commentsOpen: true,
      likes: 19,
      reposts: 0,
      comments: 0,
      views: null,
      url: "https://ok.ru/group/5500001/topic/9220",
      text: "Новость 20",
    });
    const march = await connector(h).posts(target("5500001"), day(1));
    expect(march.find((p) => p.id === "9103")?.comments).toBe(4); // the removed comment is not counted
  });

  it("a closed group's feed is page_private", async () => {
    expect((await failure(connector(harness()).posts(target("5500003"), day(1)))).kind).toBe("page_private");
  });
});

describe("OK comments", () => {
  it("maps threads, author kinds and Moscow wall-clock dates to instants", async () => {
    const bodies: string[] = [];
    const h = harness({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        bodies.push(await response.clone().text());
        return response;
      },
    });
    const comments = await connector(h).comments(target("5500001"), ["9103"]);
    expect(comments.map((c) => [c.id, c.parentId, c.authorKind])).toEqual([
      ["1", null, "resident"],
      ["2", "1", "page"],
      ["3", "2", "resident"],
      ["4", null, "organisation"],
    ]);
    expect(comments.map((c) => c.createdAt)).toEqual(discussed.comments.slice(0, 4).map((c) => c.date));
    // on the wire OK said 09:00 and 00:15:30 next day, Moscow time
    expect(bodies.join()).toContain('"2025-03-20 09:00:00"');
    expect(bodies.join()).toContain('"2025-03-21 00:15:30"');
    expect(comments[0]).toMatchObject({ postId: "9103", authorId: "501", deleted: false, text: "comment 1" });
    expect(comments[1]!.authorId).toBe("5500001");
  });

  it("follows the anchor past the first page of a long discussion", async () => {
    const comments = await connector(harness()).comments(target("5500001"), ["9104", "9103"]);
    expect(comments.filter((c) => c.postId === "9104")).toHaveLength(130);
    expect(new Set(comments.map((c) => c.id)).size).toBe(134);
    expect(requestsTo("discussions.getComments")).toHaveLength(3);
  });

  it("parses OK dates as Moscow time whatever the server's zone", () => {
    expect(parseOkDate("2025-01-01 02:30:00")).toEqual(at("2024-12-31T23:30:00Z"));
    expect(parseOkDate("2025-01-01T02:30:00")).toBeNull();
  });
});

describe("OK errors", () => {
  it("retries a flood refusal with backoff, then succeeds", async () => {
    const h = harness();
    fake.faults.inject({ platform: "ok", method: "group.getInfo", times: 2, fault: { kind: "api-error", code: 8 } });
    expect((await connector(h).profile(target("5500001"))).members).toBe(12000);
    expect(requestsTo("group.getInfo").map((r) => r.outcome)).toEqual(["api-error", "api-error", "ok"]);
    expect(h.sleeps).toEqual([5, 10]);
    expect(h.gateCalls).toHaveLength(3);
  });

  it("gives up as rate_limited when OK keeps refusing", async () => {
    fake.faults.inject({ platform: "ok", times: 10, fault: { kind: "api-error", code: 11 } });
    const error = await failure(connector(harness()).profile(target("5500001")));
    expect(error).toMatchObject({ kind: "rate_limited", code: 11, retryable: true });
    expect(requestsTo("group.getInfo")).toHaveLength(4);
  });

  it("respects the fake's own limit when the gate lets too much through", async () => {
    const strict = await startFakePlatforms(world, { ok: { ...keys, maxRequestsPerSecond: 2 } });
    try {
      const h = harness({ sleep: undefined });
      const ok = createOkConnector({ baseUrl: strict.okUrl, ...keys, retryDelayMs: 300 }, h.runtime);
      const profiles = await Promise.all([1, 2, 3].map(() => ok.profile(target("5500001"))));
      expect(profiles.map((p) => p.members)).toEqual([12000, 12000, 12000]);
      expect(strict.faults.requests.some((r) => r.outcome === "rate-limited")).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it("retries 5xx and timeouts, then reports transient", async () => {
    fake.faults.inject({ platform: "ok", times: 1, fault: { kind: "http", status: 502 } });
    expect((await connector(harness()).profile(target("5500001"))).resolvedId).toBe("5500001");

    fake.faults.inject({ platform: "ok", times: 3, fault: { kind: "http", status: 503 } });
    expect((await failure(connector(harness()).profile(target("5500001")))).kind).toBe("transient");

    fake.faults.inject({ platform: "ok", times: 3, fault: { kind: "timeout", ms: 1500 } });
    const error = await failure(connector(harness({ timeoutMs: 100 })).profile(target("5500001")));
    expect(error.kind).toBe("transient");
    expect(error.message).toMatch(/100 ms/);
  });

  it("reports unreadable answers as malformed without retrying in place", async () => {
    fake.faults.inject({ platform: "ok", times: 1, fault: { kind: "malformed" } });
    expect((await failure(connector(harness()).profile(target("5500001")))).kind).toBe("malformed");
    fake.faults.inject({ platform: "ok", method: "mediatopic.getTopics", times: 1, fault: { kind: "wrong-shape" } });
    expect((await failure(connector(harness()).posts(target("5500001"), day(1)))).kind).toBe("malformed");
    fake.faults.inject({ platform: "ok", method: "discussions.getComments", times: 1, fault: { kind: "wrong-shape" } });
    expect((await failure(connector(harness()).comments(target("5500001"), ["9103"]))).kind).toBe("malformed");
    expect(fake.faults.requests).toHaveLength(3);
  });

  it("an expired session disables the token; restrictions are page_private", async () => {
    const h = harness();
    fake.faults.inject({ platform: "ok", times: 1, fault: { kind: "api-error", code: 102 } });
    expect((await failure(connector(h).profile(target("5500001")))).kind).toBe("auth");
    expect(h.disabled.size).toBe(1);

    fake.faults.inject({ platform: "ok", times: 1, fault: { kind: "api-error", code: 457 } });
    expect((await failure(connector(harness()).comments(target("5500001"), ["9103"]))).kind).toBe("page_private");
  });

  it("has no live-stream source and says so", async () => {
    const ok = connector(harness());
    expect(ok.capabilities(target("5500001"))).toEqual({ badge: true, replies: true, engagement: false, streams: false });
    expect(await ok.streams(target("5500001"), day(1))).toEqual([]);
  });
});
