import type { TestProject } from "vitest/node";
import { ensureWebBuilt } from "../../src/server/web.js";
import { buildTemplates } from "./templates.js";

type Shared = { users: number; built: ReturnType<typeof buildTemplates> };
const KEY = Symbol.for("mot-lan.test-templates");

/**
 * Once per run, before any test file: the web app is built if missing (browser tests), and the
 * template databases are built (templates.ts) and handed to the test files (`inject("templates")`).
 * Every project of vitest.config.ts runs this setup; they share one set of templates, removed
 * when the last project tears down.
 */
export default async function setup(project: TestProject) {
  await ensureWebBuilt((line) => console.log(line));
  const g = globalThis as { [KEY]?: Shared };
  if (!g[KEY]) {
    const started = performance.now();
    const built = buildTemplates(process.env.TEST_DATABASE_URL);
    void built.then(() =>
      console.log(`Template databases ready in ${((performance.now() - started) / 1000).toFixed(1)} s`),
    );
    g[KEY] = { users: 0, built };
  }
  const shared = g[KEY];
  shared.users += 1;
  project.provide("templates", (await shared.built).templates);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete g[KEY];
    await (await shared.built).dispose();
  };
}
