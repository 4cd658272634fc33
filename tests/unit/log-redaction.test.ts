/**
 * The logger is pino behind our small `Logger` type: JSON lines, the configured level, and no
 * personal data even when a caller passes some by mistake.
 */
import { Writable } from "node:stream";
import { createLogger, REDACTED, scrubText } from "../../app/utils/log.server";

function capture(level: "debug" | "info" | "warn" | "error" = "info") {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger(level, { service: "test" }, sink);
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("structured logs", () => {
  it("writes one JSON line per call with time, level, message, base and data", () => {
    const { log, parsed } = capture();
    log("info", "server ready", { url: "http://localhost:3000", startupMs: 12 });
    const [line] = parsed();
    expect(line).toMatchObject({ level: "info", msg: "server ready", service: "test", url: "http://localhost:3000", startupMs: 12 });
    expect(new Date(String(line!.time)).toISOString()).toBe(line!.time);
  });

  it("drops lines below the configured level", () => {
    const { log, parsed } = capture("warn");
    log("debug", "noise");
    log("info", "chatter");
    log("warn", "disk almost full");
    log("error", "boom");
    expect(parsed().map((l) => [l.level, l.msg])).toEqual([
      ["warn", "disk almost full"],
      ["error", "boom"],
    ]);
  });

  it("censors e-mails, addresses and cookies passed under their usual keys, at the top or one level down", () => {
    const { log, lines, parsed } = capture();
    log("info", "login", {
      email: "ivanova@mail.example.ru",
      ip: "203.0.113.7",
      clientAddress: "2001:db8::17",
      headers: { cookie: "rp_session=secret-session-token", authorization: "Bearer abcdef", "x-forwarded-for": "198.51.100.4" },
      status: 302,
    });
    const text = lines.join("\n");
    for (const personal of ["ivanova", "203.0.113.7", "2001:db8::17", "secret-session-token", "abcdef", "198.51.100.4"]) {
      expect(text).not.toContain(personal);
    }
    expect(parsed()[0]).toMatchObject({
      email: REDACTED,
      ip: REDACTED,
      clientAddress: REDACTED,
      headers: { cookie: REDACTED, authorization: REDACTED, "x-forwarded-for": REDACTED },
      status: 302,
    });
  });

  it("masks e-mail and IP addresses inside any string, message included, and keeps the rest", () => {
    const { log, lines, parsed } = capture();
    log("error", "login failed for petrov@example.org from 192.0.2.44", {
      error: "connect ECONNREFUSED 10.1.2.3:5432 while mailing sidorov@example.com",
      nested: { reason: ["::ffff:192.0.2.9 refused", "at 12:30:15 on 2026-11-23"] },
    });
    const text = lines.join("\n");
    for (const personal of ["petrov", "192.0.2.44", "10.1.2.3", "sidorov", "192.0.2.9"]) expect(text).not.toContain(personal);
    const [line] = parsed();
    expect(line!.msg).toBe(`login failed for ${REDACTED} from ${REDACTED}`);
    expect(line!.error).toBe(`connect ECONNREFUSED ${REDACTED}:5432 while mailing ${REDACTED}`);
    expect((line!.nested as { reason: string[] }).reason[1]).toBe("at 12:30:15 on 2026-11-23");
  });

  it("leaves ordinary text alone", () => {
    expect(scrubText("job audit.page-12-34 done in 1.5 s at 03:00")).toBe("job audit.page-12-34 done in 1.5 s at 03:00");
    expect(scrubText("version 5.199 of the API")).toBe("version 5.199 of the API");
    // the server's own loopback address identifies nobody
    expect(scrubText("server ready at http://127.0.0.1:3000")).toBe("server ready at http://127.0.0.1:3000");
  });
});
