import { configDefaults, defineConfig } from "vitest/config";

/**
 * Test files that must have the machine to themselves: real browsers (Chromium on two cores),
 * processes killed or racing for the embedded database's lock, the seed CLI killed mid-run.
 * They run one at a time after the rest.
 */
const ALONE = [
  "test/browser/**/*.test.ts",
  "test/embedded-lock.test.ts",
  "test/seed-crash.test.ts",
  "test/delivery-crash.test.ts",
  "test/submit-crash.test.ts",
  "src/db/lock.test.ts",
];
const INCLUDE = ["src/**/*.test.ts", "test/**/*.test.ts"];
/**
 * Test files at once in the first group. Each file has its own database (a copy of the run's
 * template, test/helpers/templates.ts), so files share no state. 2 was the fastest on the
 * 2-core CI machine (README, "Tests"); TEST_WORKERS overrides it.
 */
const WORKERS = Number(process.env.TEST_WORKERS ?? 2);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Builds the web app if missing (browser tests) and the template databases, once per run.
    globalSetup: ["test/helpers/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "parallel",
          include: INCLUDE,
          exclude: [...configDefaults.exclude, ...ALONE],
          maxWorkers: WORKERS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: "alone", include: ALONE, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
