/** The linked group as the combined form reads it (GET /api/linked-groups/:code). */

/**
 * A member, named by its procedure's published name, with the defaults its step will be filed with
 * that the citizen is shown (src/modules/catalog/group-routes.ts `publicGroup`).
 */
export type Member = {
  key: string;
  procedureCode: string;
  procedureVi: string;
  procedureEn: string;
  optional: boolean;
  agencyVi: string;
  agencyEn: string;
  defaults: Array<{
    field: string;
    labelVi: string;
    labelEn: string;
    fromMember: string;
    fromField: string;
    sourceVi: string | null;
    sourceEn: string | null;
    noteVi: string;
    noteEn: string;
  }>;
};
/** GET /api/linked-groups/:code (catalog's public group). */
export type Group = {
  code: string;
  nameVi: string;
  nameEn: string;
  summaryVi: string;
  summaryEn: string;
  members: Member[];
  /** How many members the applicant links, the members always done counted. */
  choose: { min: number; max: number };
};
