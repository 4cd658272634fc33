// Compiles server.ts (and the app code it reaches) to build/server.js, so `npm start` runs plain
// Node: no TypeScript loader in the web process (~35 MB less resident memory).
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
