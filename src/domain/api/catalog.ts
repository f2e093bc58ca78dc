import { z } from "zod";
import { ProcedureDefinition } from "../procedure.js";

/** Responses of the procedure catalogue (GET /api/procedures, /api/procedures/:code…). */
export const FormStats = z
  .object({
    paperFieldCount: z.number().int(),
    onlineFieldCount: z.number().int(),
    prefilledFieldCount: z.number().int(),
    typedFieldCount: z.number().int(),
    componentsReplacedByData: z.number().int(),
    reductionPercent: z.number(),
  })
  .meta({ id: "FormStats", description: "Fields on paper vs typed online; reduction = 1 − typed / paper" });

const Definition = ProcedureDefinition.meta({ id: "ProcedureDefinition" });

export const ProcedureVersion = z
  .object({
    code: z.string(),
    version: z.number().int(),
    status: z.enum(["draft", "published", "retired"]),
    definitionHash: z.string(),
    publishedAt: z.date().nullable(),
    definition: Definition,
    stats: FormStats,
  })
  .meta({ id: "ProcedureVersion" });

export const ProcedureVersionAdmin = ProcedureVersion.extend({
  createdAt: z.date(),
  createdBy: z.string(),
  publishedBy: z.string().nullable(),
}).meta({ id: "ProcedureVersionAdmin" });

export const ProcedureListItem = ProcedureDefinition.pick({
  code: true,
  codeVerified: true,
  nameVi: true,
  nameEn: true,
  summaryVi: true,
  summaryEn: true,
  field: true,
  level: true,
  agency: true,
  timeLimit: true,
  fee: true,
  fullyOnline: true,
})
  .extend({
    version: z.number().int(),
    linkedGroup: z.enum(["birth", "death"]).nullable(),
    publishedAt: z.date().nullable(),
    stats: FormStats,
  })
  .meta({ id: "ProcedureListItem" });

/**
 * The linked group a search names as a life event ("bố mất rồi làm gì" → the death group, "vừa sinh
 * con" → the birth group), by the rule the web app's search box applies (`lifeEventGroup`,
 * src/domain/assistant-hear.ts): its code (the combined form is /lien-thong/nop/<code>) and names.
 */
export const LifeEventGroupRef = z
  .object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    summaryVi: z.string(),
    summaryEn: z.string(),
  })
  .meta({ id: "LifeEventGroupRef" });

export const ProcedureList = z.object({
  items: z.array(ProcedureListItem),
  total: z.number().int(),
  group: LifeEventGroupRef.nullable().meta({
    description:
      "With q: the published linked group the words name as a life event (one application for several procedures), shown before the procedures; null otherwise",
  }),
});
