import type { Queryable } from "../../db/client.js";
import type { ActionType } from "../../domain/lifecycle.js";
import type { DossierRow, LoggedAction } from "./repository-reads.js";

/**
 * What a dossier change tells the modules that keep figures about dossiers (the metrics' rollups),
 * in the change's own transaction: the dossier as the change leaves it, its whole log (null when
 * the change is not an action, e.g. a rating), and what happened.
 */
export type DossierChange = {
  dossier: DossierRow;
  log: readonly LoggedAction[] | null;
  event: ActionType | "rate";
};
export type DossierObserver = (q: Queryable, change: DossierChange) => Promise<void>;

const observers = new Set<DossierObserver>();

/**
 * Registers an observer of every dossier change (the composition root does it: the server and the
 * commands that change dossiers). Dossiers import no module that observes them: the observer
 * comes to them (no cycle). Registering the same function twice has no effect.
 */
export function observeDossiers(observer: DossierObserver): void {
  observers.add(observer);
}

/** Runs the observers in the change's transaction; an observer's failure fails the change. */
export async function notifyObservers(q: Queryable, change: DossierChange): Promise<void> {
  for (const o of observers) await o(q, change);
}
