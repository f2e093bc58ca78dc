import { ConfigError, loadConfig } from "../config.js";
import { openDb } from "../db/client.js";
import { readKeyFile, signingKeyOf } from "../lib/secrets.js";
import { checkpointChains } from "../modules/ledger/index.js";

/**
 * `npm run audit:checkpoint`: signs a checkpoint of every hash chain that grew since its last one
 * (the server does this every LEDGER_CHECKPOINT_SECONDS; this is for cron or before a backup),
 * appends each to the anchor file (LEDGER_ANCHOR_FILE) and prints it (`CHECKPOINT <chain>
 * <province> <chain_seq> <JWS>`) for an external witness.
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
    // Each signed checkpoint on a line of its own, for an external witness to keep.
    const written = await checkpointChains(db, key, {
      anchor: config.ledgerAnchorFile,
      onSigned: (c) => console.log(`CHECKPOINT ${c.chain} ${c.province} ${c.seq} ${c.jws}`),
    });
    console.log(`Checkpoints written: ${written} (anchored in ${config.ledgerAnchorFile})`);
  } finally {
    await db.close();
  }
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
}
