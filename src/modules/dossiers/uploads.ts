import { fileTypeFromBuffer } from "file-type";
import type { Queryable } from "../../db/client.js";
import type { Status } from "../../domain/lifecycle.js";
import { actorOf, type Principal } from "../../domain/principal.js";
import type { Component } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import type { BlobStore } from "../../lib/blob-store.js";
import { audit } from "../audit/index.js";
import { getVersion } from "../catalog/index.js";
import { audited, type Ctx, canSee, lifecycleRole } from "./access.js";
import { DossierErrors } from "./errors.js";
import { type DossierRow, enqueue, findDossier } from "./repository.js";

/** A file as it arrives: the bytes, the Content-Type the client claims, and its name. */
export type IncomingFile = { bytes: Buffer; declaredType: string; filename: string };
export type StoredFile = { sha256: string; mime: string; sizeBytes: number };

/** Files can be added while the applicant side holds the dossier: drafting, or answering a supplement request. */
const UPLOAD_STATUSES: ReadonlySet<Status> = new Set(["draft", "supplement_requested"]);

/**
 * Who may add files: the applicant, the agent who filed for them, or a one-stop receiver taking a
 * paper dossier at the counter. Processing officers read files; they do not add them.
 */
function mayUpload(p: Principal, d: DossierRow): boolean {
  const role = lifecycleRole(p);
  if (role === "citizen" || role === "agent") return true;
  return role === "receiver" && d.channel === "counter";
}

/** The media type part of a Content-Type header, lowercase, without parameters. */
export function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** A display name only: no directories, no control characters, bounded length. */
export function cleanFilename(name: string): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return Array.from(clean).slice(0, 200).join("") || "upload";
}

function tooLarge(c: Component, size: number): AppError {
  const limit = c.maxBytes ?? 0;
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return new AppError(DossierErrors.UPLOAD_TOO_LARGE, [
    {
      field: "body",
      messageVi: `Tệp ${mb(size)} MB, tối đa ${mb(limit)} MB.`,
      messageEn: `The file is ${mb(size)} MB; the limit is ${mb(limit)} MB.`,
    },
  ]);
}

function typeMismatch(c: Component, sniffed: string | undefined, declared: string): AppError {
  const accepted = (c.accept ?? []).join(", ");
  const found = sniffed ?? "không xác định / unknown";
  return new AppError(DossierErrors.UPLOAD_TYPE_MISMATCH, [
    {
      field: "body",
      messageVi: `Nội dung tệp là ${found}, khai báo ${declared || "(trống)"}; chấp nhận: ${accepted}.`,
      messageEn: `The content is ${found}, declared ${declared || "(none)"}; accepted: ${accepted}.`,
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
  q: Queryable,
  principal: Principal,
  dossierId: string,
  componentKey: string,
  lock = false,
): Promise<{ d: DossierRow; component: Component }> {
  const d = await findDossier(q, dossierId, lock);
  if (!d || !canSee(principal, d)) throw new AppError("NOT_FOUND");
  if (!mayUpload(principal, d)) throw new AppError("FORBIDDEN");
  if (!UPLOAD_STATUSES.has(d.status)) {
    throw new AppError(DossierErrors.ILLEGAL_TRANSITION, [
      {
        field: "status",
        messageVi: `Trạng thái hiện tại: ${d.status}.`,
        messageEn: `Current status: ${d.status}.`,
      },
    ]);
  }
  const { definition: def } = await getVersion(q, d.procedureCode, d.procedureVersion);
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
    const { component } = await uploadTarget(ctx.db, ctx.principal, dossierId, componentKey);
    if (declaredBytes !== undefined && component.maxBytes !== undefined && declaredBytes > component.maxBytes)
      throw tooLarge(component, declaredBytes);
  });
}

/**
 * Adds a file to an upload component. The type is read from the content (never from the name or
 * the header) and must be both accepted by the component and what the client declared. Every
 * refusal is audited and writes nothing; the same content twice is one file.
 */
export async function uploadComponent(
  ctx: Ctx,
  store: BlobStore,
  dossierId: string,
  componentKey: string,
  file: IncomingFile,
): Promise<StoredFile> {
  return audited(ctx, "dossier.upload", `dossier:${dossierId}/${componentKey}`, () =>
    ctx.db.tx(async (q) => {
      // The row lock orders this upload against a concurrent submit.
      const { d, component } = await uploadTarget(q, ctx.principal, dossierId, componentKey, true);
      const sizeBytes = file.bytes.length;
      if (component.maxBytes !== undefined && sizeBytes > component.maxBytes)
        throw tooLarge(component, sizeBytes);
      const declared = mediaType(file.declaredType);
      const sniffed = (await fileTypeFromBuffer(file.bytes))?.mime;
      const accepted: readonly string[] = component.accept ?? [];
      if (!sniffed || !accepted.includes(sniffed) || sniffed !== declared)
        throw typeMismatch(component, sniffed, declared);

      const sha256 = await store.put(file.bytes);
      const actor = actorOf(ctx.principal);
      const inserted = await q.query(
        `insert into dossier_files (dossier_id, component_key, sha256, filename, mime, size_bytes, uploaded_by, province_code)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (province_code, dossier_id, component_key, sha256) do nothing`,
        [
          d.id,
          componentKey,
          sha256,
          cleanFilename(file.filename),
          sniffed,
          sizeBytes,
          actor.id,
          d.provinceCode,
        ],
      );
      if (inserted.rowCount > 0) {
        await enqueue(
          q,
          "dossier.upload",
          d.id,
          { componentKey, sha256, mime: sniffed, sizeBytes, by: actor.id },
          d.provinceCode,
        );
      }
      return { sha256, mime: sniffed, sizeBytes };
    }),
  );
}

/**
 * A file of a dossier, for those who may see the dossier (the applicant, the filing agent, officers
 * of its jurisdiction); anyone else is told it does not exist. Every read is audited.
 */
export async function readFile(
  ctx: Ctx,
  store: BlobStore,
  dossierId: string,
  sha256: string,
): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  const resource = `dossier:${dossierId}/file:${sha256}`;
  return audited(ctx, "dossier.file.read", resource, async () => {
    const d = await findDossier(ctx.db, dossierId);
    if (!d || !canSee(ctx.principal, d)) throw new AppError("NOT_FOUND");
    const { rows } = await ctx.db.query<{ filename: string; mime: string }>(
      `select filename, mime from dossier_files where province_code = $1 and dossier_id = $2 and sha256 = $3
       order by uploaded_at limit 1`,
      [d.provinceCode, d.id, sha256],
    );
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND");
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
    return { bytes, mime: row.mime, filename: row.filename };
  });
}
