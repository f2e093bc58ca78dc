import { spawn } from "node:child_process";
import { dailySnapshot, monthlySnapshot } from "../../src/modules/metrics/index.js";
import type { TestDatabase } from "./db.js";

/**
 * Lines of the history import format (shared/KPIS.md) from a short description, for tests. Times
 * are local (UTC+7), written "MM-DD HH:MM" in 2026. Every dossier is submitted 20 minutes before its
 * receipt (or at `submitAt`); a decided one is forwarded at its receipt and approved at its decision.
 */
export type Spec = {
  n: number;
  commune: string;
  channel: "online" | "online_on_behalf" | "counter";
  procedure?: string;
  fee?: number;
  /** The fee's payment, before the receipt: by the bank (online) or at the counter. */
  paid?: "online" | "counter";
  prefilled?: number;
  replaced?: number;
  paper?: number;
  rating?: number;
  complaint?: boolean;
  submitAt?: string;
  receiveAt?: string;
  /** Omitted: the platform computes it from the procedure's limit. */
  dueAt?: string;
  supplements?: Array<[string, string]>;
  result?: { at: string; electronic?: boolean };
  refuseAt?: string;
  withdrawAt?: string;
  refuseReceiptAt?: string;
};

const PROVINCE_OF: Record<string, string> = { "20194": "48", "20197": "48", "00004": "01" };
export const at = (s: string) => `${s.length > 11 ? s : `2026-${s}`.replace(" ", "T")}:00+07:00`;
const SUBMITTER = { online: "citizen", online_on_behalf: "agent", counter: "receiver" } as const;

function minus20(s: string): string {
  const d = new Date(Date.parse(at(s)) - 20 * 60_000 + 7 * 3_600_000).toISOString();
  return `${d.slice(5, 10)} ${d.slice(11, 16)}`;
}

export function historyLine(s: Spec): Record<string, unknown> {
  const province = PROVINCE_OF[s.commune];
  const code = `UB.${s.commune}.H${province}-261005-${String(s.n).padStart(4, "0")}`;
  const first = s.receiveAt ?? s.refuseReceiptAt ?? s.withdrawAt ?? "10-05 08:00";
  const actions: Array<Record<string, unknown>> = [
    { at: at(s.submitAt ?? minus20(first)), action: "submit", role: SUBMITTER[s.channel] },
  ];
  const push = (when: string, action: string, role: string, extra: Record<string, unknown> = {}) =>
    actions.push({ at: at(when), action, role, ...extra });
  if (s.paid) push(minus20(first), "record_payment", "system", { online: s.paid === "online" });
  if (s.refuseReceiptAt) push(s.refuseReceiptAt, "refuse_receipt", "receiver", { reason: "Thiếu giấy tờ" });
  if (s.receiveAt) push(s.receiveAt, "receive", "receiver");
  for (const [req, sup] of s.supplements ?? []) {
    push(req, "request_supplement", "receiver", { reason: "Bổ sung giấy tờ" });
    push(sup, "supplement", "citizen");
  }
  if (s.withdrawAt) push(s.withdrawAt, "withdraw", "citizen");
  const decision = s.result?.at ?? s.refuseAt;
  if (decision && !s.supplements?.length && s.receiveAt) push(s.receiveAt, "forward", "receiver");
  if (s.result) {
    push(s.result.at, "approve", "approver");
    push(s.result.at, "issue_result", "approver", { electronic: s.result.electronic ?? true });
  }
  if (s.refuseAt) push(s.refuseAt, "refuse", "approver", { reason: "Không đủ điều kiện" });
  return {
    code,
    procedure: s.procedure ?? "1.001193",
    commune: s.commune,
    channel: s.channel,
    applicant: `0480946${String(s.n).padStart(5, "0")}`,
    ...(s.dueAt ? { dueAt: at(s.dueAt) } : {}),
    fee: s.fee ?? 0,
    fields: { total: 20, prefilled: s.prefilled ?? 0 },
    components: { uploaded: 1, replacedByData: s.replaced ?? 0, paper: s.paper ?? 0 },
    ...(s.rating !== undefined ? { rating: s.rating } : {}),
    ...(s.complaint !== undefined ? { complaint: s.complaint } : {}),
    actions,
  };
}

export type Exit = { code: number | null; stdout: string; stderr: string };

/** Runs a command (`src/cli/<name>.ts`) on the test database, as `npm run` would. */
export function runCli(tdb: TestDatabase, name: string, args: string[] = []): Promise<Exit> {
  const child = spawn(process.execPath, ["--import", "tsx", `src/cli/${name}.ts`, ...args], {
    cwd: process.cwd(),
    env: { ...tdb.env, PATH: process.env.PATH ?? "", DEMO_SEED: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The rollups of a test database, every row that counts something (days, then months): compared across a rebuild. */
export async function rollupSnapshots(tdb: TestDatabase) {
  const db = await tdb.open();
  try {
    return { days: await dailySnapshot(db), months: await monthlySnapshot(db) };
  } finally {
    await db.close();
  }
}

/** Đà Nẵng's province leader as the KPI functions take a principal (drill-downs of imported history). */
export const PROVINCE_LEADER_48 = {
  kind: "officer",
  id: "officer:lanhdao.tinh.48",
  username: "lanhdao.tinh.48",
  name: "Leader",
  role: "province_leader",
  jurisdiction: { level: "province", code: "48", provinceCode: "48" },
} as const;
