import { z } from "zod";

/** Administrative units (GET /api/units/provinces, /api/units/communes…). */
export const Province = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    fullName: z.string(),
    fullNameEn: z.string(),
    unitType: z.string(),
  })
  .meta({ id: "Province" });

export const Commune = Province.extend({ provinceCode: z.string() }).meta({ id: "Commune" });
