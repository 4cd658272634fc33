import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".data/**", "test-results/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "remix", message: "The remix package throws; use @remix-run/*." }] },
      ],
    },
  },
  {
    // Routes reach db/ and jobs/ only through app/services/*.server.ts.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/db/*", "**/jobs/*"], message: "Go through app/services/*.server.ts" }] },
      ],
    },
  },
  {
    // The domain is pure: no I/O, no database, no jobs.
    files: ["app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/db/*", "**/jobs/*", "**/services/*"], message: "app/domain is pure" }],
          paths: ["node:fs", "node:net", "node:http", "fs", "pg", "kysely", "bull"],
        },
      ],
    },
  },
);
