/**
 * bull-board at /admin/queues, for admins only. The session and role are checked here, before
 * bull-board sees the request: the board can retry, promote and delete jobs, and it has no
 * notion of our users. It is served from node:http (server.ts), not through our Express app:
 * bull-board brings its own Express 5 and must not be mounted inside Express 4.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createBullBoard } from "@bull-board/api";
import { BullAdapter } from "@bull-board/api/bullAdapter";
import { ExpressAdapter } from "@bull-board/express";
import Bull from "bull";
import { QUEUES } from "../../jobs/queues";
import { getSessionUser } from "./auth.server";
import type { AppContext } from "./context.server";

export const QUEUE_BOARD_PATH = "/admin/queues";

export function isQueueBoardPath(url: string): boolean {
  const path = url.split("?")[0]!;
  return path === QUEUE_BOARD_PATH || path.startsWith(`${QUEUE_BOARD_PATH}/`);
}

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]["serverAdapter"];
type Handler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

const IN_PROCESS_PAGE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Очереди задач</title></head><body>
<h1>Очереди задач</h1>
<p>Задачи выполняются внутри веб-процесса (REDIS_URL не задан), поэтому панели bull-board нет.</p>
<p lang="en">Jobs run inside the web process (REDIS_URL is not set), so there is no bull-board panel.</p>
<p><a href="/home">На главную</a></p></body></html>`;

export interface QueueBoard {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

export function createQueueBoard(ctx: AppContext, opts: { prefix: string }): QueueBoard {
  let board: { router: Handler; queues: Bull.Queue[] } | null = null;

  // Opened on the first admin visit: most web processes never open these Redis connections.
  function open(redisUrl: string) {
    if (board) return board;
    const queues = QUEUES.map((name) => {
      const queue = new Bull(name, redisUrl, { prefix: opts.prefix });
      queue.on("error", () => undefined); // the board shows the failure; the process must not crash
      return queue;
    });
    const adapter = new ExpressAdapter();
    adapter.setBasePath(QUEUE_BOARD_PATH);
    // @bull-board/express pins its own copy of @bull-board/api: same shapes, separate type declarations
    createBullBoard({ queues: queues.map((q) => new BullAdapter(q)), serverAdapter: adapter as unknown as BoardServerAdapter });
    board = { router: adapter.getRouter() as Handler, queues };
    return board;
  }

  return {
    async handle(req, res) {
      const path = (req.url ?? "/").split("?")[0]!;
      const request = new Request(`http://app.invalid${path}`, { headers: { cookie: req.headers.cookie ?? "" } });
      const user = await getSessionUser(ctx, request);
      if (!user) {
        res.writeHead(302, { Location: `/login?redirectTo=${encodeURIComponent(path)}`, "Cache-Control": "no-store" }).end();
        return;
      }
      if (user.role !== "admin") {
        res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).end("Forbidden");
        return;
      }
      if (ctx.jobs.mode !== "bull" || !ctx.env.REDIS_URL) {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(IN_PROCESS_PAGE);
        return;
      }
      const { router } = open(ctx.env.REDIS_URL);
      // the board's router is written for its own mount point: it sees the path below it
      req.url = (req.url ?? "/").slice(QUEUE_BOARD_PATH.length) || "/";
      if (!req.url.startsWith("/")) req.url = `/${req.url}`;
      res.setHeader("Cache-Control", "no-store");
      await new Promise<void>((resolve, reject) => {
        res.once("finish", () => resolve());
        res.once("close", () => resolve());
        router(req, res, (err) => {
          if (err) return reject(err instanceof Error ? err : new Error(String(err)));
          if (!res.headersSent) res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
          resolve();
        });
      });
    },
    async close() {
      const queues = board?.queues ?? [];
      board = null;
      await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
    },
  };
}
