import { describe, expect, it } from "vitest";
import { parseHistoryLine } from "../src/domain/history.js";
import { dossierFacts } from "../src/domain/kpis.js";
import { historyLine } from "./helpers/history.js";

/** The history import's format carries the apology slip (`apologize`, reason and new date). */
const late = historyLine({
  n: 1,
  commune: "20194",
  channel: "online",
  receiveAt: "10-05 08:00",
  dueAt: "10-05 17:00",
  result: { at: "10-06 10:00" },
});
const withApology = (extra: Record<string, unknown>) => {
  const actions = [...(late.actions as Array<Record<string, unknown>>)];
  // Before the decision (the last two actions), at 16:00 on the due day.
  actions.splice(actions.length - 2, 0, {
    at: "2026-10-05T16:00:00+07:00",
    action: "apologize",
    role: "specialist",
    ...extra,
  });
  return JSON.stringify({ ...late, actions });
};

describe("history import: the apology slip", () => {
  it.each<[string, string, boolean | string]>([
    [
      "with a reason and a new date: imported, counted as apologised in time",
      withApology({ reason: "Chờ xác minh của cơ quan khác.", newDueAt: "2026-10-07T17:00:00+07:00" }),
      true,
    ],
    ["without a new date: refused", withApology({ reason: "Chờ xác minh của cơ quan khác." }), "newDueAt"],
    ["without a reason: refused", withApology({ newDueAt: "2026-10-07T17:00:00+07:00" }), "newDueAt"],
    [
      "a new date that is not an instant: refused",
      withApology({ reason: "Chờ xác minh.", newDueAt: "7/10" }),
      "newDueAt",
    ],
  ])("%s", (_n, text, want) => {
    const r = parseHistoryLine(text);
    if (typeof want === "string") {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(`${r.vi} ${r.en}`).toContain(want);
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const apology = r.dossier.log.find((a) => a.type === "apologize");
    expect(apology?.payload).toEqual({ newDueAt: "2026-10-07T10:00:00.000Z" });
    const facts = dossierFacts({
      channel: "online",
      fieldsPrefilled: 0,
      componentsReplaced: 0,
      paperComponents: 0,
      rating: null,
      complaint: false,
      // The due instant is written into the receipt when the line is recorded (modules/dossiers/history.ts).
      log: r.dossier.log.map((a) =>
        a.type === "receive" ? { ...a, payload: { dueAt: "2026-10-05T10:00:00.000Z" } } : a,
      ),
    });
    expect({ onTime: facts.onTime, apologizedInTime: facts.apologizedInTime }).toEqual({
      onTime: false,
      apologizedInTime: want,
    });
  });
});
