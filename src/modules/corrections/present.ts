import type { Queryable } from "../../db/client.js";
import { type AgencyId, officeName } from "../../domain/agencies.js";
import { attributeLabel } from "../../domain/corrections.js";
import { findCommune, findProvince } from "../units/index.js";
import type { CorrectionCase } from "./repository.js";

/** A case as the officers' page shows it: the office's name and the field in plain words. */
export async function presentCase(q: Queryable, c: CorrectionCase) {
  const commune = c.ownerUnit.length === 5 ? await findCommune(q, c.ownerUnit) : undefined;
  const province = await findProvince(q, c.provinceCode);
  const label = attributeLabel(c.attribute);
  return {
    provinceCode: c.provinceCode,
    id: c.id,
    ownerAgency: c.ownerAgency as AgencyId,
    ownerUnit: c.ownerUnit,
    officeVi: officeName(c.ownerAgency as AgencyId, { commune, province }),
    dossierCode: c.dossierCode,
    subjectNumber: c.subjectNumber,
    registry: c.registry,
    attribute: c.attribute,
    labelVi: label.vi,
    labelEn: label.en,
    fieldKey: c.fieldKey,
    currentValue: c.currentValue,
    proposedValue: c.proposedValue,
    note: c.note,
    status: c.status,
    receivedAt: c.receivedAt,
    decidedByName: c.decidedByName,
    decidedAt: c.decidedAt,
    reason: c.reason,
    appliedValue: c.appliedValue,
  };
}
