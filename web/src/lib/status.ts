/** The colour family of a status badge. */
export const statusTone = (s: string) =>
  ["result_issued", "result_returned", "approved"].includes(s)
    ? "ok"
    : ["refused", "rejected", "withdrawn"].includes(s)
      ? "bad"
      : s === "supplement_requested"
        ? "warn"
        : "info";
