import { ConfigError, loadConfig } from "../config.js";
import {
  addToKeyFile,
  agencyKeysToAdd,
  generateKey,
  type KeyFile,
  neededKeys,
  readKeyFile,
} from "../lib/secrets.js";

/**
 * `npm run keys`: writes the keys a server needs with DEMO off (session, one-time codes, result
 * signing, ledger checkpoints, and a signing key for each agency hosted here, i.e. every agency
 * AGENCY_ENDPOINTS does not name) into the key file (KEY_FILE, default `<DATA_DIR>/keys.json`, mode 0600). Existing keys
 * are kept. Copy the file to every server process, or give the keys as environment variables.
 */
try {
  const config = loadConfig({ ...process.env, DEMO: "off" });
  const before = readKeyFile(config.keyFile);
  const after = await addToKeyFile(config.keyFile, async () => {
    const out: KeyFile = {};
    for (const k of neededKeys(config))
      if (before[k] === undefined) Object.assign(out, { [k]: await generateKey(k) });
    return { ...out, ...agencyKeysToAdd(config, before) };
  });
  const added = [
    ...Object.keys(after).filter((k) => k !== "agencies" && !(k in before)),
    ...Object.keys(after.agencies ?? {})
      .filter((id) => !(id in (before.agencies ?? {})))
      .map((id) => `agencies.${id}`),
  ];
  console.log(
    added.length > 0
      ? `Wrote ${added.join(", ")} to ${config.keyFile} (mode 0600).`
      : `${config.keyFile} already has every key.`,
  );
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
