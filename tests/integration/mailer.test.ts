/**
 * The mailer against a real SMTP server on loopback (smtp-server, started here): a briefing with
 * a PDF attachment to two recipients, a refused recipient, all refused, bad addresses, a wrong
 * password, and a server that is not there. The received messages are parsed with mailparser.
 */
import { createServer, type AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { createMailer, isEmailAddress, redactSmtpUrl } from "../../app/services/mailer.server";

interface Received {
  mailFrom: string | null;
  /** MAIL FROM parameters: SMTPUTF8 among them would mean raw UTF-8 addresses went on the wire */
  mailFromArgs: unknown;
  rcptTo: string[];
  user: unknown;
  raw: Buffer;
}

const USER = "robot";
const PASSWORD = "s3cret-пароль";

async function startSmtp(options: { refuse?: string[] } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    // plain SMTP on loopback: no STARTTLS (its built-in certificate would fail verification)
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        return callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        received.push({
          mailFrom: from ? from.address : null,
          mailFromArgs: from ? from.args : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { port, received, close, url: `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}` };
}

/** A port nothing listens on: bound by the system, then released. */
/** The error a send fails with (the test fails if it succeeds). */
async function sendError(sending: Promise<unknown>): Promise<Error> {
  try {
    await sending;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error("expected the send to fail");
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const FROM = "ЦУР Амурской области <reports@cur-amur.test>";
// binary content (every byte value) so a broken transfer encoding would show
const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from("\n%%EOF\n")]);
const briefing = {
  subject: "Еженедельная справка: госпаблики — ноябрь 2026",
  text: "Добрый день!\nВо вложении справка о соблюдении требований к госпабликам за ноябрь 2026 г.",
  attachments: [{ filename: "справка-ноябрь-2026.pdf", content: pdf, contentType: "application/pdf" }],
};

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

describe("createMailer", () => {
  it("sends a briefing with its PDF to two recipients", async () => {
    const smtp = await startSmtp();
    stop = smtp.close;
    const mailer = createMailer({ url: smtp.url, from: FROM });
    expect(mailer.enabled).toBe(true);

    const result = await mailer.send({ to: ["governor@amurobl.test", "  press@amurobl.test "], ...briefing });

    expect(result).toEqual({ accepted: ["governor@amurobl.test", "press@amurobl.test"], rejected: [] });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.rcptTo.sort()).toEqual(["governor@amurobl.test", "press@amurobl.test"]);
    expect(message!.mailFrom).toBe("reports@cur-amur.test");
    expect(message!.user).toBe(USER);
    // the Cyrillic subject travels as an RFC 2047 encoded word, never as raw 8-bit bytes
    const headers = message!.raw.toString("latin1").split(/\r\n\r\n/)[0]!;
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(/[\x80-\xff]/.test(headers)).toBe(false);

    const parsed = await simpleParser(message!.raw);
    expect(parsed.subject).toBe(briefing.subject);
    expect(parsed.text?.trim()).toBe(briefing.text);
    expect(parsed.from?.value[0]).toMatchObject({ address: "reports@cur-amur.test", name: "ЦУР Амурской области" });
    expect(parsed.attachments).toHaveLength(1);
    const [attachment] = parsed.attachments;
    expect(attachment!.filename).toBe("справка-ноябрь-2026.pdf");
    expect(attachment!.contentType).toBe("application/pdf");
    expect(Buffer.compare(attachment!.content, pdf)).toBe(0);
  });

  it("reports a recipient the server refuses and delivers to the others", async () => {
    const smtp = await startSmtp({ refuse: ["nobody@amurobl.test"] });
    stop = smtp.close;
    const mailer = createMailer({ url: smtp.url, from: FROM });

    const result = await mailer.send({ to: ["governor@amurobl.test", "nobody@amurobl.test"], ...briefing });

    expect(result).toEqual({ accepted: ["governor@amurobl.test"], rejected: ["nobody@amurobl.test"] });
    expect(smtp.received.map((m) => m.rcptTo)).toEqual([["governor@amurobl.test"]]);
  });

  it("sends to a Cyrillic domain as punycode and reports it as given", async () => {
    const smtp = await startSmtp();
    stop = smtp.close;
    const mailer = createMailer({ url: smtp.url, from: FROM });

    const result = await mailer.send({ to: ["priemnaya@правительство.рф"], ...briefing });

    expect(result).toEqual({ accepted: ["priemnaya@правительство.рф"], rejected: [] });
    // smtp-server shows the domain decoded; on the wire it was ASCII, without SMTPUTF8
    const [message] = smtp.received;
    expect(message!.rcptTo).toEqual(["priemnaya@правительство.рф"]);
    expect(JSON.stringify(message!.mailFromArgs ?? {})).not.toMatch(/SMTPUTF8/i);
    expect(message!.raw.toString("latin1")).toMatch(/^To: priemnaya@xn--80aealotwbjpid2k\.xn--p1ai\r?$/m);
  });

  it("fails clearly when the server refuses every recipient", async () => {
    const smtp = await startSmtp({ refuse: ["nobody@amurobl.test"] });
    stop = smtp.close;
    const mailer = createMailer({ url: smtp.url, from: FROM });

    const sending = mailer.send({ to: ["nobody@amurobl.test"], ...briefing });

    await expect(sending).rejects.toThrow(/rejected every recipient \(nobody@amurobl\.test\).*550/);
    expect(smtp.received).toHaveLength(0);
  });

  it("refuses the whole send when an address is invalid, naming every bad one", async () => {
    const smtp = await startSmtp();
    stop = smtp.close;
    const mailer = createMailer({ url: smtp.url, from: FROM });

    const sending = mailer.send({ to: ["governor@amurobl.test", "not-an-address", "x@y.test\r\nBcc: spy@evil.test"], ...briefing });

    await expect(sending).rejects.toThrow('invalid recipient addresses: "not-an-address", "x@y.test\\r\\nBcc: spy@evil.test"');
    await expect(mailer.send({ to: [], ...briefing })).rejects.toThrow(/no recipients/);
    expect(smtp.received).toHaveLength(0);
  });

  it("fails clearly on a wrong password, without printing it", async () => {
    const smtp = await startSmtp();
    stop = smtp.close;
    const mailer = createMailer({ url: `smtp://${USER}:wrong-password@127.0.0.1:${smtp.port}`, from: FROM });

    const error = await sendError(mailer.send({ to: ["governor@amurobl.test"], ...briefing }));

    expect(error.message).toMatch(/refused the login \(EAUTH\)/);
    expect(error.message).toContain(`smtp://***@127.0.0.1:${smtp.port}`);
    expect(error.message).not.toContain("wrong-password");
  });

  // the test's own timeout is below the 10 s connection timeout: a refused connection must
  // come back at once, not after waiting that out
  it("fails quickly and clearly when no server listens", { timeout: 5_000 }, async () => {
    const port = await closedPort();
    const mailer = createMailer({ url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`, from: FROM });

    const error = await sendError(mailer.send({ to: ["governor@amurobl.test"], ...briefing }));

    expect(error.message).toContain(`could not talk to the SMTP server at smtp://***@127.0.0.1:${port}`);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain(PASSWORD);
  });

  it("is disabled without a configuration", async () => {
    const mailer = createMailer(null);
    expect(mailer.enabled).toBe(false);
    await expect(mailer.send({ to: ["governor@amurobl.test"], ...briefing })).rejects.toThrow(/e-mail is not configured/);
  });

  it("rejects a configuration it cannot use", () => {
    expect(() => createMailer({ url: "http://mail.test", from: FROM })).toThrow(/must start with smtp:\/\/ or smtps:\/\//);
    expect(() => createMailer({ url: "not a url", from: FROM })).toThrow(/not a URL/);
    expect(() => createMailer({ url: "smtp://mail.test:25", from: "reports" })).toThrow(/sender address "reports" is not valid/);
    expect(() => createMailer({ url: "smtps://u:p@mail.test", from: "reports@cur-amur.test" })).not.toThrow();
  });
});

describe("isEmailAddress / redactSmtpUrl", () => {
  it("accepts ordinary and Cyrillic-domain addresses, and nothing else", () => {
    for (const ok of ["governor@amurobl.ru", "first.last+briefing@cur-amur.test", "priemnaya@правительство.рф"]) {
      expect(isEmailAddress(ok), ok).toBe(true);
    }
    for (const bad of ["", "a", "@x.ru", "a@", "a@x", "a b@x.ru", "a@x..ru", ".a@x.ru", "a@-x.ru", "a@x.ru\n", "Name <a@x.ru>", "a@1.2.3.4"]) {
      expect(isEmailAddress(bad), bad).toBe(false);
    }
  });

  it("masks credentials", () => {
    expect(redactSmtpUrl("smtps://user:pa%40ss@mail.test:465")).toBe("smtps://***@mail.test:465");
    expect(redactSmtpUrl("smtp://mail.test:25")).toBe("smtp://mail.test:25");
  });
});
