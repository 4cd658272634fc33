/**
 * The activity file (JSON lines): strict parsing with line errors, and the file connector that
 * serves the records to the audit as if they came from a platform.
 */
import { readFileSync } from "node:fs";
import { createFileConnector } from "../../jobs/connectors/file";
import { formatActivityRecord, parseActivityFile, type ActivityRecord } from "../../jobs/connectors/file-format";
import { ConnectorError, type PageTarget } from "../../jobs/connectors/types";

const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join("\n");
const target = (platform: PageTarget["platform"], platformId: string): PageTarget => ({ pageId: 1, platform, platformId, url: "" });

const sample = [
  '{"type":"profile","page":"max:amur_health","observed_at":"2025-03-01T00:00:00+09:00","name":"Минздрав","badge":null,"members":1500,"description":"Официальный канал","has_contacts":true,"wall_open":true}',
  '{"type":"profile","page":"max:amur_health","observed_at":"2025-03-31T00:00:00+09:00","members":1700,"description":"Официальный канал"}',
  "",
  '{"type":"post","page":"max:amur_health","id":"p1","published_at":"2025-03-03T10:00:00+09:00","by_owner":true,"views":100,"likes":5,"comments":2}',
  '{"type":"post","page":"max:amur_health","id":"p0","published_at":"2025-01-15T10:00:00+03:00","by_owner":true,"pinned":true}',
  '{"type":"post","page":"max:amur_health","id":"p2","published_at":"2025-02-20T10:00:00Z","by_owner":true}',
  '{"type":"post","page":"max:amur_health","id":"r1","published_at":"2025-03-04T10:00:00+09:00","by_owner":false,"text":"пост жителя"}',
  '{"type":"comment","page":"max:amur_health","id":"c1","post_id":"p1","author_kind":"resident","author_id":"u42","created_at":"2025-03-03T12:00:00+09:00"}',
  '{"type":"comment","page":"max:amur_health","id":"c2","post_id":"p1","parent_id":"c1","author_kind":"page","created_at":"2025-03-03T13:30:00+09:00"}',
  '{"type":"comment","page":"max:amur_health","id":"c3","post_id":"p2","author_kind":"organisation","created_at":"2025-02-21T08:00:00Z","deleted":true}',
  '{"type":"stream","page":"max:amur_health","id":"s1","started_at":"2025-03-05T18:00:00+09:00","title":"Прямой эфир"}',
  '{"type":"post","page":"vk:1001","id":77,"published_at":"2025-03-02T09:00:00+03:00","by_owner":true}',
].join("\r\n");

describe("parseActivityFile", () => {
  it("reads all four record kinds, turning dates with offsets into instants and leaving out-of-file fields unknown", () => {
    const { records, errors } = parseActivityFile(sample);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(11);
    const [first, , post, , , , comment, reply] = records as [ActivityRecord, ActivityRecord, ActivityRecord, ...ActivityRecord[]];
    expect(first).toEqual({
      type: "profile",
      page: "max:amur_health",
      profile: {
        observedAt: new Date("2025-02-28T15:00:00Z"),
        resolvedId: null,
        name: "Минздрав",
        badge: null,
        verified: null,
        members: 1500,
        description: "Официальный канал",
        hasContacts: true,
        address: null,
        site: null,
        hasAvatar: null,
        hasCover: null,
        wallOpen: true,
      },
    });
    expect(post).toMatchObject({ type: "post", post: { id: "p1", publishedAt: new Date("2025-03-03T01:00:00Z"), isRepost: false, pinned: false, views: 100, reposts: null, commentsOpen: null } });
    expect(comment).toMatchObject({ type: "comment", comment: { id: "c1", postId: "p1", parentId: null, authorKind: "resident", authorId: "u42", deleted: false } });
    expect(reply).toMatchObject({ comment: { parentId: "c1", authorKind: "page", authorId: null, createdAt: new Date("2025-03-03T04:30:00Z") } });
    expect(records.at(-1)).toMatchObject({ page: "vk:1001", post: { id: "77" } });
  });

  it("reports every bad line with its number and field, and keeps the good ones", () => {
    const text = [
      lines({ type: "post", page: "max:a", id: "1", published_at: "2025-03-01T10:00:00+09:00", by_owner: true }),
      "{not json",
      lines({ type: "reaction", page: "max:a" }),
      lines({ type: "post", page: "max:a", id: "2", published_at: "2025-03-01T10:00:00", by_owner: true }),
      lines({ type: "post", page: "max:a", id: "3", published_at: "2025-02-30T10:00:00Z", by_owner: true }),
      lines({ type: "comment", page: "max:a", id: "c", post_id: "1", author_kind: "person", created_at: "2025-03-01T10:00:00Z" }),
      lines({ type: "post", page: "max:a", id: "1", published_at: "2025-03-02T10:00:00Z", by_owner: true }),
      lines({ type: "post", page: "max:a", id: "4", published_at: "2025-03-01T10:00:00Z", by_owner: true, colour: "red" }),
      lines({ type: "post", page: "max:a", id: "5", published_at: "2025-03-01T10:00:00Z" }),
      lines({ type: "stream", page: "facebook:a", id: "s", started_at: "2025-03-01T10:00:00Z" }),
      "[1,2]",
      lines({ type: "post", page: "max:a", id: "6", published_at: "2025-03-01T10:00:00Z", by_owner: true, views: -1 }),
    ].join("\n");
    const { records, errors } = parseActivityFile(text);
    expect(records.map((r) => (r.type === "post" ? r.post.id : r.type))).toEqual(["1"]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, ""],
      [3, "type"],
      [4, "published_at"],
      [5, "published_at"],
      [6, "author_kind"],
      [7, "id"],
      [8, "colour"],
      [9, "by_owner"],
      [10, "page"],
      [11, ""],
      [12, "views"],
    ]);
    expect(errors.find((e) => e.line === 7)?.message).toBe("duplicate of line 1");
    expect(errors.find((e) => e.line === 8)?.message).toBe("unknown field");
  });

  it("never throws, whatever it is fed", () => {
    for (const junk of ["", "\u0000\u0001", "null", "42", '"text"', "{}", '{"type":null}', "\uFEFF" + sample, "}{".repeat(1000)]) {
      expect(() => parseActivityFile(junk)).not.toThrow();
    }
    expect(parseActivityFile("\uFEFF" + sample).errors).toEqual([]);
  });

  it("same profile snapshot twice is a duplicate; two snapshots are two records", () => {
    const snapshot = { type: "profile", page: "ok:1", observed_at: "2025-03-01T00:00:00Z" };
    const { records, errors } = parseActivityFile(lines(snapshot, { ...snapshot, observed_at: "2025-03-02T00:00:00Z" }, { ...snapshot, observed_at: "2025-03-01T03:00:00+03:00" }));
    expect(records).toHaveLength(2);
    expect(errors).toEqual([{ line: 3, field: "observed_at", message: "duplicate of line 1" }]);
  });

  it("the example in the README's activity-file section is a valid file", () => {
    const doc = readFileSync(new URL("../../README.md", import.meta.url), "utf8").split("### Page activity files")[1] ?? "";
    const example = /```jsonl\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
    const { records, errors } = parseActivityFile(example);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.type)).toEqual(["profile", "post", "comment", "comment", "stream"]);
  });

  it("formatActivityRecord writes lines the parser reads back unchanged", () => {
    const { records } = parseActivityFile(sample);
    const again = parseActivityFile(records.map(formatActivityRecord).join("\n"));
    expect(again.errors).toEqual([]);
    expect(again.records).toEqual(records);
  });
});

describe("createFileConnector", () => {
  const { records } = parseActivityFile(sample);
  const health = target("max", "amur_health");

  it("serves the latest profile, posts since a date (pinned kept), comments by post and streams", async () => {
    const file = createFileConnector({ records });
    expect(file.platform).toBe("max");
    expect((await file.profile(health)).members).toBe(1700);
    const posts = await file.posts(health, new Date("2025-03-01T00:00:00+09:00"));
    expect(posts.map((p) => p.id)).toEqual(["r1", "p1", "p0"]);
    expect((await file.comments(health, ["p1"])).map((c) => c.id)).toEqual(["c1", "c2"]);
    expect((await file.comments(health, ["p2", "p1"])).map((c) => c.id)).toEqual(["c3", "c1", "c2"]);
    expect((await file.streams(health, new Date("2025-03-06T00:00:00Z"))).map((s) => s.id)).toEqual([]);
    expect((await file.streams(health, new Date("2025-03-01T00:00:00Z"))).map((s) => s.id)).toEqual(["s1"]);
  });

  it("derives capabilities from what the file carries for the page", () => {
    const file = createFileConnector({ records }, "vk");
    // the latest profile says nothing about the badge
    expect(file.capabilities(health)).toEqual({ badge: false, replies: true, engagement: true, streams: true });
    expect(file.capabilities(target("vk", "1001"))).toEqual({ badge: false, replies: false, engagement: false, streams: false });
  });

  it("matches pages case-insensitively and reports a page without a profile as page_not_found", async () => {
    const file = createFileConnector({ records });
    expect((await file.posts(target("max", "@AMUR_health"), new Date(0))).length).toBe(4);
    const error = await file.profile(target("vk", "1001")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe("page_not_found");
  });

  it("loads a lazy source once, on first use", async () => {
    let loads = 0;
    const file = createFileConnector(async () => {
      loads += 1;
      return records;
    });
    expect(file.capabilities(health).replies).toBe(false);
    await Promise.all([file.posts(health, new Date(0)), file.profile(health)]);
    await file.load();
    expect(loads).toBe(1);
    expect(file.capabilities(health).replies).toBe(true);
  });
});
