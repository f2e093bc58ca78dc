import cliProgress from "cli-progress";
import { ConfigError, loadConfig } from "../config.js";
import { openDb } from "../db/client.js";
import { DataDirLockedError } from "../db/lock.js";
import { readKeyFile, signingKeyOf } from "../lib/secrets.js";
import { type ChainProblem, verifyChains } from "../modules/ledger/index.js";

/**
 * `npm run audit:verify`: walks the hash chains of the audit log and the message log (per
 * province), checks every row's hash and link and every checkpoint's signature (with the ledger
 * key from LEDGER_SIGNING_KEY or the key file), and names the first altered or deleted row of
 * each broken chain (table, province, id); compares the database's checkpoints with those anchored
 * outside it (LEDGER_ANCHOR_FILE) and names one missing or altered, either way (a checkpoint of the
 * database that the file lacks: the file deleted, emptied or truncated). Exit status 0 when everything
 * verifies, 1 otherwise.
 * Read-only: it neither migrates nor writes.
 */
function describe(p: ChainProblem): string {
  const what =
    p.kind === "deleted"
      ? "deleted / đã bị xóa"
      : p.kind === "altered"
        ? "altered / đã bị sửa"
        : "checkpoint / điểm kiểm tra";
  const row = p.id === null ? "id unknown" : `id ${p.id}`;
  return `${p.table}, province ${p.province}, ${row} (chain_seq ${p.seq ?? "?"}): ${what}: ${p.detail}`;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const pem = config.keys.ledgerSigning ?? readKeyFile(config.keyFile).ledgerSigning;
  const key = pem ? await signingKeyOf(pem, 'LEDGER_SIGNING_KEY / "ledgerSigning"') : undefined;
  let db: Awaited<ReturnType<typeof openDb>>;
  try {
    db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const bar = new cliProgress.SingleBar(
    { format: "Chuỗi băm / Hash chains |{bar}| {percentage}% | {value}/{total} rows", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  try {
    const { rows } = await db.query<{ t: string | null }>("select to_regclass('ledger_heads')::text as t");
    if (!rows[0]?.t) {
      console.error(
        "Cơ sở dữ liệu chưa có chuỗi băm (chạy npm run migrate). / The database has no hash chains yet (run npm run migrate).",
      );
      return 1;
    }
    let started = false;
    const report = await verifyChains(db, {
      publicKey: key?.publicKey,
      anchor: config.ledgerAnchorFile,
      onProgress: (done, total) => {
        if (!started) bar.start(total, done);
        else bar.update(done);
        started = true;
      },
    });
    bar.stop();
    const rowsChecked = report.chains.reduce((n, c) => n + c.rows, 0);
    const checkpoints = report.chains.reduce((n, c) => n + c.checkpoints, 0);
    console.log(
      `${report.chains.length} chains, ${rowsChecked} rows, ${checkpoints} checkpoints` +
        (report.unchained.audit_log > 0
          ? `; ${report.unchained.audit_log} audit rows from before the chains (migration 120) are not covered`
          : ""),
    );
    const file = config.ledgerAnchorFile;
    if (report.anchored) console.log(`${report.anchored} anchored checkpoints compared (${file})`);
    else if (report.checkpointsInDb === 0)
      console.log(`Chưa có điểm kiểm tra nào (cài đặt mới) / No checkpoints yet (a new install) (${file})`);
    else {
      const [vi, en] =
        report.anchorState === "missing"
          ? ["không tồn tại", "does not exist"]
          : ["không có điểm kiểm tra nào", "holds no checkpoint"];
      console.error(
        `FAIL Tệp neo ${file} ${vi}, nhưng CSDL có ${report.checkpointsInDb} điểm kiểm tra đã ký. / ` +
          `The anchor file ${file} ${en}, but the database holds ${report.checkpointsInDb} signed checkpoints (each chain's first missing one below).`,
      );
    }
    if (!key)
      console.warn(
        "Không có khóa sổ cái: chữ ký điểm kiểm tra không được kiểm tra. / No ledger key: checkpoint signatures were not checked.",
      );
    if (report.problems.length === 0) {
      console.log("Toàn vẹn: mọi chuỗi đều khớp. / Intact: every chain verifies.");
      return 0;
    }
    for (const p of report.problems) console.error(`FAIL ${describe(p)}`);
    return 1;
  } finally {
    bar.stop();
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
}
