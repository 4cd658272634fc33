import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globals: true,
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    setupFiles: ["tests/helpers/fail-on-console-error.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    server: { deps: { inline: ["kysely"] } },
  },
});
