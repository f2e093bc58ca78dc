import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { BIRTH_GROUP_APPLICATION, people } from "../helpers/fixtures.js";
import { clockFrom, Browser as Http, type TestServer } from "../helpers/server.js";
import { phone, serverAndBrowser, settled, signIn } from "./browser.js";

/**
 * The sign-in and set-up steps the linked-group browser tests share (birth and death groups,
 * offers, the combined form): a person or officer signed in over HTTP or on a phone, a group's
 * step's dossier, an officer's actions on it.
 */

/** A browser test file's server and Chromium (`serverAndBrowser`). */
type Env = { s: TestServer; chromium: Browser };

/** An API client signed in as `login` (a personal number, or an officer's or admin's account). */
export async function apiAs(s: TestServer, login: string): Promise<Http> {
  const b = new Http(s.baseUrl);
  await b.signIn(login);
  return b;
}

/** A phone (390×844, the server's clock) signed in as `login`, opened at `path`, once `ready` shows. */
export async function phoneAs(env: Env, login: string, path: string, ready: string): Promise<Page> {
  const page = await phone(env.chromium, env.s.now);
  await signIn(page, env.s.baseUrl, login, path);
  await settled(page, ready);
  return page;
}

/** The dossier id of a linked group's step, as the applicant's client reads the group. */
export async function stepDossier(applicant: Http, groupId: string, key: string): Promise<string> {
  const r = await applicant.send<{ steps: Array<{ key: string; dossierId: string | null }> }>(
    "GET",
    `/api/linked-applications/${groupId}`,
  );
  return r.body.steps.find((x) => x.key === key)?.dossierId as string;
}

/** The officer `login` takes `actions` on dossier `id` in turn, each answered 200. */
export async function actAs(s: TestServer, login: string, id: string, ...actions: string[]): Promise<void> {
  const officer = await apiAs(s, login);
  for (const action of actions) {
    const r = await officer.send("POST", `/api/dossiers/${id}/actions`, { action });
    expect(r.status, `${login} ${action}: ${JSON.stringify(r.body)}`).toBe(200);
  }
}

/**
 * The death group's browser tests' server and Chromium: the morning after the death (Thursday
 * 5 November 2026, 09:00 in Vietnam), the outbox delivered only by `drain()`; `env` as
 * `startTestServer`'s.
 */
export function morningAfterDeath(env: Record<string, string> = {}): Env {
  return serverAndBrowser(env, { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")), delivery: "manual" });
}

/**
 * The mother files the birth group (`BIRTH_GROUP_APPLICATION`, commune 20194) and the one-stop
 * desk receives its birth step: the group's id, the birth step's dossier and her API client.
 */
export async function birthGroupReceived(
  s: TestServer,
): Promise<{ mother: Http; groupId: string; birth: string }> {
  const mother = await apiAs(s, people.mother.pn);
  const filed = await mother.send<{ id: string }>(
    "POST",
    "/api/linked-applications",
    BIRTH_GROUP_APPLICATION,
  );
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const birth = await stepDossier(mother, filed.body.id, "birth");
  await actAs(s, "motcua.20194", birth, "receive");
  return { mother, groupId: filed.body.id, birth };
}
