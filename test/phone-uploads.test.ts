import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsBlobStore } from "../src/lib/blob-store.js";
import { temporaryResidence } from "../src/modules/catalog/index.js";
import { engine } from "./helpers/db.js";
import { HEIC, PDF, PNG } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 9.11, phone uploads: an iPhone's HEIC photo is stored as a JPEG of the same size, a file
 * whose type the browser does not know is judged by its content, a declared type the content
 * contradicts is refused, and file names are shown and served harmless.
 */

type Detail = { field: string; messageVi: string; messageEn: string };
type Reply = {
  sha256: string;
  mime: string;
  sizeBytes: number;
  originalMime: string;
  filename: string;
  error: { code: string; status: number; details?: Detail[] };
};
type ViewFile = { sha256: string; filename: string; mime: string; originalMime: string; sizeBytes: number };
type View = { id: string; components: Array<{ key: string; state: string; files: ViewFile[] }> };

const COMPONENT = "lawfulResidenceProof";
const sha256 = (b: Buffer | Uint8Array) => createHash("sha256").update(b).digest("hex");
/** Another real PDF: bytes after %%EOF are allowed, and make other content. */
const pdfVariant = (n: number) => Buffer.concat([PDF, Buffer.from(`% variant ${n}\n`)]);
/** Another real PNG: a trailing byte after IEND makes other content and is ignored by readers. */
const pngVariant = (n: number) => Buffer.concat([PNG, Buffer.from([n])]);

let s: TestServer;
let worker: Browser;
let receiver: Browser;
let id = "";

beforeAll(async () => {
  s = await startTestServer();
  worker = new Browser(s.baseUrl);
  await worker.signIn(people.worker.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  const r = await worker.send<View>("POST", "/api/dossiers", {
    procedureCode: temporaryResidence.code,
    communeCode: "20194",
  });
  expect(r.status).toBe(201);
  id = r.body.id;
}, 60_000);
afterAll(async () => s?.close());

/** PUT a raw body; `contentType` undefined sends no Content-Type header at all. */
async function upload(bytes: Buffer, contentType: string | undefined, filename?: string) {
  const headers: Record<string, string> = { "x-csrf-token": await worker.csrf() };
  if (contentType !== undefined) headers["content-type"] = contentType;
  if (filename !== undefined) headers["x-filename"] = encodeURIComponent(filename);
  const res = await worker.fetch(`/api/dossiers/${id}/components/${COMPONENT}`, {
    method: "PUT",
    headers,
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as Reply };
}

async function download(b: Browser, hash: string) {
  const res = await b.fetch(`/api/dossiers/${id}/files/${hash}`);
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    disposition: res.headers.get("content-disposition"),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

async function viewFiles(): Promise<ViewFile[]> {
  const v = await worker.send<View>("GET", `/api/dossiers/${id}`);
  return v.body.components.find((c) => c.key === COMPONENT)?.files ?? [];
}

async function rows() {
  const { rows } = await s.db.query<{
    sha256: string;
    filename: string;
    mime: string;
    original_mime: string;
  }>(
    "select sha256, filename, mime, original_mime from dossier_files where dossier_id = $1 order by uploaded_at, sha256",
    [id],
  );
  return rows;
}

describe(`phone uploads (${engine})`, () => {
  let heicJpeg = "";

  it("an iPhone photo (HEIC) is stored as a JPEG of the same width and height, its original type recorded", async () => {
    const r = await upload(HEIC, "image/heic", "IMG_0412.HEIC");
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      mime: "image/jpeg",
      originalMime: "image/heic",
      filename: "IMG_0412.jpg",
    });
    heicJpeg = r.body.sha256;
    expect(heicJpeg).not.toBe(sha256(HEIC));

    const file = await download(receiver, heicJpeg);
    expect(file.status).toBe(200);
    expect(file.type).toBe("image/jpeg");
    expect(file.disposition).toBe(`inline; filename="IMG_0412.jpg"; filename*=UTF-8''IMG_0412.jpg`);
    expect(sha256(file.bytes)).toBe(heicJpeg);
    expect(file.bytes.length).toBe(r.body.sizeBytes);
    const img = jpeg.decode(file.bytes, { useTArray: true });
    expect([img.width, img.height]).toEqual([1000, 750]);
    // The red header band of the photographed contract is still red.
    const at = (20 * 1000 + 20) * 4;
    const red = [0xb0, 0x20, 0x2a];
    expect([...img.data.subarray(at, at + 3)].map((v, k) => Math.abs(v - (red[k] ?? 0)) <= 12)).toEqual([
      true,
      true,
      true,
    ]);

    expect(await rows()).toEqual([
      { sha256: heicJpeg, filename: "IMG_0412.jpg", mime: "image/jpeg", original_mime: "image/heic" },
    ]);
    expect(await viewFiles()).toMatchObject([
      { sha256: heicJpeg, filename: "IMG_0412.jpg", mime: "image/jpeg", originalMime: "image/heic" },
    ]);
    const { rows: messages } = await s.db.query<{ payload: { mime: string; originalMime: string } }>(
      "select payload from outbox where topic = 'dossier.upload' and key = $1",
      [id],
    );
    expect(messages.map((m) => [m.payload.mime, m.payload.originalMime])).toEqual([
      ["image/jpeg", "image/heic"],
    ]);
  });

  it("the same photo sent as image/heif, without a type, or as octet-stream is the same file (one row)", async () => {
    for (const type of ["image/heif", undefined, "application/octet-stream"]) {
      const r = await upload(HEIC, type, "photo.heic");
      expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.sha256).toBe(heicJpeg);
    }
    expect(await rows()).toHaveLength(1);
  });

  it("judges by content a file whose type the browser does not know: a PDF as octet-stream is a PDF", async () => {
    const pdf = pdfVariant(1);
    const octet = await upload(pdf, "application/octet-stream", "Hợp đồng thuê nhà");
    expect(octet.status, JSON.stringify(octet.body)).toBe(201);
    expect(octet.body).toEqual({
      sha256: sha256(pdf),
      mime: "application/pdf",
      sizeBytes: pdf.length,
      originalMime: "application/pdf",
      filename: "Hợp đồng thuê nhà.pdf",
    });
    const png = pngVariant(1);
    const none = await upload(png, undefined, "ảnh chụp.png");
    expect(none.status, JSON.stringify(none.body)).toBe(201);
    expect(none.body).toMatchObject({
      mime: "image/png",
      originalMime: "image/png",
      filename: "ảnh chụp.png",
    });
    const file = await download(worker, sha256(pdf));
    expect(file.type).toBe("application/pdf");
    expect(file.bytes.equals(pdf)).toBe(true);
  });

  it("refuses a declared type the content contradicts, with the bilingual message, and writes nothing", async () => {
    const before = await rows();
    const pngAsPdf = await upload(pngVariant(2), "application/pdf", "contract.pdf");
    expect(pngAsPdf.status).toBe(415);
    expect(pngAsPdf.body.error.code).toBe("UPLOAD_TYPE_MISMATCH");
    expect(pngAsPdf.body.error.details).toEqual([
      {
        field: "body",
        // In words, never MIME types.
        messageVi: "Tệp này là ảnh PNG nhưng được gửi như PDF; hãy chọn lại tệp.",
        messageEn: "This file is a PNG picture but was sent as a PDF; please choose the file again.",
      },
    ]);
    const heicAsJpeg = await upload(HEIC, "image/jpeg", "IMG_0413.JPG");
    expect([heicAsJpeg.status, heicAsJpeg.body.error.code]).toEqual([415, "UPLOAD_TYPE_MISMATCH"]);
    const pdfAsHeic = await upload(pdfVariant(2), "image/heic", "scan.heic");
    expect([pdfAsHeic.status, pdfAsHeic.body.error.code]).toEqual([415, "UPLOAD_TYPE_MISMATCH"]);
    const unknownAsOctet = await upload(Buffer.from("just text\n"), "application/octet-stream", "a.pdf");
    expect([unknownAsOctet.status, unknownAsOctet.body.error.code]).toEqual([415, "UPLOAD_TYPE_MISMATCH"]);
    expect(await rows()).toEqual(before);
  });

  it("refuses a HEIC photo it cannot read (422) and writes nothing", async () => {
    const before = await rows();
    const cut = await upload(HEIC.subarray(0, 3000), "image/heic", "IMG_0414.HEIC");
    expect(cut.status).toBe(422);
    expect(cut.body.error.code).toBe("UPLOAD_UNREADABLE");
    expect(await rows()).toEqual(before);
    const { rows: audited } = await s.db.query<{ code: string }>(
      "select detail->>'code' as code from audit_log where action = 'dossier.upload' and outcome = 'denied' and resource = $1 order by id",
      [`dossier:${id}/${COMPONENT}`],
    );
    expect(audited.map((a) => a.code)).toEqual([
      "UPLOAD_TYPE_MISMATCH",
      "UPLOAD_TYPE_MISMATCH",
      "UPLOAD_TYPE_MISMATCH",
      "UPLOAD_TYPE_MISMATCH",
      "UPLOAD_UNREADABLE",
    ]);
  });

  it.each([
    // name sent, shown and served as, Content-Disposition
    [
      "invoice\u202Egpj.exe",
      "invoicegpj.exe.pdf",
      `inline; filename="invoicegpj.exe.pdf"; filename*=UTF-8''invoicegpj.exe.pdf`,
    ],
    [
      "C:\\fakepath\\Ho\u0302\u0300 so\u031B\u200B.pdf",
      "C:_fakepath_Hồ sơ.pdf",
      `inline; filename="C:_fakepath_Ho so.pdf"; filename*=UTF-8''C%3A_fakepath_H%E1%BB%93%20s%C6%A1.pdf`,
    ],
    [
      "../../100% \u2066đúng\u2069\n.pdf",
      "_.._100% đúng.pdf",
      `inline; filename="_.._100_ dung.pdf"; filename*=UTF-8''_.._100%25%20%C4%91%C3%BAng.pdf`,
    ],
  ])(
    "a file named %j is shown as %j in the dossier and served under it",
    async (sent, shown, disposition) => {
      const pdf = pdfVariant(10 + sent.length);
      const r = await upload(pdf, "application/pdf", sent);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.filename).toBe(shown);
      expect((await viewFiles()).find((f) => f.sha256 === sha256(pdf))?.filename).toBe(shown);
      expect((await download(receiver, sha256(pdf))).disposition).toBe(disposition);
    },
  );

  it("a name stored before names were made safe is shown and served safe", async () => {
    const png = pngVariant(3);
    const hash = await new FsBlobStore(path.join(s.tdb.dataDir, "files")).put(png);
    expect(fs.existsSync(path.join(s.tdb.dataDir, "files", hash.slice(0, 2), hash.slice(2, 4), hash))).toBe(
      true,
    );
    await s.db.query(
      `insert into dossier_files (dossier_id, component_key, sha256, filename, mime, original_mime, size_bytes, uploaded_by, province_code)
       values ($1, $2, $3, $4, 'image/png', 'image/png', $5, $6, '48')`,
      [id, COMPONENT, hash, "photo\u202Egnp.exe", png.length, people.worker.pn],
    );
    expect((await viewFiles()).find((f) => f.sha256 === hash)?.filename).toBe("photognp.exe.png");
    expect((await download(worker, hash)).disposition).toBe(
      `inline; filename="photognp.exe.png"; filename*=UTF-8''photognp.exe.png`,
    );
  });
});
