/**
 * A generated history (`npm run seed -- --history-months 12`, and a short one on the first
 * `npm start`): lines of KPIS.md's history import format, so the seeded dossiers are checked and
 * recorded by the same code as imported ones. Pure and deterministic: the same options give the
 * same lines. Each commune has its own profile (online share, punctuality, supplements, paper,
 * ratings, complaints, volume), drawn from the seed and the commune's code, and improves a little
 * month by month, so rankings and trends mean something. Dossiers whose decision would fall after
 * `now` stay open (received, in processing): the forecast of the month's end reads their clocks.
 * Days are local (UTC+7) working days of the `months` months up to yesterday, before the local day
 * of `now` (today's codes belong to the live sequence of each agency, `nextDossierCode`).
 */
import { addWorkingHours, isWorkingDay, localDate, localInstant, WORKING_PERIODS } from "./calendar/index.js";
import { dueAt } from "./due.js";
import type { HistoryLine } from "./history.js";
import type { Channel } from "./lifecycle.js";
import type { TimeLimit } from "./procedure.js";

/**
 * A commune of the history; `people`: registry persons living there (adults, by personal number),
 * the applicants the history picks from, so that a history dossier names a real person of the
 * registry. Without people, a made-up personal number and no name.
 */
export type SeedCommune = { code: string; provinceCode: string; people?: readonly SeedPerson[] };
export type SeedPerson = { personalNumber: string; fullName: string };
export type SeedProcedure = {
  code: string;
  timeLimit: TimeLimit;
  /** The fee in đồng (0: free). */
  fee: number;
  fieldsTotal: number;
  /** Components the registries can replace. */
  replaceable: number;
  /** The processing agency's code for a commune, e.g. `UB.20194.H48`. */
  agencyOf: (commune: SeedCommune) => string;
};
export type HistorySeedOptions = {
  seed: number;
  now: Date;
  months: number;
  communes: readonly SeedCommune[];
  procedures: readonly SeedProcedure[];
  /** Mean dossiers a month in a commune (each commune's volume varies around it). */
  perCommuneMonth: number;
};

/** A commune's habits: probabilities (0–1) and a volume factor. */
export type CommuneProfile = {
  volume: number;
  online: number;
  onBehalf: number;
  onTime: number;
  supplement: number;
  paper: number;
  electronic: number;
  reuse: number;
  rated: number;
  ratingMean: number;
  complaint: number;
  withdraw: number;
  refuseReceipt: number;
  refuse: number;
  /** Of its late dossiers, the share whose apology slip is sent before the due instant. */
  apology: number;
};

/** mulberry32: a small, well-known 32-bit generator; `next()` in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hash = (s: string, seed: number) => {
  let h = 2166136261 ^ seed;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
};

/** The profile of a commune for a seed: the same commune and seed, the same profile. */
export function communeProfile(seed: number, communeCode: string): CommuneProfile {
  const r = prng(hash(communeCode, seed));
  const between = (lo: number, hi: number) => lo + (hi - lo) * r();
  return {
    volume: between(0.5, 1.6),
    online: between(0.2, 0.92),
    onBehalf: between(0.05, 0.2),
    onTime: between(0.72, 0.99),
    supplement: between(0.03, 0.18),
    paper: between(0.02, 0.3),
    electronic: between(0.6, 0.99),
    reuse: between(0.25, 0.9),
    rated: between(0.2, 0.7),
    ratingMean: between(3.2, 4.8),
    complaint: between(0.002, 0.03),
    withdraw: between(0.005, 0.03),
    refuseReceipt: between(0.01, 0.05),
    refuse: between(0.01, 0.05),
    // Drawn last, so the other habits are those of the seed before the apology slip existed.
    apology: between(0.05, 0.9),
  };
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().replace("Z", "+07:00");

/** Working days of the month `first` (YYYY-MM-01) strictly before `before` (YYYY-MM-DD). */
function workingDaysOf(first: string, before: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); ; t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day.slice(0, 7) !== first.slice(0, 7) || day >= before) break;
    if (isWorkingDay(day)) days.push(day);
  }
  return days;
}

/** The first days of the `months` months ending with the month of the day before `today`, oldest first. */
function monthStarts(today: string, months: number): string[] {
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - DAY).toISOString();
  const y = Number(yesterday.slice(0, 4));
  const m = Number(yesterday.slice(5, 7)) - 1;
  return Array.from({ length: months }, (_, i) => {
    const k = y * 12 + m - (months - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}-01`;
  });
}

/**
 * The generated history, one KPIS.md line a dossier, month by month, commune by commune. Codes are
 * `<agency>-<YYMMDD>-<n>` numbered per agency and day from 1, so a second run with the same options
 * gives the same codes (and the import skips them). Throws RangeError on `months` < 1.
 */
export function* historyLines(o: HistorySeedOptions): Generator<HistoryLine> {
  if (!(o.months >= 1) || o.procedures.length === 0) throw new RangeError("months >= 1 and procedures");
  const today = localDate(o.now);
  const starts = monthStarts(today, o.months);
  const seqs = new Map<string, number>();
  for (const [mi, start] of starts.entries()) {
    const days = workingDaysOf(start, today);
    if (days.length === 0) continue;
    const trend = (mi + 1) / starts.length; // later months a little better
    for (const commune of o.communes) {
      const p = communeProfile(o.seed, commune.code);
      const r = prng(hash(`${commune.code}|${start}`, o.seed));
      const n = Math.round(o.perCommuneMonth * p.volume * (days.length / 21) * (0.85 + 0.3 * r()));
      const dossiers = Array.from({ length: n }, () => ({
        day: days[Math.floor(r() * days.length)] as string,
        minute: Math.floor(r() * 480),
      })).sort((a, b) => (a.day === b.day ? a.minute - b.minute : a.day < b.day ? -1 : 1));
      for (const d of dossiers) {
        const procedure = o.procedures[Math.floor(r() * o.procedures.length)] as SeedProcedure;
        const agency = procedure.agencyOf(commune);
        const key = `${agency}|${d.day}`;
        const seq = (seqs.get(key) ?? 0) + 1;
        seqs.set(key, seq);
        const code = `${agency}-${d.day.slice(2, 4)}${d.day.slice(5, 7)}${d.day.slice(8, 10)}-${String(seq).padStart(4, "0")}`;
        yield dossierLine(o, commune, procedure, p, r, trend, code, d);
      }
    }
  }
}

/**
 * `at` if it falls in office hours (a working day's WORKING_PERIODS, Vietnam time); otherwise, a
 * few minutes inside the last period that ended before it ("back", if that is still after `after`)
 * or the next one that opens after it. The minutes come from `at` itself (no draw).
 */
export function officeInstant(at: Date, direction: "back" | "forward", after: Date): Date {
  const offset = (1 + (Math.floor(at.getTime() / MINUTE) % 85)) * MINUTE;
  const periods = (day: string) =>
    isWorkingDay(day)
      ? WORKING_PERIODS.map((p) => ({ start: localInstant(day, p.start), end: localInstant(day, p.end) }))
      : [];
  const today = localDate(at);
  const nextDay = (day: string, n: number) =>
    localDate(new Date(localInstant(day, "12:00").getTime() + n * DAY));
  if (periods(today).some((p) => p.start <= at && at < p.end)) return at;
  if (direction === "back") {
    for (let day = today, i = 0; i < 15; i++, day = nextDay(day, -1)) {
      const ended = periods(day)
        .filter((p) => p.end <= at)
        .at(-1);
      if (!ended) continue;
      const back = new Date(Math.max(ended.start.getTime(), ended.end.getTime() - offset));
      if (back > after) return back;
      break;
    }
  }
  for (let day = today; ; day = nextDay(day, 1)) {
    const opens = periods(day).find((p) => p.start > at && p.start > after);
    if (opens) return new Date(Math.min(opens.end.getTime() - MINUTE, opens.start.getTime() + offset));
  }
}

/** The applicant from two draws (as many as a made-up number takes: the rest of the history is unchanged). */
function applicantOf(
  commune: SeedCommune,
  a: number,
  b: number,
): { applicant: string; applicantName?: string } {
  const people = commune.people ?? [];
  const person = people[Math.floor(a * people.length)];
  if (person) return { applicant: person.personalNumber, applicantName: person.fullName };
  return { applicant: `0480${60 + Math.floor(a * 40)}${String(Math.floor(b * 1e6)).padStart(6, "0")}` };
}

function dossierLine(
  o: HistorySeedOptions,
  commune: SeedCommune,
  procedure: SeedProcedure,
  p: CommuneProfile,
  r: () => number,
  trend: number,
  code: string,
  d: { day: string; minute: number },
): HistoryLine {
  const online = r() < Math.min(0.98, p.online + 0.1 * trend);
  const channel: Channel = online ? (r() < p.onBehalf ? "online_on_behalf" : "online") : "counter";
  const submitter = channel === "online" ? "citizen" : channel === "online_on_behalf" ? "agent" : "receiver";
  // Online dossiers may be filed any time of the day; the counter opens at 07:30.
  const submitAt = online
    ? new Date(localInstant(d.day, "00:00").getTime() + Math.floor(r() * 1_000) * MINUTE)
    : new Date(localInstant(d.day, "07:30").getTime() + d.minute * MINUTE);
  const actions: HistoryLine["actions"] = [];
  const push = (at: Date, action: string, role: HistoryLine["actions"][number]["role"], extra = {}) =>
    actions.push({ at: iso(at), action, role, ...extra } as HistoryLine["actions"][number]);
  push(submitAt, "submit", submitter);
  const paper = !online || r() < p.paper ? Math.floor(r() * 2) + (online ? 1 : 0) : 0;
  const base = {
    code,
    procedure: procedure.code,
    commune: commune.code,
    channel,
    ...applicantOf(commune, r(), r()),
    fee: procedure.fee,
    fields: { total: procedure.fieldsTotal, prefilled: 0 },
    components: { uploaded: online ? 1 : 0, replacedByData: 0, paper },
  };
  if (r() < p.reuse) {
    base.fields.prefilled = Math.max(1, Math.floor(procedure.fieldsTotal * (0.4 + 0.5 * r())));
    base.components.replacedByData =
      procedure.replaceable > 0 ? 1 + Math.floor(r() * procedure.replaceable) : 0;
  }
  let t = new Date(submitAt.getTime() + (10 + Math.floor(r() * 50)) * MINUTE);
  if (procedure.fee > 0) push(t, "record_payment", "system", { online: online && r() < 0.85 });
  // The receipt: the next office instant after the submission.
  t = addWorkingHours(t, 0.25 + r());
  if (t >= o.now) return { ...base, actions };
  if (r() < p.refuseReceipt) {
    push(t, "refuse_receipt", "receiver", { reason: "Hồ sơ không đúng thẩm quyền" });
    return { ...base, actions };
  }
  const received = t;
  push(received, "receive", "receiver");
  if (r() < p.withdraw) {
    const w = new Date(received.getTime() + (1 + Math.floor(r() * 240)) * MINUTE);
    if (w < o.now) push(w, "withdraw", "citizen");
    return { ...base, actions };
  }
  const due = dueAt(received, procedure.timeLimit);
  // Supplement waits: usually none, sometimes one, rarely two (which makes the dossier late).
  const waits = r() < p.supplement ? (r() < 0.1 ? 2 : 1) : 0;
  let waited = 0;
  for (let i = 0; i < waits; i++) {
    const req = new Date(t.getTime() + (20 + Math.floor(r() * 60)) * MINUTE);
    const back = new Date(req.getTime() + (1 + Math.floor(r() * 3)) * DAY);
    if (back >= o.now) {
      if (req < o.now) push(req, "request_supplement", "receiver", { reason: "Bổ sung giấy tờ" });
      return { ...base, actions };
    }
    push(req, "request_supplement", "receiver", { reason: "Bổ sung giấy tờ" });
    push(back, "supplement", "citizen");
    waited += back.getTime() - req.getTime();
    t = back;
  }
  if (waits === 0) {
    // The decision comes after the forward (an office-hours decision moved back stays after it).
    t = new Date(received.getTime() + 5 * MINUTE);
    push(t, "forward", "receiver");
  }
  const span = Math.max(30 * MINUTE, due.getTime() - received.getTime());
  const onTime = r() < Math.min(0.995, p.onTime + 0.05 * trend);
  const decided = onTime
    ? new Date(received.getTime() + waited + span * (0.15 + 0.8 * r()))
    : new Date(due.getTime() + waited + (2 + Math.floor(r() * 60)) * 3_600_000);
  // Signed in office hours (Vietnam time): an on-time decision no later than drawn, a late one no earlier.
  const drawn = decided.getTime() <= t.getTime() ? new Date(t.getTime() + 10 * MINUTE) : decided;
  const at = officeInstant(drawn, onTime ? "back" : "forward", t);
  if (at >= o.now) return { ...base, actions };
  if (!onTime)
    apologize(o, p, code, push, {
      after: new Date(Math.max(t.getTime(), received.getTime() + 5 * MINUTE)),
      dueAt: due.getTime() + waited,
      decidedAt: at,
    });
  if (r() < p.refuse) {
    push(at, "refuse", "approver", { reason: "Không đủ điều kiện theo quy định" });
  } else {
    push(at, "approve", "approver");
    push(at, "issue_result", "approver", { electronic: r() < p.electronic });
    const back = officeInstant(new Date(at.getTime() + (30 + Math.floor(r() * 600)) * MINUTE), "forward", at);
    if (back < o.now) push(back, "return_result", "receiver", { online: online && r() < 0.9 });
  }
  const rating =
    r() < p.rated ? Math.max(1, Math.min(5, Math.round(p.ratingMean + (r() - 0.5) * 3))) : undefined;
  const complaint = r() < p.complaint;
  return {
    ...base,
    ...(rating !== undefined ? { rating } : {}),
    ...(complaint ? { complaint } : {}),
    actions,
  };
}

/**
 * The apology slip for a late dossier (Decree 61/2018/NĐ-CP, Circular 01/2018/TT-VPCP Mẫu số 05),
 * for the commune's share of its late dossiers (`CommuneProfile.apology`): sent a few office hours
 * before the due instant (`dueAt`, moved by supplement waits), or just after the last step when that
 * is already past it (then not timely). Drawn from its own generator (the dossier's code), so the
 * rest of the history is the same lines as without it.
 */
function apologize(
  o: HistorySeedOptions,
  p: CommuneProfile,
  code: string,
  push: (at: Date, action: string, role: HistoryLine["actions"][number]["role"], extra?: object) => void,
  d: { after: Date; dueAt: number; decidedAt: Date },
): void {
  const q = prng(hash(`${code}|apology`, o.seed));
  if (q() >= p.apology) return;
  const before = new Date(d.dueAt - (1 + Math.floor(q() * 6)) * 3_600_000);
  const at = before.getTime() > d.after.getTime() ? before : new Date(d.after.getTime() + 5 * MINUTE);
  if (at.getTime() >= d.decidedAt.getTime()) return;
  const newDueAt = new Date(Math.max(d.dueAt, d.decidedAt.getTime()) + (1 + Math.floor(q() * 4)) * DAY);
  push(at, "apologize", "specialist", {
    reason: "Cần xác minh thêm với cơ quan liên quan",
    newDueAt: iso(newDueAt),
  });
}
