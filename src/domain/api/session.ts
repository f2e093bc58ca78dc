import { z } from "zod";
import { OFFICER_AGENCY_IDS } from "../agencies.js";
import { OFFICER_ROLES } from "../principal.js";

/** Who is signed in, as the web app sees it (GET /api/session). */
export const SessionPrincipal = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("citizen"), personalNumber: z.string(), name: z.string() }),
    z.object({
      kind: z.literal("officer"),
      username: z.string(),
      name: z.string(),
      role: z.enum(OFFICER_ROLES),
      roleName: z.object({ vi: z.string(), en: z.string() }),
      jurisdiction: z.object({
        level: z.enum(["commune", "province", "country"]),
        code: z.string().optional(),
      }),
      /** The account's agency (`actsForAgency`): null for one not limited by agency. */
      agency: z.enum(OFFICER_AGENCY_IDS).nullable(),
    }),
  ])
  .meta({ id: "Principal" });

export const Session = z
  .object({ principal: SessionPrincipal.nullable(), csrfToken: z.string() })
  .meta({ id: "Session" });
