import { actorOf } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { audited, type Ctx, getVisibleDossier } from "./access.js";
import { enqueue } from "./repository.js";

/**
 * "This is wrong": a correction request to the registry owner about a prefilled fact; the form
 * keeps the registry value. Returns the request's id.
 */
export async function fileCorrection(
  ctx: Ctx,
  id: string,
  input: { fieldKey: string; claimedValue: string; note?: string | undefined },
): Promise<number> {
  return audited(ctx, "dossier.correction", `dossier:${id}`, async () => {
    const d = await getVisibleDossier(ctx, id, "correction");
    const pre = d.prefill[input.fieldKey];
    if (!pre) {
      throw new AppError("VALIDATION_FAILED", [
        {
          field: "body.fieldKey",
          messageVi: "Trường này không lấy từ cơ sở dữ liệu.",
          messageEn: "This field is not registry-sourced.",
        },
      ]);
    }
    const provenance = pre.provenance as { registry: string; ref?: string };
    const actor = actorOf(ctx.principal);
    return ctx.db.tx(async (q) => {
      const { rows } = await q.query<{ id: number }>(
        `insert into correction_requests (dossier_id, subject_number, field_key, registry, registry_value, claimed_value, note, filed_by, province_code)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [
          d.id,
          /^\d{12}$/.test(provenance.ref ?? "") ? provenance.ref : d.applicantNumber,
          input.fieldKey,
          provenance.registry,
          String(pre.value),
          input.claimedValue,
          input.note ?? null,
          actor.id,
          d.provinceCode,
        ],
      );
      const requestId = rows[0]?.id ?? 0;
      await enqueue(
        q,
        `registry.${provenance.registry}.correction`,
        String(requestId),
        { dossierId: id, fieldKey: input.fieldKey },
        d.provinceCode,
      );
      return requestId;
    });
  });
}
