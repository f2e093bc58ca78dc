import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsBlobStore } from "../src/lib/blob-store.js";
import { temporaryResidence } from "../src/modules/catalog/index.js";
import { engine } from "./helpers/db.js";
import { PDF, PNG } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

type ErrorBody = { error: { code: string; status: number } };
type Stored = { sha256: string; mime: string; sizeBytes: number; originalMime: string; filename: string };
type View = {
  id: string;
  status: string;
  components: Array<{
    key: string;
    state: string;
    files: Array<{ sha256: string; filename: string; mime: string; sizeBytes: number }>;
  }>;
};

const sha256 = (b: Buffer | Uint8Array) => createHash("sha256").update(b).digest("hex");
const COMPONENT = "lawfulResidenceProof";
const LIMIT = 5 * 1024 * 1024;

let s: TestServer;
let worker: Browser;
let neighbour: Browser;
let receiverA: Browser;
let receiverB: Browser;
let specialistA: Browser;

async function signedIn(login: string): Promise<Browser> {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
}

beforeAll(async () => {
  s = await startTestServer();
  worker = await signedIn(people.worker.pn);
  neighbour = await signedIn(people.neighbour.pn);
  receiverA = await signedIn("motcua.20194");
  receiverB = await signedIn("motcua.20197");
  specialistA = await signedIn("chuyenvien.20194");
}, 60_000);
afterAll(async () => s?.close());

async function json<T>(
  b: Browser,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await b.fetch(url, {
    method,
    headers: { "content-type": "application/json", "x-csrf-token": await b.csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function upload(
  b: Browser,
  id: string,
  bytes: Buffer,
  contentType: string,
  filename?: string,
  key = COMPONENT,
): Promise<{ status: number; body: Stored & ErrorBody }> {
  const headers: Record<string, string> = { "content-type": contentType, "x-csrf-token": await b.csrf() };
  if (filename !== undefined) headers["x-filename"] = encodeURIComponent(filename);
  const res = await b.fetch(`/api/dossiers/${id}/components/${key}`, {
    method: "PUT",
    headers,
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as Stored & ErrorBody };
}

async function fileRows(id: string) {
  const { rows } = await s.db.query<{
    component_key: string;
    sha256: string;
    mime: string;
    size_bytes: number;
    filename: string;
  }>("select component_key, sha256, mime, size_bytes, filename from dossier_files where dossier_id = $1", [
    id,
  ]);
  return rows;
}

const blobPath = (hash: string) =>
  path.join(s.tdb.dataDir, "files", hash.slice(0, 2), hash.slice(2, 4), hash);
const storedBlobs = (): string[] => {
  const root = path.join(s.tdb.dataDir, "files");
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
};

describe(`dossier uploads (${engine})`, () => {
  let id = "";

  it("a citizen starts a temporary-residence dossier in the commune where they stay", async () => {
    const r = await json<View>(worker, "POST", "/api/dossiers", {
      procedureCode: temporaryResidence.code,
      communeCode: "20194",
    });
    expect(r.status).toBe(201);
    id = r.body.id;
    expect(r.body.components.find((c) => c.key === COMPONENT)?.state).toBe("missing");
  });

  it("refuses content that is not what it claims: sniffed type must be accepted and agree with the declared one", async () => {
    const pdfAsPng = await upload(worker, id, PDF, "image/png", "contract.png");
    expect(pdfAsPng.status).toBe(415);
    expect(pdfAsPng.body.error.code).toBe("UPLOAD_TYPE_MISMATCH");

    const pngNamedPdf = await upload(worker, id, PNG, "application/pdf", "contract.pdf");
    expect(pngNamedPdf.status).toBe(415);
    expect(pngNamedPdf.body.error.code).toBe("UPLOAD_TYPE_MISMATCH");

    const text = Buffer.from("Hợp đồng thuê nhà, bản đánh máy.\n", "utf8");
    const textAsPdf = await upload(worker, id, text, "application/pdf", "contract.pdf");
    expect(textAsPdf.status).toBe(415);
    expect(textAsPdf.body.error.code).toBe("UPLOAD_TYPE_MISMATCH");

    // Not a file type at all: refused before the body is read.
    const plain = await upload(worker, id, text, "text/plain", "contract.txt");
    expect(plain.status).toBe(415);
    expect(plain.body.error.code).toBe("UPLOAD_TYPE_MISMATCH");
  });

  it("refuses a file over the component's limit (413), writes nothing and audits the attempt", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT + 1 - PDF.length, 0x20)]);
    const r = await upload(worker, id, big, "application/pdf", "big.pdf");
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("UPLOAD_TOO_LARGE");
    expect(await fileRows(id)).toEqual([]);
    expect(storedBlobs()).toEqual([]);
    const { rows } = await s.db.query<{ outcome: string; detail: { code: string } }>(
      "select outcome, detail from audit_log where action = 'dossier.upload' and resource = $1 order by id",
      [`dossier:${id}/${COMPONENT}`],
    );
    expect(rows.map((r) => [r.outcome, r.detail.code])).toEqual([
      ["denied", "UPLOAD_TYPE_MISMATCH"],
      ["denied", "UPLOAD_TYPE_MISMATCH"],
      ["denied", "UPLOAD_TYPE_MISMATCH"],
      ["denied", "UPLOAD_TOO_LARGE"],
    ]);
  });

  it("refuses unknown and data components, processing officers, and receivers on an online dossier", async () => {
    expect((await upload(worker, id, PDF, "application/pdf", "x.pdf", "noSuchThing")).status).toBe(404);
    const data = await upload(worker, id, PDF, "application/pdf", "x.pdf", "requesterIdentity");
    expect(data.status).toBe(400);
    expect((await upload(specialistA, id, PDF, "application/pdf")).body.error.code).toBe("FORBIDDEN");
    expect((await upload(receiverA, id, PDF, "application/pdf")).body.error.code).toBe("FORBIDDEN");
    expect((await upload(receiverB, id, PDF, "application/pdf")).status).toBe(404);
    expect((await upload(neighbour, id, PDF, "application/pdf")).status).toBe(404);
    expect(await fileRows(id)).toEqual([]);
  });

  it("accepts a real PDF: stored by content, listed on the component as uploaded, announced in the outbox", async () => {
    const r = await upload(worker, id, PDF, "application/pdf", "Hợp đồng thuê nhà.pdf");
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      sha256: sha256(PDF),
      mime: "application/pdf",
      sizeBytes: PDF.length,
      originalMime: "application/pdf",
      filename: "Hợp đồng thuê nhà.pdf",
    });
    expect(fs.readFileSync(blobPath(sha256(PDF))).equals(PDF)).toBe(true);

    const view = await json<View>(worker, "GET", `/api/dossiers/${id}`);
    const c = view.body.components.find((x) => x.key === COMPONENT);
    expect(c?.state).toBe("uploaded");
    expect(c?.files).toMatchObject([
      {
        sha256: sha256(PDF),
        filename: "Hợp đồng thuê nhà.pdf",
        mime: "application/pdf",
        sizeBytes: PDF.length,
      },
    ]);

    // The same content again is the same file: one row, one blob, one message.
    const again = await upload(worker, id, PDF, "application/pdf; charset=binary", "copy.pdf");
    expect(again.status).toBe(201);
    expect(again.body.sha256).toBe(sha256(PDF));
    expect(await fileRows(id)).toHaveLength(1);
    expect(storedBlobs()).toEqual([sha256(PDF)]);
    const { rows } = await s.db.query<{ n: number }>(
      "select count(*)::int as n from outbox where topic = 'dossier.upload' and key = $1",
      [id],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("hides the file from another citizen and from officers of another commune", async () => {
    for (const b of [neighbour, receiverB]) {
      const res = await b.fetch(`/api/dossiers/${id}/files/${sha256(PDF)}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
    }
    const unknown = await worker.fetch(`/api/dossiers/${id}/files/${sha256(PNG)}`);
    expect(unknown.status).toBe(404);
    const { rows } = await s.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'dossier.file.read' and outcome = 'denied'",
    );
    expect(rows[0]?.n).toBe(3);
  });

  it("the officer of the competent commune downloads the exact bytes, served inline and never sniffed", async () => {
    const res = await receiverA.fetch(`/api/dossiers/${id}/files/${sha256(PDF)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe(
      `inline; filename="Hop dong thue nha.pdf"; filename*=UTF-8''${encodeURIComponent("Hợp đồng thuê nhà.pdf")}`,
    );
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(PDF));
    const own = await worker.fetch(`/api/dossiers/${id}/files/${sha256(PDF)}`);
    expect(own.status).toBe(200);
  });

  it("refuses uploads once submitted (409), and accepts them again when a supplement is requested", async () => {
    const submitted = await json<View>(worker, "POST", `/api/dossiers/${id}/submit`, {
      values: {
        "stay.commune": "20194",
        "stay.address": "Phòng 3, nhà trọ Hoà Khánh",
        "stay.until": "2027-06-30",
        "host.consent": true,
      },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe("submitted");

    const late = await upload(worker, id, PNG, "image/png", "photo.png");
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("ILLEGAL_TRANSITION");
    expect(await fileRows(id)).toHaveLength(1);

    // The fee is paid through the demo bank before the commune can take the dossier in.
    const { rows: pay } = await s.db.query<{ id: string }>("select id from payments where dossier_id = $1", [
      id,
    ]);
    expect((await worker.fetch(`/demo-bank/pay/${pay[0]?.id}`, { method: "POST" })).status).toBe(303);
    expect((await json(receiverA, "POST", `/api/dossiers/${id}/actions`, { action: "receive" })).status).toBe(
      200,
    );
    const asked = await json<View>(receiverA, "POST", `/api/dossiers/${id}/actions`, {
      action: "request_supplement",
      reason: "Hợp đồng thiếu chữ ký của chủ nhà.",
    });
    expect(asked.body.status).toBe("supplement_requested");
    const supplement = await upload(worker, id, PNG, "image/png", "signed-page.png");
    expect(supplement.status).toBe(201);
    expect(supplement.body.mime).toBe("image/png");
    expect(await fileRows(id)).toHaveLength(2);
  });
});

describe("FsBlobStore", () => {
  it("stores content once under <root>/<aa>/<bb>/<sha256>, atomically, and reads it back verified", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-blobs-"));
    try {
      const store = new FsBlobStore(root);
      const hash = await store.put(PDF);
      expect(hash).toBe(sha256(PDF));
      const file = path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
      expect(fs.readFileSync(file).equals(PDF)).toBe(true);
      const [a, b] = await Promise.all([store.put(PNG), store.put(PNG)]);
      expect(a).toBe(sha256(PNG));
      expect(b).toBe(a);
      expect(await store.put(PDF)).toBe(hash);
      const all = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      expect(all.map((e) => e.name).sort()).toEqual([sha256(PDF), sha256(PNG)].sort());
      expect((await store.get(hash))?.equals(PDF)).toBe(true);
      expect(await store.get(sha256(Buffer.from("never stored")))).toBeUndefined();
      expect(await store.get("../../etc/passwd")).toBeUndefined();
      fs.writeFileSync(file, Buffer.from("tampered"));
      await expect(store.get(hash)).rejects.toThrow(/corrupt/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
