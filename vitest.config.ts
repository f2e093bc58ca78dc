import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Server-backed test files share one PostgreSQL database: run files one at a time.
    fileParallelism: false,
    pool: "forks",
    // Browser tests need the built web app; build it once if it is missing.
    globalSetup: ["test/helpers/global-setup.ts"],
  },
});
