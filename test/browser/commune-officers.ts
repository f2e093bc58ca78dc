import { expect } from "vitest";
import { Browser as Http, type TestServer } from "../helpers/server.js";

/**
 * Commune A's officers as they exist today (receiver, specialist, leader of Hải Vân, 20194),
 * signed in over HTTP: `finish` takes a dossier through receipt, review and the leader's decision
 * (a result issued, or refused with `refuse`), each action answered 200, then delivers what it sent.
 */
export async function communeOfficers(s: TestServer) {
  const officer = async (login: string) => {
    const b = new Http(s.baseUrl);
    await b.signIn(login);
    return b;
  };
  const [receiver, specialist, leader] = (await Promise.all(
    ["motcua.20194", "chuyenvien.20194", "lanhdao.20194"].map(officer),
  )) as [Http, Http, Http];
  const act = async (b: Http, id: string, action: string, reason?: string) => {
    const r = await b.send("POST", `/api/dossiers/${id}/actions`, { action, ...(reason ? { reason } : {}) });
    expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  };
  /**
   * `agency`: the login of the officer of the agency that decides the step (the commune police
   * `congan.<commune>`, civil status `hotich.<commune>`, social security `bhxh.tinh.<province>`):
   * after the one-stop receipt they review and decide alone, as agency officers do; without it,
   * the commune's specialist and leader. A step the platform received itself (a linked step
   * started from the group's result) is not received again.
   */
  const finish = async (id: string, refuse?: string, agency?: string) => {
    const now = await receiver.send<{ status: string }>("GET", `/api/dossiers/${id}`);
    if (now.body.status === "submitted") await act(receiver, id, "receive");
    const own = agency ? await officer(agency) : undefined;
    await act(own ?? specialist, id, "forward");
    if (refuse) await act(own ?? leader, id, "refuse", refuse);
    else {
      await act(own ?? leader, id, "approve");
      await act(own ?? leader, id, "issue_result");
    }
    await s.drain();
  };
  return { finish };
}
