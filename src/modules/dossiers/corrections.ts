import { first, qb } from "../../db/query.js";
import { correctionAttribute, isRegistryId } from "../../domain/corrections.js";
import { PERSONAL_NUMBER_PATTERN } from "../../domain/personal-number.js";
import { actorOf } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { getDefinition } from "../catalog/index.js";
import { audited, type Ctx, getVisibleDossier } from "./access.js";
import { enqueue } from "./repository.js";

/**
 * "This is wrong": a correction request to the registry owner about a prefilled fact; the form
 * keeps the registry value. Returns the request's id. The request is written with its
 * `registry.correction_requested` outbox message (the corrections module relays it, signed, to the
 * registry's owning agency). A field no base registry owns (a health facility's birth notice) is
 * VALIDATION_FAILED: its issuer corrects it, not a registry.
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
    if (!isRegistryId(provenance.registry)) {
      throw new AppError("VALIDATION_FAILED", [
        {
          field: "body.fieldKey",
          messageVi:
            "Thông tin này do cơ sở cấp giấy tờ điều chỉnh, không phải cơ sở dữ liệu; hãy liên hệ nơi cấp.",
          messageEn:
            "This value is corrected by the issuer of the document, not by a registry; contact the issuer.",
        },
      ]);
    }
    const def = await getDefinition(ctx.db, d.procedureCode, d.procedureVersion);
    const binding = def.form.find((f) => f.key === input.fieldKey)?.prefill;
    const attribute = binding ? correctionAttribute(binding) : input.fieldKey;
    const actor = actorOf(ctx.principal);
    return ctx.db.tx(async (q) => {
      const inserted = await first(
        q,
        qb
          .insertInto("correction_requests")
          .values({
            dossier_id: d.id,
            subject_number: PERSONAL_NUMBER_PATTERN.test(provenance.ref ?? "")
              ? provenance.ref
              : d.applicantNumber,
            field_key: input.fieldKey,
            registry: provenance.registry,
            registry_value: String(pre.value),
            claimed_value: input.claimedValue,
            note: input.note ?? null,
            filed_by: actor.id,
            province_code: d.provinceCode,
            attribute,
          })
          .returning("id"),
      );
      const requestId = inserted?.id ?? 0;
      await enqueue(
        q,
        "registry.correction_requested",
        `correction:${requestId}`,
        { requestId, dossierId: id },
        d.provinceCode,
        { dossierCode: d.code, ...(ctx.now ? { at: ctx.now() } : {}) },
      );
      return requestId;
    });
  });
}
