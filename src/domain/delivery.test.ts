import { describe, expect, it } from "vitest";
import { queueViewOf, retryDelayMs, statusOnReport } from "./delivery.js";

const b = { baseMs: 10_000, maxMs: 3_600_000 };

describe("retry delay: exponential with equal jitter, capped", () => {
  it.each<[string, number, number, number]>([
    ["first retry, least jitter", 1, 0, 5_000],
    ["first retry, most jitter", 1, 1, 10_000],
    ["second retry doubles", 2, 0, 10_000],
    ["third retry, half jitter", 3, 0.5, 30_000],
    ["ninth retry: 10 s · 2^8 = 2,560 s", 9, 1, 2_560_000],
    ["tenth retry: 5,120 s capped at one hour", 10, 1, 3_600_000],
    ["far beyond: still the cap", 80, 0, 1_800_000],
    ["attempt 0 is taken as the first", 0, 0, 5_000],
    ["random out of range is clamped", 1, 7, 10_000],
  ])("%s", (_name, attempt, random, expected) => {
    expect(retryDelayMs(attempt, b, random)).toBe(expected);
  });

  it("never waits less than half of the previous cap: waits grow", () => {
    for (let n = 1; n < 12; n++)
      expect(retryDelayMs(n + 1, b, 0)).toBeGreaterThanOrEqual(Math.min(retryDelayMs(n, b, 0), b.maxMs / 2));
  });
});

describe("the administrator's views of a stored message", () => {
  it.each([
    [{ state: "pending", lastError: null }, "pending"],
    [{ state: "pending", lastError: "SMTP 421" }, "failed"],
    [{ state: "dead", lastError: "SMTP 550" }, "dead"],
    [{ state: "delivered", lastError: null }, undefined],
    [{ state: "discarded", lastError: "x" }, "discarded"],
  ] as const)("%o is %s", (m, view) => {
    expect(queueViewOf(m)).toBe(view);
  });
});

describe("a notification's status on an SMS gateway's delivery report", () => {
  it.each([
    ["sent", "delivered", "delivered"],
    ["sent", "failed", "failed"],
    ["queued", "delivered", "delivered"], // the report overtook our own record of the send
    ["delivered", "failed", undefined], // the first final report wins
    ["failed", "delivered", undefined],
    ["delivered", "delivered", undefined], // reported twice
  ] as const)("%s + report %s → %s", (current, report, next) => {
    expect(statusOnReport(current, report)).toBe(next);
  });
});
