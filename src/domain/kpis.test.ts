// Over 400 lines: table-driven cases of every KPIS.md figure and the index's own, read together.
import { describe, expect, it } from "vitest";
import { index766, index766Version } from "./index766.js";
import {
  addSums,
  type DossierKpiInput,
  dossierFacts,
  factCells,
  factsDelta,
  figures,
  indexFigures,
  type KpiSums,
  ZERO_SUMS,
} from "./kpis.js";
import type { DossierAction } from "./lifecycle.js";

const t = (s: string) => new Date(`2026-${s.replace(" ", "T")}:00+07:00`);
type A = Pick<DossierAction, "type" | "at" | "payload">;
const act = (type: A["type"], at: string, payload?: Record<string, unknown>): A => ({
  type,
  at: t(at),
  payload,
});
const received = (due = "10-05T17:00"): A[] => [
  act("create", "10-05 07:00"),
  act("submit", "10-05 07:00", { fee: 0 }),
  act("receive", "10-05 08:00", { dueAt: t(due).toISOString() }),
  act("forward", "10-05 08:00"),
];
const base: DossierKpiInput = {
  channel: "online",
  fieldsPrefilled: 0,
  componentsReplaced: 0,
  paperComponents: 0,
  rating: null,
  complaint: false,
  log: [],
};
const issued = (at: string, electronic = true) => [
  act("approve", at),
  act("issue_result", at, { electronic }),
];

describe("dossierFacts (KPIS.md, one dossier)", () => {
  it.each<[string, Partial<DossierKpiInput>, Partial<ReturnType<typeof dossierFacts>>]>([
    [
      "open: received, not finished",
      { log: received() },
      { receivedOn: "2026-10-05", decidedOn: null, onTime: false },
    ],
    [
      "decided in 2 working hours, on time, fully online, digitised",
      { log: [...received(), ...issued("10-05 10:00")] },
      {
        decidedOn: "2026-10-05",
        onTime: true,
        fullyOnline: true,
        digitised: true,
        processingMillis: 2 * 3_600_000,
      },
    ],
    [
      "late by one minute",
      { log: [...received(), ...issued("10-05 17:01")] },
      { onTime: false, fullyOnline: true },
    ],
    [
      "at the due instant itself: on time",
      { log: [...received(), ...issued("10-05 17:00")] },
      { onTime: true },
    ],
    [
      "a paper result: not fully online, not digitised",
      { log: [...received(), ...issued("10-05 10:00", false)] },
      { fullyOnline: false, digitised: false },
    ],
    [
      "a paper component",
      { paperComponents: 1, log: [...received(), ...issued("10-05 10:00")] },
      { fullyOnline: false, digitised: false },
    ],
    [
      "at the counter: digitised, not fully online",
      { channel: "counter", log: [...received(), ...issued("10-05 10:00")] },
      { fullyOnline: false, digitised: true },
    ],
    [
      "on behalf counts as online",
      { channel: "online_on_behalf", log: [...received(), ...issued("10-05 10:00")] },
      { online: true, fullyOnline: true },
    ],
    [
      "a fee paid at the counter: not fully online",
      {
        log: [
          act("submit", "10-05 07:00", { fee: 5 }),
          act("record_payment", "10-05 07:10", { online: false }),
          ...received().slice(2),
          ...issued("10-05 10:00"),
        ],
      },
      { fullyOnline: false, digitised: true },
    ],
    [
      "a fee paid through the bank",
      {
        log: [
          act("submit", "10-05 07:00", { fee: 5 }),
          act("record_payment", "10-05 07:10"),
          ...received().slice(2),
          ...issued("10-05 10:00"),
        ],
      },
      { fullyOnline: true },
    ],
    [
      "refused: a decision delivered electronically",
      { log: [...received(), act("refuse", "10-05 11:00")] },
      { decidedOn: "2026-10-05", onTime: true, fullyOnline: true, digitised: true },
    ],
    [
      "refused at receipt: neither received nor finished",
      { log: [act("submit", "10-05 07:00"), act("refuse_receipt", "10-05 08:00")] },
      { receivedOn: null, decidedOn: null },
    ],
    [
      "withdrawn after receipt: not received",
      { log: [...received().slice(0, 3), act("withdraw", "10-05 09:00")] },
      { receivedOn: null, decidedOn: null },
    ],
    [
      "refused on the household head's refusal (a third party's non-consent): counted as withdrawn",
      {
        log: [
          ...received(),
          act("refuse", "10-05 09:00", { headRefusal: { by: "048065000700", reason: null } }),
        ],
      },
      { receivedOn: null, decidedOn: null, onTime: false, processingMillis: 0 },
    ],
    [
      "the same refusal by the agency itself: received, decided on time",
      { log: [...received(), act("refuse", "10-05 09:00")] },
      { receivedOn: "2026-10-05", decidedOn: "2026-10-05", onTime: true },
    ],
    [
      "a supplement wait moves the due instant: on time",
      {
        log: [
          ...received().slice(0, 3),
          act("request_supplement", "10-05 09:00"),
          act("supplement", "10-06 09:00"),
          ...issued("10-06 16:00"),
        ],
      },
      { onTime: true, processingMillis: 6.5 * 3_600_000 },
    ],
    [
      "two supplement requests: late whatever the instant",
      {
        log: [
          ...received("10-09T17:00").slice(0, 3),
          act("request_supplement", "10-05 09:00"),
          act("supplement", "10-05 10:00"),
          act("request_supplement", "10-05 13:00"),
          act("supplement", "10-05 14:00"),
          ...issued("10-06 08:00"),
        ],
      },
      { onTime: false, processingMillis: 6 * 3_600_000 },
    ],
    ["reuse: a prefilled field", { fieldsPrefilled: 1, log: received() }, { reuse: true }],
    ["reuse: a component replaced by data", { componentsReplaced: 1, log: received() }, { reuse: true }],
    [
      "a rating of 2 is a complaint once finished",
      { rating: 2, log: [...received(), ...issued("10-05 10:00")] },
      { complained: true },
    ],
    [
      "a rating of 3 is not",
      { rating: 3, log: [...received(), ...issued("10-05 10:00")] },
      { complained: false },
    ],
    [
      "a complaint on an open dossier does not count yet",
      { complaint: true, log: received() },
      { complained: false },
    ],
  ])("%s", (_name, input, want) => {
    expect(dossierFacts({ ...base, ...input })).toMatchObject(want);
  });
});

const sums = (s: Partial<KpiSums>): KpiSums => ({ ...ZERO_SUMS, ...s });

describe("figures (KPIS.md table)", () => {
  it.each<[string, Partial<KpiSums>, Partial<ReturnType<typeof figures>>]>([
    [
      "nothing: every share null, never 0",
      {},
      {
        received: 0,
        onlineShare: null,
        onTimeShare: null,
        satisfaction766: null,
        averageProcessingWorkingDays: null,
      },
    ],
    ["shares", { received: 4, receivedOnline: 3, receivedReuse: 1 }, { onlineShare: 0.75, reuseShare: 0.25 }],
    [
      "on time, fully online, digitised",
      { finished: 10, onTime: 8, fullyOnline: 7, digitised: 9 },
      { onTimeShare: 0.8, fullyOnlineShare: 0.7, digitisedShare: 0.9 },
    ],
    [
      "working days of 8 office hours",
      { finished: 2, processingMillis: 24 * 3_600_000 },
      { averageProcessingWorkingDays: 1.5 },
    ],
    [
      "satisfaction",
      { finished: 10, rated: 4, satisfied: 3, complained: 1 },
      { satisfiedShare: 0.75, complaintRate: 0.1 },
    ],
    [
      "Decision 766 satisfaction",
      { finished: 10, onTime: 8, complained: 1 },
      { satisfaction766: 1 - (0.2 + 0.1) },
    ],
    ["never below zero", { finished: 2, onTime: 0, complained: 2 }, { satisfaction766: 0 }],
  ])("%s", (_name, s, want) => {
    const got = figures(sums(s));
    for (const [k, v] of Object.entries(want)) {
      const g = got[k as keyof typeof got];
      if (typeof v === "number" && typeof g === "number") expect(g, k).toBeCloseTo(v, 12);
      else expect(g, k).toEqual(v);
    }
  });
});

describe("factsDelta", () => {
  it("moves a dossier's contribution from its old facts to its new ones, zero days left out", () => {
    const open = dossierFacts({ ...base, log: received() });
    const done = dossierFacts({ ...base, log: [...received(), ...issued("10-06 10:00")] });
    expect(factsDelta(null, open)).toEqual([
      { day: "2026-10-05", sums: sums({ received: 1, receivedOnline: 1 }) },
    ]);
    expect(factsDelta(open, done)).toEqual([
      {
        day: "2026-10-06",
        sums: sums({
          finished: 1,
          fullyOnline: 1,
          digitised: 1,
          processingMillis: 10 * 3_600_000,
          // Decided by an electronic result (`issue_result` not marked electronic: false).
          resultsIssued: 1,
          resultsElectronic: 1,
        }),
      },
    ]);
    expect(factsDelta(done, done)).toEqual([]);
  });
});

// The apology slip for a late dossier (Decree 61/2018/NĐ-CP; Circular 01/2018/TT-VPCP Mẫu số 05)
// and the Decision 766 publicity indicator measured from it (`timelyApologyShare`).
const apology = (at: string): A => act("apologize", at, { newDueAt: t("10-07 17:00").toISOString() });
const input = (log: A[]): DossierKpiInput => ({ ...base, log });

const LATE_WITH_APOLOGY = [...received(), apology("10-05 16:00"), ...issued("10-06 10:00")];
const LATE_WITHOUT_APOLOGY = [...received(), ...issued("10-06 10:00")];
const LATE_APOLOGY_AFTER_DUE = [...received(), apology("10-05 17:30"), ...issued("10-06 10:00")];
const ON_TIME_WITH_APOLOGY = [...received(), apology("10-05 16:00"), ...issued("10-05 16:30")];
const ON_TIME = [...received(), ...issued("10-05 11:00")];

describe("an apology slip and the facts of one dossier", () => {
  it.each<[string, A[], { onTime: boolean; apologizedInTime: boolean }]>([
    [
      "late, apology sent before the due instant",
      LATE_WITH_APOLOGY,
      { onTime: false, apologizedInTime: true },
    ],
    ["late, no apology", LATE_WITHOUT_APOLOGY, { onTime: false, apologizedInTime: false }],
    [
      "late, apology sent after the due instant",
      LATE_APOLOGY_AFTER_DUE,
      { onTime: false, apologizedInTime: false },
    ],
    // The new date promised does not move the due instant: decided on time, nothing to apologise for.
    ["on time, with an apology", ON_TIME_WITH_APOLOGY, { onTime: true, apologizedInTime: false }],
    [
      "open, apology sent",
      [...received(), apology("10-05 16:00")],
      { onTime: false, apologizedInTime: false },
    ],
  ])("%s", (_n, log, want) => {
    const f = dossierFacts(input(log));
    expect({ onTime: f.onTime, apologizedInTime: f.apologizedInTime }).toEqual(want);
  });

  it("the new promised date does not move lateness: decided after the due instant, before the new date, is late", () => {
    // Apology at 16:00 promising 7 October; decided 6 October: still late against 5 October 17:00.
    expect(dossierFacts(input(LATE_WITH_APOLOGY)).onTime).toBe(false);
  });
});

const sumOf = (logs: A[][]): KpiSums =>
  logs.flatMap((log) => factCells(dossierFacts(input(log)))).reduce((s, c) => addSums(s, c.sums), ZERO_SUMS);

describe("timelyApologyShare and the publicity group (18 points)", () => {
  it.each<[string, A[][], number | null, number | null]>([
    ["one late dossier with a timely apology", [LATE_WITH_APOLOGY, ON_TIME], 1, 18],
    ["one late dossier without an apology", [LATE_WITHOUT_APOLOGY, ON_TIME], 0, 0],
    ["one late dossier apologised for after its due instant", [LATE_APOLOGY_AFTER_DUE], 0, 0],
    [
      "two late dossiers, one with a timely apology",
      [LATE_WITH_APOLOGY, LATE_WITHOUT_APOLOGY, ON_TIME_WITH_APOLOGY],
      0.5,
      9,
    ],
    // whenNone "full": nothing late, nothing to apologise for: the 18 points (index766.ts).
    ["no late dossier: null, full points", [ON_TIME, ON_TIME_WITH_APOLOGY], null, 18],
    // Nothing finished: nothing measured, not the best case (a place with no dossier has no score).
    ["nothing finished: null, not measured", [], null, null],
  ])("%s → share %s, %s points", (_n, logs, share, points) => {
    const sums = sumOf(logs);
    expect(indexFigures(sums).timelyApologyShare).toBe(share);
    const score = index766({ ...figures(sums), ...indexFigures(sums) }, index766Version("2026-10-31"));
    const group = score.groups.find((g) => g.id === "publicity");
    expect(group?.points).toBe(18);
    expect(group?.indicators[0]?.id).toBe("publicity.apology");
    expect(group?.score).toBe(points);
    expect(group?.indicators[0]?.lost).toBe(points === null ? null : 18 - points);
  });

  it("the indicator names its legal sources and is marked unconfirmed", () => {
    const i = index766Version("2026-10-31").groups[0]?.indicators[0];
    expect(i?.figure).toBe("timelyApologyShare");
    expect(i?.confirmed).toBe(false);
    expect(i?.source).toContain("Decree 61/2018/NĐ-CP");
    expect(i?.source).toContain("Circular 01/2018/TT-VPCP, Mẫu số 05");
  });
});

// The facts behind the Decision 766 indicators of version 2026.12 (src/domain/index766.ts).
describe("dossierFacts: fee paid online, electronic result, population data", () => {
  const withFee = (fee: number, ...rest: A[]): A[] => [
    act("create", "10-05 07:00"),
    act("submit", "10-05 07:00", { fee }),
    ...rest,
    act("receive", "10-05 08:00", { dueAt: t("10-05T17:00").toISOString() }),
    act("forward", "10-05 08:00"),
  ];
  type Want = Pick<
    ReturnType<typeof dossierFacts>,
    "feeBearing" | "paidOnline" | "resultIssued" | "electronicResult" | "registriesKnown" | "populationData"
  >;
  const none: Want = {
    feeBearing: false,
    paidOnline: false,
    resultIssued: false,
    electronicResult: false,
    registriesKnown: false,
    populationData: false,
  };
  it.each<[string, Partial<DossierKpiInput>, Partial<Want>]>([
    ["received, not finished, no registries known", { log: received() }, {}],
    [
      "a fee paid by the bank (no `online` flag), an electronic result",
      { log: [...withFee(50_000, act("record_payment", "10-05 07:30")), ...issued("10-05 10:00")] },
      { feeBearing: true, paidOnline: true, resultIssued: true, electronicResult: true },
    ],
    [
      "a fee paid at the counter (imported `online: false`), a paper result",
      {
        log: [
          ...withFee(50_000, act("record_payment", "10-05 07:30", { online: false })),
          ...issued("10-05 10:00", false),
        ],
      },
      { feeBearing: true, paidOnline: false, resultIssued: true, electronicResult: false },
    ],
    [
      "a fee paid in person at the counter live (not logged): fee-bearing, not paid online",
      { channel: "counter", log: [...withFee(50_000), ...issued("10-05 10:00")] },
      { feeBearing: true, paidOnline: false, resultIssued: true, electronicResult: true },
    ],
    [
      "a spouse's request: the head consents, then the fee opened by it is paid online",
      {
        log: [
          ...withFee(
            10_000,
            act("head_consent", "10-05 07:10", { headConsent: { by: "048065000700" }, feeDue: 10_000 }),
            act("record_payment", "10-05 07:30"),
          ),
          ...issued("10-05 10:00"),
        ],
      },
      { feeBearing: true, paidOnline: true, resultIssued: true, electronicResult: true },
    ],
    [
      "refused: no result, the fee still counts",
      { log: [...withFee(50_000, act("record_payment", "10-05 07:30")), act("refuse", "10-05 10:00")] },
      { feeBearing: true, paidOnline: true, resultIssued: false, electronicResult: false },
    ],
    [
      "fields from the population and residence registries",
      { registries: ["population", "residence"], log: received() },
      { registriesKnown: true, populationData: true },
    ],
    [
      "fields from the civil-status registry only",
      { registries: ["civil_status"], log: received() },
      { registriesKnown: true, populationData: false },
    ],
    [
      "nothing prefilled: known, no population data",
      { registries: [], log: received() },
      { registriesKnown: true },
    ],
    [
      "imported history (registries not known)",
      { registries: null, log: [...received(), ...issued("10-05 10:00")] },
      { resultIssued: true, electronicResult: true },
    ],
    [
      "withdrawn: not received, nothing counts",
      { registries: ["population"], log: [...received(), act("withdraw", "10-05 09:00")] },
      {},
    ],
  ])("%s", (_n, input, want) => {
    const f = dossierFacts({ ...base, ...input });
    expect({
      feeBearing: f.feeBearing,
      paidOnline: f.paidOnline,
      resultIssued: f.resultIssued,
      electronicResult: f.electronicResult,
      registriesKnown: f.registriesKnown,
      populationData: f.populationData,
    }).toEqual({ ...none, ...want });
  });
  it("indexFigures: each share over its own base, null with none", () => {
    const s = {
      ...ZERO_SUMS,
      feeBearing: 4,
      paidOnline: 3,
      resultsIssued: 5,
      resultsElectronic: 5,
      receivedRegistriesKnown: 0,
    };
    expect(indexFigures(s)).toMatchObject({
      paidOnlineShare: 0.75,
      electronicResultShare: 1,
      populationDataShare: null,
    });
  });
});
