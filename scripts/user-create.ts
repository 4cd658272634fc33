/**
 * `npm run user:create -- --email a@b.ru --role analyst [--name "…"] [--organisation CODE] [--password …]`
 * Without --password the password is read from RP_PASSWORD or generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { openApp } from "../app/services/app-context.server";
import { createUser } from "../app/services/users.server";
import { loadEnv } from "../app/utils/env.server";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    organisation: { type: "string" },
    password: { type: "string" },
  },
  strict: true,
});
if (!values.email || !values.role) {
  process.stderr.write("usage: npm run user:create -- --email EMAIL --role admin|analyst|sociologist|page_admin [--organisation CODE] [--name NAME] [--password PASSWORD]\n");
  process.exit(2);
}
const generated = !values.password && !process.env.RP_PASSWORD;
const password = values.password ?? process.env.RP_PASSWORD ?? randomBytes(12).toString("base64url");

const app = await openApp(loadEnv(), { processJobs: false });
try {
  const result = await createUser(
    app.ctx,
    { email: values.email, role: values.role, displayName: values.name ?? values.email, organisationCode: values.organisation, password },
    null,
  );
  if (!result.ok) {
    for (const [field, code] of Object.entries(result.errors)) process.stderr.write(`${field}: ${code}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`created user #${result.value} ${values.email} (${values.role})\n`);
    if (generated) process.stdout.write(`password: ${password}\n`);
  }
} finally {
  await app.close();
}
