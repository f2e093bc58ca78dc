import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Where uploaded files live, addressed by the SHA-256 of their content: the same bytes are stored
 * once, and a name can never point at other content. The file system today, an object store later.
 */
export interface BlobStore {
  /** Stores the bytes durably and returns their SHA-256 (lowercase hex). */
  put(bytes: Buffer): Promise<string>;
  /** The bytes stored under this SHA-256, or undefined if there are none. */
  get(sha256: string): Promise<Buffer | undefined>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Files under `<rootDir>/<aa>/<bb>/<sha256>` (two levels of fan-out keep directories small).
 * A write goes to a temporary file in the same directory, is fsynced, then renamed into place and
 * the directory fsynced: a reader never sees a partial file, and an acknowledged upload survives a
 * crash. Orphans (content stored but never referenced) are harmless and can be swept later.
 */
export class FsBlobStore implements BlobStore {
  constructor(private readonly rootDir: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.rootDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    // Renames are atomic, so a file under its final name is complete; same size is enough.
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === bytes.length) return sha256;
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.${sha256}.${randomUUID()}.tmp`);
    try {
      const fh = await open(tmp, "wx", 0o640);
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await syncDir(dir);
    return sha256;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    // Content addressing lets every read check itself: never serve silently corrupted bytes.
    if (sha256Hex(bytes) !== sha256) throw new Error(`blob ${sha256} is corrupt`);
    return bytes;
  }
}

/** Makes a rename durable. Some platforms (Windows) cannot open a directory; they journal it anyway. */
async function syncDir(dir: string): Promise<void> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw err;
  } finally {
    await fh?.close();
  }
}
