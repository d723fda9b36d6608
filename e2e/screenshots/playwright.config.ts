import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

// `npm run screenshots`: the page tour against a fresh embedded database.
const port = Number(process.env.E2E_PORT ?? 3212);
export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: /.*\.shot\.ts/,
  outputDir: "../../test-results/screenshots",
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: { ...base.webServer!, cwd: path.resolve(__dirname, "../.."), command: `bash scripts/e2e-server.sh ${port}`, url: `http://127.0.0.1:${port}/signin` },
});
