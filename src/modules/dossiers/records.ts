import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import type { Queryable } from "../../db/client.js";
import { compiledOnce, first, qb } from "../../db/query.js";
import type { CorrectionStatus } from "../../domain/corrections.js";
import {
  DOSSIER_COLUMNS,
  type DossierKey,
  type DossierRow,
  type LoggedAction,
  provinceOf,
} from "./repository-reads.js";

/** An uploaded file of a dossier, as its view lists it. */
export type FileRow = {
  componentKey: string;
  sha256: string;
  filename: string;
  mime: string;
  originalMime: string;
  sizeBytes: number;
  uploadedAt: Date;
};

/** A "this is wrong" request filed on a dossier's prefilled value. */
export type CorrectionRow = {
  fieldKey: string;
  registry: string;
  registryValue: string | null;
  claimedValue: string | null;
  note: string | null;
  /** open, accepted or rejected: the owning agency's decision, with its reason and the value it applied. */
  status: CorrectionStatus;
  decisionReason: string | null;
  appliedValue: string | null;
  decidedAt: Date | null;
  /** When the owner's office received the request (its case opened); null while on its way. */
  receivedAt: Date | null;
  createdAt: Date;
};

/** What hangs off a dossier: its action log (in order), files, correction requests and rating. */
export type DossierParts = {
  log: LoggedAction[];
  files: FileRow[];
  corrections: CorrectionRow[];
  rating: { score: number; comment: string | null } | null;
};

/** A dossier with what hangs off it: what its view shows, as one request holds it. */
export type DossierRecord = { dossier: DossierRow; parts: DossierParts };

/** The parts of the dossier `d` as JSON columns of one row: each table read by the dossier's key. */
const partsOf = (d: DossierKey) =>
  [
    jsonArrayFrom(
      qb
        .selectFrom("dossier_actions as a")
        .select([
          "a.seq",
          "a.at",
          "a.action",
          "a.actor_kind as actorKind",
          "a.actor_id as actorId",
          "a.actor_role as role",
          "a.channel",
          "a.reason",
          "a.payload",
        ])
        .where("a.province_code", "=", d.provinceCode)
        .where("a.dossier_id", "=", d.id)
        .orderBy("a.seq"),
    ).as("log"),
    jsonArrayFrom(
      qb
        .selectFrom("dossier_files as f")
        .select([
          "f.component_key as componentKey",
          "f.sha256",
          "f.filename",
          "f.mime",
          "f.original_mime as originalMime",
          "f.size_bytes as sizeBytes",
          "f.uploaded_at as uploadedAt",
        ])
        .where("f.province_code", "=", d.provinceCode)
        .where("f.dossier_id", "=", d.id)
        .orderBy("f.uploaded_at"),
    ).as("files"),
    jsonArrayFrom(
      qb
        .selectFrom("correction_requests as c")
        .select([
          "c.field_key as fieldKey",
          "c.registry",
          "c.registry_value as registryValue",
          "c.claimed_value as claimedValue",
          "c.note",
          "c.status",
          "c.decision_reason as decisionReason",
          "c.applied_value as appliedValue",
          "c.decided_at as decidedAt",
          "c.received_at as receivedAt",
          "c.created_at as createdAt",
        ])
        .where("c.province_code", "=", d.provinceCode)
        .where("c.dossier_id", "=", d.id)
        .orderBy("c.id"),
    ).as("corrections"),
    jsonObjectFrom(
      qb
        .selectFrom("ratings as r")
        .select(["r.score", "r.comment"])
        .where("r.province_code", "=", d.provinceCode)
        .where("r.dossier_id", "=", d.id),
    ).as("rating"),
  ] as const;

/** The parts as JSON carries them: instants as ISO text. */
type RawParts = {
  log: Array<
    Omit<LoggedAction, "at" | "type" | "reason"> & {
      at: string;
      action: LoggedAction["type"];
      reason: string | null;
    }
  >;
  files: Array<Omit<FileRow, "uploadedAt"> & { uploadedAt: string }>;
  corrections: Array<
    Omit<CorrectionRow, "createdAt" | "decidedAt" | "receivedAt"> & {
      createdAt: string;
      decidedAt: string | null;
      receivedAt: string | null;
    }
  >;
  rating: DossierParts["rating"];
};

function toParts(r: RawParts): DossierParts {
  return {
    // By `seq`, the log's own order: json_agg keeps its subquery's order only usually, and two
    // actions may share an instant (the reducer and every timeline read it in this order).
    log: r.log
      .map(({ action, at, reason, ...a }) => ({
        ...a,
        type: action,
        at: new Date(at),
        reason: reason ?? undefined,
      }))
      .sort((a, b) => a.seq - b.seq),
    files: r.files.map((f) => ({ ...f, uploadedAt: new Date(f.uploadedAt) })),
    corrections: r.corrections.map((c) => ({
      ...c,
      createdAt: new Date(c.createdAt),
      decidedAt: c.decidedAt ? new Date(c.decidedAt) : null,
      receivedAt: c.receivedAt ? new Date(c.receivedAt) : null,
    })),
    rating: r.rating,
  };
}

const partsStatement = compiledOnce((p: DossierKey) => qb.selectNoFrom(partsOf(p)).$castTo<RawParts>());

/**
 * The log, files, correction requests and rating of a dossier, in one statement. Inside a
 * command's transaction, read them after locking the row: the statement's snapshot then holds
 * everything committed before the lock was granted (an upload that held the lock, an action).
 */
export async function loadParts(q: Queryable, d: DossierKey): Promise<DossierParts> {
  const r = await first(q, partsStatement({ id: d.id, provinceCode: d.provinceCode }));
  if (!r) throw new Error(`no parts for dossier ${d.id}`);
  return toParts(r);
}

/** A dossier and its parts in one statement (no lock: one snapshot holds both), or undefined. */
export async function findDossierRecord(q: Queryable, id: string): Promise<DossierRecord | undefined> {
  const province = await provinceOf(q, id);
  if (!province) return undefined;
  const r = await first(
    q,
    qb
      .selectFrom("dossiers as d")
      .select([...DOSSIER_COLUMNS, ...partsOf({ id, provinceCode: province })])
      .where("d.province_code", "=", province)
      .where("d.id", "=", id)
      .$castTo<DossierRow & RawParts>(),
  );
  if (!r) return undefined;
  const { log, files, corrections, rating, ...dossier } = r;
  return { dossier, parts: toParts({ log, files, corrections, rating }) };
}
