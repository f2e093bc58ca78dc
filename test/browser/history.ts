import { beforeAll } from "vitest";
import { seedHistory } from "../../src/cli/history.js";
import type { TestServer } from "../helpers/server.js";

/** The fixture communes the KPI browser tests seed: Hải Vân and a neighbour (province 48), one of Hà Nội. */
export const HISTORY_COMMUNES = [
  { code: "20194", provinceCode: "48" },
  { code: "20197", provinceCode: "48" },
  { code: "00004", provinceCode: "01" },
] as const;

/**
 * Before a browser test file's tests: three months of generated history (`seedHistory`) to the
 * server's clock (or `now`), `perCommuneMonth` dossiers a commune and month, in `communes` (the
 * three fixture communes by default). The last weeks' dossiers stay open (the queue, the forecast).
 */
export function withHistory(
  env: { s: TestServer },
  opts: {
    seed: number;
    perCommuneMonth: number;
    communes?: ReadonlyArray<{ code: string; provinceCode: string }>;
    now?: Date;
  },
): void {
  beforeAll(async () => {
    await seedHistory(env.s.db, {
      seed: opts.seed,
      now: opts.now ?? env.s.now(),
      months: 3,
      perCommuneMonth: opts.perCommuneMonth,
      communes: [...(opts.communes ?? HISTORY_COMMUNES)],
    });
  }, 120_000);
}
