import { z } from "zod";
import { checkPersonalNumber } from "./personal-number.js";

/** Fields the payloads of agencies' messages share (src/domain/messages.ts). Pure. */
export const PersonalNumber = z.string().refine((v) => checkPersonalNumber(v).ok, "INVALID_PERSONAL_NUMBER");
export const IsoDate = z.iso.date();
export const CommuneCode = z.string().regex(/^[0-9]{5}$/);
export const Sex = z.enum(["M", "F"]);
