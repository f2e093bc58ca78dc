import { first, qb } from "../../db/query.js";
import { correctionAttribute, isRegistryId } from "../../domain/corrections.js";
import { checkForm } from "../../domain/form.js";
import { PERSONAL_NUMBER_PATTERN } from "../../domain/personal-number.js";
import { actorOf } from "../../domain/principal.js";
import type { FormField } from "../../domain/procedure.js";
import { parseTypedDate } from "../../domain/vietnamese-dates.js";
import { AppError, type FieldIssue } from "../../kernel/errors.js";
import { getDefinition } from "../catalog/index.js";
import { correctionValueRefused } from "../exchange/index.js";
import { audited, type Ctx, getVisibleDossier } from "./access.js";
import { DossierErrors } from "./errors.js";
import { enqueue } from "./repository-writes.js";

/**
 * The claimed value as the field stores it, by the field's own rules (those of the form: type,
 * limits, plausibility as of `now`) and the registry's (what its column can hold): a date typed
 * dd/mm/yyyy as ISO, an option named by its label as its value. Refused: CORRECTION_VALUE_INVALID
 * (422) naming the problem in both languages, so that a value no officer could apply ("31/02/1984")
 * is refused when filed, not at the owner's acceptance.
 */
export function claimedValueOf(
  field: FormField | undefined,
  claimed: string,
  rule: { registry: string; attribute: string; now: Date },
): string {
  const refuse = (issues: FieldIssue[]): never => {
    throw new AppError(DossierErrors.CORRECTION_VALUE_INVALID, issues);
  };
  let value = claimed.trim();
  if (field?.type === "date") value = parseTypedDate(value) ?? value;
  const option = field?.options?.find((o) =>
    [o.value, o.labelVi, o.labelEn].some((x) => x.toLocaleLowerCase("vi") === value.toLocaleLowerCase("vi")),
  );
  if (option) value = option.value;
  if (field) {
    const r = checkForm(
      { form: [field] },
      { [field.key]: value },
      { complete: true, context: { now: rule.now } },
    );
    if (!r.ok)
      refuse(
        r.issues.map((i) => ({
          ...i,
          field: "body.claimedValue",
          code: i.code ?? "CORRECTION_VALUE_INVALID",
        })),
      );
    else value = String(r.values[field.key] ?? value);
  }
  if (correctionValueRefused(rule.registry, rule.attribute, value))
    refuse([
      {
        field: "body.claimedValue",
        messageVi: `${field?.labelVi ?? rule.attribute}: cơ sở dữ liệu không ghi được giá trị này (ví dụ ngày phải đủ ngày/tháng/năm).`,
        messageEn: `${field?.labelEn ?? rule.attribute}: the registry cannot hold this value (e.g. a date needs day/month/year).`,
        code: "CORRECTION_VALUE_INVALID",
      },
    ]);
  return value;
}

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
    const field = def.form.find((f) => f.key === input.fieldKey);
    const binding = field?.prefill;
    const attribute = binding ? correctionAttribute(binding) : input.fieldKey;
    const claimedValue = claimedValueOf(field, input.claimedValue, {
      registry: provenance.registry,
      attribute,
      now: ctx.now ? ctx.now() : new Date(),
    });
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
            claimed_value: claimedValue,
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
