/**
 * The fake platform server as its own process for bench:audit, so the platform side does not share
 * the benchmarked process's CPU. Prints `{"vkUrl": …, "statsUrl": …}` once listening.
 * Env: PAGES, POSTS (per page), COMMENTS (per post, half residents' questions, half the page's
 * replies in their threads), RATE_LIMITS (true|false).
 */
import { startFakePlatforms } from "../fixtures/fake-platforms/server";
import type { FakePage } from "../fixtures/fake-platforms/world";

const pages = Number(process.env.PAGES ?? 100);
const posts = Number(process.env.POSTS ?? 20);
const comments = Number(process.env.COMMENTS ?? 10);
const now = Date.now();
const HOUR = 3_600_000;

function page(n: number): FakePage {
  return {
    platform: "vk",
    id: String(100_000 + n),
    handle: `bench_page_${n}`,
    name: `Страница ${n}`,
    badge: true,
    members: 1000 + n,
    description: "Официальная страница",
    phone: "+7 4162 000000",
    hasAvatar: true,
    wallOpen: true,
    posts: Array.from({ length: posts }, (_, i) => {
      const date = new Date(now - (i + 1) * 30 * HOUR);
      return {
        id: i + 1,
        date,
        author: { kind: "page" as const },
        text: `Новость ${i + 1}: приём граждан, отчёт о работе, ответы на вопросы жителей.`,
        likes: 10,
        reposts: 1,
        views: 500,
        comments: Array.from({ length: comments }, (_, j) => {
          const id = (i + 1) * 1000 + j;
          const question = j % 2 === 0;
          return {
            id,
            date: new Date(date.getTime() + (j + 1) * HOUR),
            author: question ? ({ kind: "user", id: 50_000 + j } as const) : ({ kind: "page" } as const),
            text: question ? "Когда починят дорогу на нашей улице?" : "Здравствуйте! Обращение передано в отдел.",
            ...(question ? {} : { threadOf: id - 1, replyTo: id - 1 }),
          };
        }),
      };
    }),
    streams: [{ id: 1, date: new Date(now - 5 * 24 * HOUR), title: "Прямой эфир", live: true }],
  };
}

const fake = await startFakePlatforms(
  { pages: Array.from({ length: pages }, (_, i) => page(i + 1)) },
  { rateLimits: process.env.RATE_LIMITS !== "false" },
);
process.stdout.write(`${JSON.stringify({ vkUrl: fake.vkUrl, statsUrl: `${fake.url}/__stats/` })}\n`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void fake.close().then(() => process.exit(0)));
