import { fileTypeFromBuffer } from "file-type";
import type { Queryable } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import {
  HEIF_TYPES,
  judgeType,
  mediaType,
  safeFilename,
  typeNames,
  UNDECLARED_TYPES,
  uploadableTypes,
} from "../../domain/files.js";
import type { Status } from "../../domain/lifecycle.js";
import { actorOf, COUNTER_FILERS, ON_BEHALF_FILERS, type Principal } from "../../domain/principal.js";
import { type Component, MIME_TYPES } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import type { BlobStore } from "../../lib/blob-store.js";
import { HEIC_MAX_PIXELS, heicToJpeg } from "../../lib/heic.js";
import { audit } from "../audit/index.js";
import { getDefinition } from "../catalog/index.js";
import { audited, type Ctx, getVisibleDossier, getVisibleDossierPart, lifecycleRole } from "./access.js";
import { DossierErrors, illegalTransition } from "./errors.js";
import type { DossierRow } from "./repository-reads.js";
import { enqueue } from "./repository-writes.js";

/** A file as it arrives: the bytes, the Content-Type the client claims, and its name. */
export type IncomingFile = { bytes: Buffer; declaredType: string; filename: string };
/** A file as kept: its content's SHA-256, stored type and size (bytes), the type it arrived as, and its shown name. */
export type StoredFile = {
  sha256: string;
  mime: string;
  sizeBytes: number;
  originalMime: string;
  filename: string;
};

/** Files can be added while the applicant side holds the dossier: drafting, or answering a supplement request. */
const UPLOAD_STATUSES: ReadonlySet<Status> = new Set(["draft", "supplement_requested"]);

/**
 * Who may add files: the applicant, the agent who filed for them, or a one-stop receiver taking a
 * paper dossier at the counter. Processing officers read files; they do not add them.
 */
function mayUpload(p: Principal, d: DossierRow): boolean {
  const role = lifecycleRole(p);
  if (role === "citizen" || ON_BEHALF_FILERS.has(role)) return true;
  return COUNTER_FILERS.has(role) && d.channel === "counter";
}

const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);

function tooLarge(c: Component, size: number): AppError {
  const limit = c.maxBytes ?? 0;
  return new AppError(DossierErrors.UPLOAD_TOO_LARGE, [
    {
      field: "body",
      messageVi: `Tệp ${mb(size)} MB, tối đa ${mb(limit)} MB.`,
      messageEn: `The file is ${mb(size)} MB; the limit is ${mb(limit)} MB.`,
    },
  ]);
}

function typeMismatch(c: Component, sniffed: string | undefined, declared: string): AppError {
  // In words, never MIME types: what the file is, what it was sent as, what this document takes.
  const acceptable = uploadableTypes(c.accept ?? []);
  const accepted = typeNames(acceptable);
  const found = sniffed ? typeNames([sniffed]) : undefined;
  const sentAs = declared && declared !== "application/octet-stream" ? typeNames([declared]) : undefined;
  const [vi, en] =
    found && sentAs && sniffed && acceptable.includes(sniffed)
      ? [
          `Tệp này là ${found.vi} nhưng được gửi như ${sentAs.vi}; hãy chọn lại tệp.`,
          `This file is a ${found.en} but was sent as a ${sentAs.en}; please choose the file again.`,
        ]
      : found
        ? [
            `Tệp này là ${found.vi}; giấy tờ này chỉ nhận: ${accepted.vi}.`,
            `This file is a ${found.en}; this document takes only: ${accepted.en}.`,
          ]
        : [
            `Không nhận ra loại của tệp này; giấy tờ này chỉ nhận: ${accepted.vi}.`,
            `The kind of this file is not recognised; this document takes only: ${accepted.en}.`,
          ];
  return new AppError(DossierErrors.UPLOAD_TYPE_MISMATCH, [{ field: "body", messageVi: vi, messageEn: en }]);
}

/** Content-Types an upload may declare (none at all is taken too): what is stored, HEIF photos, or "unknown". */
export const DECLARABLE_TYPES: readonly string[] = [...MIME_TYPES, ...HEIF_TYPES, "application/octet-stream"];

/**
 * Before the body is read: a declared Content-Type that can name no file we take (text/plain,
 * application/json) is refused with 415 UPLOAD_TYPE_MISMATCH. A missing one is judged later, by
 * the content.
 */
export function checkDeclaredType(contentType: string | undefined): void {
  const declared = mediaType(contentType ?? "");
  if (DECLARABLE_TYPES.includes(declared) || (UNDECLARED_TYPES as readonly string[]).includes(declared))
    return;
  throw new AppError(DossierErrors.UPLOAD_TYPE_MISMATCH, [
    {
      field: "headers.content-type",
      messageVi: `Loại tệp khai báo ${declared} không được nhận; chấp nhận: ${DECLARABLE_TYPES.join(", ")}.`,
      messageEn: `The declared type ${declared} is not taken; accepted: ${DECLARABLE_TYPES.join(", ")}.`,
    },
  ]);
}

/**
 * Whether this principal may upload into this component of this dossier now: the dossier is
 * visible (else NOT_FOUND), the principal may add files (FORBIDDEN), the status allows it
 * (ILLEGAL_TRANSITION), the component exists and takes uploads. Needs no file: the upload route
 * runs it before reading the body, and again inside the upload's transaction (row locked).
 */
export async function uploadTarget(
  ctx: Ctx,
  q: Queryable,
  dossierId: string,
  componentKey: string,
  lock = false,
): Promise<{ d: DossierRow; component: Component }> {
  const d = await getVisibleDossier(ctx, dossierId, "write", { q, lock });
  if (!mayUpload(ctx.principal, d)) throw new AppError("FORBIDDEN");
  if (!UPLOAD_STATUSES.has(d.status)) {
    throw illegalTransition(d.status);
  }
  const def = await getDefinition(q, d.procedureCode, d.procedureVersion);
  const component = def.components.find((c) => c.key === componentKey);
  if (!component) throw new AppError("NOT_FOUND");
  if (component.kind !== "upload") {
    throw new AppError("VALIDATION_FAILED", [
      {
        field: "params.key",
        messageVi: "Thành phần này được lấy từ dữ liệu, không cần tải lên.",
        messageEn: "This component comes from data; there is nothing to upload.",
      },
    ]);
  }
  return { d, component };
}

/**
 * Before the body is read: may this upload start? As `uploadTarget`, plus a declared size
 * (Content-Length, bytes) above the component's limit is refused (UPLOAD_TOO_LARGE). Refusals are
 * audited like those of the upload itself.
 */
export async function checkUploadStart(
  ctx: Ctx,
  dossierId: string,
  componentKey: string,
  declaredBytes: number | undefined,
): Promise<void> {
  await audited(ctx, "dossier.upload", `dossier:${dossierId}/${componentKey}`, async () => {
    const { component } = await uploadTarget(ctx, ctx.db, dossierId, componentKey);
    if (declaredBytes !== undefined && component.maxBytes !== undefined && declaredBytes > component.maxBytes)
      throw tooLarge(component, declaredBytes);
  });
}

/** A HEIF photo that gave no JPEG, as the person can act on it. */
function notConverted(
  c: Component,
  r: Exclude<Awaited<ReturnType<typeof heicToJpeg>>, { ok: true }>,
): AppError {
  if (r.reason === "too-many-pixels") {
    const mp = (((r.width ?? 0) * (r.height ?? 0)) / 1e6).toFixed(1);
    const max = (HEIC_MAX_PIXELS / 1e6).toFixed(0);
    return new AppError(DossierErrors.UPLOAD_TOO_LARGE, [
      {
        field: "body",
        messageVi: `Ảnh ${r.width}×${r.height} điểm ảnh (${mp} MP), tối đa ${max} MP.`,
        messageEn: `The photo is ${r.width}×${r.height} pixels (${mp} MP); the limit is ${max} MP.`,
      },
    ]);
  }
  if (r.reason === "too-large") {
    return new AppError(DossierErrors.UPLOAD_TOO_LARGE, [
      {
        field: "body",
        messageVi: `Chuyển sang JPEG, ảnh vẫn nặng ${mb(r.bytes ?? 0)} MB, tối đa ${mb(c.maxBytes ?? 0)} MB. Hãy gửi ảnh nhỏ hơn.`,
        messageEn: `As a JPEG the photo is still ${mb(r.bytes ?? 0)} MB; the limit is ${mb(c.maxBytes ?? 0)} MB. Send a smaller photo.`,
      },
    ]);
  }
  return new AppError(DossierErrors.UPLOAD_UNREADABLE);
}

/**
 * The file as it will be kept: within the component's size limit (bytes, as sent), of a type the
 * component takes judged from the content (`judgeType`: a declared type the content contradicts
 * is refused, none or octet-stream is judged by the content), a HEIF photo converted to a JPEG of
 * the same dimensions (at most HEIC_MAX_PIXELS, and the JPEG within the size limit too), and its
 * name made safe for the stored type (`safeFilename`).
 */
async function prepareFile(component: Component, file: IncomingFile) {
  if (component.maxBytes !== undefined && file.bytes.length > component.maxBytes)
    throw tooLarge(component, file.bytes.length);
  const sniffed = (await fileTypeFromBuffer(file.bytes))?.mime;
  const verdict = judgeType(sniffed, file.declaredType, component.accept ?? []);
  if (!verdict.ok || !sniffed) throw typeMismatch(component, sniffed, mediaType(file.declaredType));
  let bytes = file.bytes;
  if (verdict.convert) {
    const r = await heicToJpeg(file.bytes, {
      maxPixels: HEIC_MAX_PIXELS,
      maxBytes: component.maxBytes ?? Number.POSITIVE_INFINITY,
    });
    if (!r.ok) throw notConverted(component, r);
    bytes = r.jpeg;
  }
  return {
    bytes,
    mime: verdict.store,
    originalMime: sniffed,
    filename: safeFilename(file.filename, verdict.store),
  };
}

/**
 * Adds a file to an upload component (see prepareFile for what is taken and how it is kept). The
 * file is checked and converted before the transaction (a conversion takes seconds), then the
 * dossier is checked again with its row locked. Every refusal is audited and writes nothing; the
 * same content twice is one file. HEIC photos: ISO/IEC 23008-12, the iPhone camera's format.
 */
export async function uploadComponent(
  ctx: Ctx,
  store: BlobStore,
  dossierId: string,
  componentKey: string,
  file: IncomingFile,
): Promise<StoredFile> {
  return audited(ctx, "dossier.upload", `dossier:${dossierId}/${componentKey}`, async () => {
    const { component } = await uploadTarget(ctx, ctx.db, dossierId, componentKey);
    const kept = await prepareFile(component, file);
    return ctx.db.tx(async (q) => {
      // The row lock orders this upload against a concurrent submit.
      const { d } = await uploadTarget(ctx, q, dossierId, componentKey, true);
      const sizeBytes = kept.bytes.length;
      const sha256 = await store.put(kept.bytes);
      const actor = actorOf(ctx.principal);
      const inserted = await run(
        q,
        qb
          .insertInto("dossier_files")
          .values({
            dossier_id: d.id,
            component_key: componentKey,
            sha256,
            filename: kept.filename,
            mime: kept.mime,
            original_mime: kept.originalMime,
            size_bytes: sizeBytes,
            uploaded_by: actor.id,
            province_code: d.provinceCode,
          })
          .onConflict((c) =>
            c.columns(["province_code", "dossier_id", "component_key", "sha256"]).doNothing(),
          ),
      );
      if (inserted.rowCount > 0) {
        await enqueue(
          q,
          "dossier.upload",
          d.id,
          { componentKey, sha256, mime: kept.mime, originalMime: kept.originalMime, sizeBytes, by: actor.id },
          d.provinceCode,
        );
      }
      return { sha256, mime: kept.mime, sizeBytes, originalMime: kept.originalMime, filename: kept.filename };
    });
  });
}

/**
 * A file of a dossier, for those who may see the dossier (the applicant, the filing agent, officers
 * of its jurisdiction); anyone else is told it does not exist. Every read is audited and, but the
 * applicant's own, in the applicant's access log.
 */
export async function readFile(
  ctx: Ctx,
  store: BlobStore,
  dossierId: string,
  sha256: string,
): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  const resource = `dossier:${dossierId}/file:${sha256}`;
  return audited(ctx, "dossier.file.read", resource, async () => {
    const { dossier: d, part: row } = await getVisibleDossierPart(
      ctx,
      dossierId,
      "file",
      async (d) =>
        await first(
          ctx.db,
          qb
            .selectFrom("dossier_files")
            .select(["filename", "mime"])
            .where("province_code", "=", d.provinceCode)
            .where("dossier_id", "=", d.id)
            .where("sha256", "=", sha256)
            .orderBy("uploaded_at")
            .limit(1),
        ),
      sha256,
    );
    const bytes = await store.get(sha256);
    // A referenced file that is gone is data loss, not a missing resource.
    if (!bytes) throw new Error(`blob ${sha256} of dossier ${d.id} is missing`);
    await audit(ctx.db, {
      actor: actorOf(ctx.principal),
      action: "dossier.file.read",
      outcome: "allowed",
      resource,
      provinceCode: d.provinceCode,
      requestId: ctx.requestId,
    });
    // Names stored before they were made safe are made safe as they are served.
    return { bytes, mime: row.mime, filename: safeFilename(row.filename, row.mime) };
  });
}
