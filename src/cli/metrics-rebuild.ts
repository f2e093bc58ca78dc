/**
 * Recomputes the KPI rollups from the dossiers' logs (src/modules/metrics, shared/KPIS.md):
 *   npm run metrics:rebuild
 * One transaction per province: readers see the old figures or the new ones, never a mix.
 */
import cliProgress from "cli-progress";
import { rebuildKpis } from "../modules/metrics/index.js";
import { openReadyDb } from "./open.js";

const { db } = await openReadyDb();
const bar = new cliProgress.SingleBar(
  { format: "rebuild |{bar}| {value}/{total} dossiers · province {province}", hideCursor: true },
  cliProgress.Presets.shades_classic,
);
const started = Date.now();
let current = "";
try {
  const n = await rebuildKpis(db, {
    onProgress: (p) => {
      if (p.province !== current) {
        if (current !== "") bar.stop();
        bar.start(p.total, 0, { province: p.province });
        current = p.province;
      }
      bar.update(p.done, { province: p.province });
    },
  });
  if (current !== "") bar.stop();
  const s = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Đã tính lại chỉ số từ ${n} hồ sơ (${s} s).\nRebuilt the KPIs from ${n} dossiers (${s} s).`);
} finally {
  await db.close();
}
