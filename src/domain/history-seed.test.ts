import { describe, expect, it } from "vitest";
import { historyDossier, parseHistoryLine } from "./history.js";
import { historyLines, type SeedCommune, type SeedProcedure } from "./history-seed.js";

/**
 * Every generated line is one the import accepts (the demo's first start seeds through it and
 * stops on a refused line): actions in time order once decisions are moved into office hours.
 * A demo-sized year (npm start: every commune of a province) reached an approval moved back
 * before the forward.
 */
const NOW = new Date("2026-12-01T09:00:00+07:00");
const procedure = (code: string, timeLimit: SeedProcedure["timeLimit"]): SeedProcedure => ({
  code,
  timeLimit,
  fee: 0,
  fieldsTotal: 12,
  replaceable: 1,
  agencyOf: (c) => `UB.${c.code}.H${c.provinceCode}`,
});
const PROCEDURES = [
  procedure("1.001193", { workingDays: 0 }),
  procedure("LOCAL.DK-TAM-TRU", { workingDays: 3 }),
  procedure("LOCAL.SAO-Y", { workingHours: 4 }),
];
// Every other commune has registry people: lines with the applicant's name.
const PEOPLE = [
  { personalNumber: "048090000001", fullName: "Nguyễn Văn An" },
  { personalNumber: "048190000002", fullName: "Trần Thị Bích Ngọc" },
];
const COMMUNES: SeedCommune[] = Array.from({ length: 60 }, (_, i) => ({
  code: String(20000 + i * 7),
  provinceCode: "48",
  ...(i % 2 === 0 ? { people: PEOPLE } : {}),
}));

describe("generated history lines", () => {
  it("are all accepted by the import, a year of 60 communes", () => {
    const refused: string[] = [];
    let n = 0;
    for (const line of historyLines({
      seed: 1,
      now: NOW,
      months: 12,
      communes: COMMUNES,
      procedures: PROCEDURES,
      perCommuneMonth: 30,
    })) {
      n++;
      const parsed = parseHistoryLine(JSON.stringify(line), { now: NOW });
      if (!parsed.ok && refused.length < 3) refused.push(`${line.code}: ${parsed.en}`);
      // The seed skips the text and the schema (historyDossier): the schema changes nothing in a
      // generated line, and the lifecycle half gives the import's dossier, log included.
      if (parsed.ok && n % 7 === 0) {
        expect(parsed.dossier.line).toStrictEqual(line);
        expect(historyDossier(line, NOW)).toStrictEqual(parsed);
      }
    }
    expect(n).toBeGreaterThan(15_000);
    expect(refused).toEqual([]);
  });
});
