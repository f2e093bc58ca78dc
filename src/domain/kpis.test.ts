import { describe, expect, it } from "vitest";
import {
  type DossierKpiInput,
  dossierFacts,
  factsDelta,
  figures,
  type KpiSums,
  periodOf,
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

describe("factsDelta and periods", () => {
  it("moves a dossier's contribution from its old facts to its new ones, zero days left out", () => {
    const open = dossierFacts({ ...base, log: received() });
    const done = dossierFacts({ ...base, log: [...received(), ...issued("10-06 10:00")] });
    expect(factsDelta(null, open)).toEqual([
      { day: "2026-10-05", sums: sums({ received: 1, receivedOnline: 1 }) },
    ]);
    expect(factsDelta(open, done)).toEqual([
      {
        day: "2026-10-06",
        sums: sums({ finished: 1, fullyOnline: 1, digitised: 1, processingMillis: 10 * 3_600_000 }),
      },
    ]);
    expect(factsDelta(done, done)).toEqual([]);
  });

  it.each([
    ["day", "2026-02-14", "2026-02-14", "2026-02-14"],
    ["month", "2028-02-14", "2028-02-01", "2028-02-29"],
    ["quarter", "2026-08-30", "2026-07-01", "2026-09-30"],
    ["year", "2026-08-30", "2026-01-01", "2026-12-31"],
  ] as const)("the %s of %s is %s … %s", (kind, day, from, to) => {
    expect(periodOf(kind, day)).toEqual({ from, to });
  });
});
