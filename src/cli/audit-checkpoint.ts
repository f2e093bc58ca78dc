import { ConfigError, loadConfig } from "../config.js";
import { openDb } from "../db/client.js";
import { readKeyFile, signingKeyOf } from "../lib/secrets.js";
import { checkpointChains } from "../modules/ledger/index.js";

/**
 * `npm run audit:checkpoint`: signs a checkpoint of every hash chain that grew since its last one
 * (the server does this every LEDGER_CHECKPOINT_SECONDS; this is for cron or before a backup).
 */
try {
  const config = loadConfig();
  const pem = config.keys.ledgerSigning ?? readKeyFile(config.keyFile).ledgerSigning;
  if (!pem)
    throw new ConfigError(
      `Thiếu khóa sổ cái (LEDGER_SIGNING_KEY / "ledgerSigning" trong ${config.keyFile}).`,
      `The ledger key is missing (LEDGER_SIGNING_KEY / "ledgerSigning" in ${config.keyFile}).`,
    );
  const key = await signingKeyOf(pem, 'LEDGER_SIGNING_KEY / "ledgerSigning"');
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    console.log(`Checkpoints written: ${await checkpointChains(db, key)}`);
  } finally {
    await db.close();
  }
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
}
