/** Structured one-line JSON logs. Never pass personal data (e-mails, addresses, answers) here. */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Logger = (level: Level, msg: string, data?: Record<string, unknown>) => void;

export function createLogger(minLevel: Level = "info", base: Record<string, unknown> = {}): Logger {
  return (level, msg, data) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...data });
    if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
}
