// Over 400 lines: the one combined form of a linked group (members, shared and later questions, defaults said, refusals), read together.
import { isEmptyValue } from "@domain/form.js";
import { birthSuggestions, childHome, joinHouseholdValues, unansweredWords } from "@domain/linked-form.js";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, api, type FieldIssue } from "../api/client";
import type { Prefill, ProcedureVersion, Value } from "../api/types";
import { NotFoundNote } from "../components/NotFoundNote";
import { ErrorMessage, errorText, Loading } from "../components/Status";
import { ValueText } from "../components/ValueText";
import { displayValue } from "../lib/display";
import { useL, useLoad, useTitle } from "../lib/hooks";
import { useIntent } from "../lib/intent";
import { loginHref, useSession } from "../session";
import { FieldInput } from "./dossier/FieldInput";
import { uploadIds } from "./dossier/UploadControl";
import { ChildHomeChoice } from "./linked/ChildHomeChoice";
import { ClosedOffer, FiledOffer } from "./linked/ClosedOffer";
import { DeceasedChoice } from "./linked/DeceasedChoice";
import { DuplicateNotice } from "./linked/DuplicateNotice";
import { GroupDraftBar } from "./linked/GroupDraftBar";
import type { Group } from "./linked/group";
import { LaterQuestions, type Question } from "./linked/LaterQuestions";
import { MemberChoice } from "./linked/MemberChoice";
import { PaperStep } from "./linked/PaperStep";
import { componentOf, groupIssues, SubmitProblems } from "./linked/SubmitProblems";
import { useDeathDrafts } from "./linked/useDeathDrafts";
import { useGroupDraft } from "./linked/useGroupDraft";

/**
 * The combined form of a linked group (`/lien-thong/nop/:code`, `?offer=` from a birth or death
 * notice's offer): what the registries know shown once, the child's name, where the child will live,
 * which optional procedures to link, one confirmation, one submission → the group's page.
 */
export default function LinkedApply() {
  const { code = "" } = useParams();
  const [search] = useSearchParams();
  const offer = search.get("offer");
  const { t, i18n } = useTranslation();
  const l = useL();
  const navigate = useNavigate();
  const { principal, loading: sessionLoading } = useSession();
  const group = useLoad((signal) => api.get<Group>(`/api/linked-groups/${code}`, { signal }), [code]);
  const first = group.data?.members.find((m) => !m.optional);
  const citizen = principal?.kind === "citizen";
  // No electronic death notice: the deceased chosen from the household fills the form from their record.
  const [deceased, setDeceased] = useState<string | null>(null);
  const [relatives, setRelatives] = useState<number | null>(null);
  // The person's open offers: an offer's link opened once it closed says so at once (no form).
  const offers = useLoad(
    (signal) =>
      citizen && offer
        ? api.get<{ items: Array<{ id: string; noticeId: string }> }>("/api/me/linked-offers", { signal })
        : Promise.resolve(null),
    [citizen, offer],
  );
  // An offer's form is filled from its own notice (of twins' two notices, this one).
  const notice = offer ? offers.data?.items.find((o) => o.id === offer)?.noticeId : undefined;
  const prefill = useLoad(
    (signal) => {
      if (!citizen || !first || (offer && !notice)) return Promise.resolve(null);
      const query = new URLSearchParams({
        ...(deceased ? { deceased } : {}),
        ...(notice ? { notice } : {}),
      }).toString();
      return api.get<Prefill>(
        `/api/procedures/${encodeURIComponent(first.procedureCode)}/prefill${query ? `?${query}` : ""}`,
        { signal },
      );
    },
    [first?.procedureCode, citizen, deceased, offer, notice],
  );
  const procedure = useLoad(
    (signal) =>
      first
        ? api.get<ProcedureVersion>(`/api/procedures/${encodeURIComponent(first.procedureCode)}`, { signal })
        : Promise.resolve(null),
    [first?.procedureCode],
  );
  const def = group.data;
  const unknown = group.error instanceof ApiError && [400, 404].includes(group.error.status);
  useTitle(def ? l(def.nameVi, def.nameEn) : unknown ? t("notFound.title") : t("linked.title"));
  const known = useMemo(
    () => Object.fromEntries((prefill.data?.fields ?? []).map((f) => [f.key, f.value])),
    [prefill.data],
  );
  const marriage =
    prefill.data?.components.some((c) => c.key === "marriageCertificate" && c.replaced) ?? false;
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [sworn, setSworn] = useState(false);
  const [typed, setTyped] = useState<Record<string, Value>>({});
  const [later, setLater] = useState<Record<string, Value>>({});
  // The later steps' questions asked now (their required fields, as the server lists them).
  const [questions, setQuestions] = useState<Question[]>([]);
  const [draftId, setDraftId] = useState<string | null>(null);
  // Where the child will live: another household than the applicant's (the father's), by id.
  const [childHomeId, setChildHomeId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The fields a refused filing named (each by its label), and how many times it was refused.
  const [issues, setIssues] = useState<Record<string, FieldIssue>>({});
  const [refusals, setRefusals] = useState(0);
  // The offer was filed meanwhile (another tab, a relative): the group to open when it is theirs.
  const [filed, setFiled] = useState<{ groupId: string | null } | null>(null);
  const intent = useIntent<{ id: string }>(`linked:${code}:${offer ?? ""}`);
  // The form left and reopened: the newest death-registration draft resumed (its person, its scan).
  const started = useDeathDrafts(first?.procedureCode, citizen && code === "death" && !offer);
  const [resumed, setResumed] = useState(false);
  const drafts = started.data?.of === first?.procedureCode ? started.data?.drafts : undefined;
  useEffect(() => {
    if (resumed || !drafts) return;
    setResumed(true);
    const newest = drafts[0];
    if (!newest) return;
    setDeceased(newest.deceased);
    setDraftId(newest.id);
    // What was typed into it comes back (the time and place of death), refused values with their words.
    setTyped((old) => ({ ...old, ...newest.typed }));
    setIssues(newest.issues);
  }, [drafts, resumed]);
  // The whole form kept as she types, read once the first step's drafts are (their values win).
  const groupDraft = useGroupDraft(
    {
      group: code,
      offer,
      enabled: citizen && def !== undefined && (code !== "death" || !!offer || !!drafts),
    },
    { chosen, name, typed, later, deceased, childHome: childHomeId },
    (saved, fresh) => {
      setChosen(saved.chosen);
      setName(saved.name);
      setTyped((old) => (fresh ? {} : { ...saved.typed, ...old }));
      setLater(saved.later);
      setChildHomeId(saved.childHome);
      if (fresh || (saved.deceased && saved.deceased !== deceased)) {
        setDeceased(saved.deceased);
        setDraftId(drafts?.find((d) => d.deceased === saved.deceased)?.id ?? null);
      }
    },
  );

  // An unknown group's address says "not found", to anyone (signing in would not help).
  if (unknown) return <NotFoundNote testId="linked-not-found" text={t("linked.notFound")} />;
  if (!sessionLoading && !citizen)
    return (
      <a className="btn btn-primary btn-big" href={loginHref(`/lien-thong/nop/${code}`)}>
        {t("procedure.applySignIn")}
      </a>
    );
  // A new choice of the deceased reads the prefill again with the form kept on screen.
  // The first procedure's definition too: each known value is shown by its field's type (a
  // commune by its name, never its code).
  if (
    group.loading ||
    (prefill.loading && !prefill.data) ||
    // An open offer's form waits for its notice's prefill (read once the offers list named it).
    (notice !== undefined && !prefill.data && !prefill.error) ||
    (procedure.loading && !procedure.data) ||
    offers.loading ||
    (started.loading && !started.data) ||
    groupDraft.loading ||
    sessionLoading
  )
    return <Loading />;
  if (group.error || !def) return <ErrorMessage error={group.error} retry={group.reload} />;
  if (offer && offers.data && !offers.data.items.some((o) => o.id === offer))
    return (
      <section className="linked-apply" data-testid="linked-apply">
        <h1>{l(def.nameVi, def.nameEn)}</h1>
        <ClosedOffer birth={code === "birth"} offer={offer} code={code} />
      </section>
    );
  if (prefill.error) return <ErrorMessage error={prefill.error} retry={prefill.reload} />;
  const optional = def.members.filter((m) => m.optional);
  const isChosen = (k: string) => chosen[k] ?? true;
  // Too few procedures ticked (the death registration alone): said at once, before any submission,
  // and gone when a box is ticked; the form is not sent meanwhile.
  const linkedCount = def.members.length - optional.length + optional.filter((m) => isChosen(m.key)).length;
  const tooFew = optional.length > 0 && linkedCount < def.choose.min;
  const firstName = procedure.data
    ? l(procedure.data.definition.nameVi, procedure.data.definition.nameEn)
    : "";
  const birth = code === "birth";
  // The event the prefill names is already registered or being handled: said before any typing.
  const duplicate = prefill.data?.duplicate ?? null;
  // A suggested choice is shown by its option's label ("Mẹ", "Việt Nam"), not its stored value.
  const shownValue = (key: string, v: string | number | boolean) => {
    const field = procedure.data?.definition.form.find((f) => f.key === key);
    const option = field?.options?.find((o) => o.value === v);
    return option ? l(option.labelVi, option.labelEn) : String(v);
  };
  // A known value as a person reads it (option labels, local dates), as the dossier page shows it.
  const shownKnown = (key: string, v: Value) => {
    const field = procedure.data?.definition.form.find((f) => f.key === key);
    return displayValue(v, field?.type, field?.options, i18n.language, t);
  };
  const suggested = birth ? birthSuggestions(known, marriage) : {};
  // Where the child will live: the applicant's household, which the residence step joins the child to.
  const relationship = suggested["requester.relationship"] ?? known["requester.relationship"];
  const home = birth && isChosen("residence") ? childHome(known, String(relationship ?? "")) : null;
  const labels = new Map((prefill.data?.fields ?? []).map((f) => [f.key, f]));
  const present = (prefill.data?.fields ?? []).filter((f) => f.value !== null && f.value !== "");
  const listed = new Set(present.map((f) => f.key));
  // Each fact once: a suggestion for a field the registries already fill is not listed again.
  const shown = [
    ...present,
    ...Object.entries(suggested)
      .filter(([k]) => typeof suggested[k] !== "boolean" && labels.has(k) && !listed.has(k))
      .map(([k, v]) => ({
        ...(labels.get(k) as NonNullable<Prefill>["fields"][number]),
        value: shownValue(k, v),
      })),
  ];

  // No electronic notice: what it would have given is typed, and its paper components uploaded.
  const replaced = new Set((prefill.data?.components ?? []).filter((c) => c.replaced).map((c) => c.key));
  const paper = (procedure.data?.definition.components ?? []).some(
    (c) => c.kind === "upload" && c.required === true && !replaced.has(c.key),
  );
  const missing = (procedure.data?.definition.form ?? []).filter(
    (f) => f.prefill && f.required === true && (known[f.key] === null || known[f.key] === undefined),
  );
  // With a notice, what nothing fills or suggests is still asked (never a refusal for a field not shown).
  const asked = missing.filter((f) => suggested[f.key] === undefined);
  // What is filed: the members chosen, the facts given once (the later procedures' answers among
  // them) and each member's own values. `confirmed`: the sworn statement as ticked (always true
  // when asking the later questions, so that it is not asked again there).
  const application = (confirmed: boolean) => {
    const members = optional.filter((m) => isChosen(m.key)).map((m) => m.key);
    const swornNow = confirmed ? sworn : true;
    // Only what this form asks (a resumed draft's other values stay the draft's own).
    const given = Object.fromEntries(
      missing.filter((f) => f.key in typed).map((f) => [f.key, typed[f.key] ?? null]),
    );
    const shared: Record<string, Value> = birth
      ? { ...suggested, ...given, "child.fullName": name.trim(), "declaration.sworn": swornNow }
      : { ...given, "declaration.sworn": swornNow };
    const values: Record<string, Record<string, Value>> = birth
      ? { residence: joinHouseholdValues("con") }
      : {};
    return {
      members,
      shared: confirmed ? { ...shared, ...later } : shared,
      values,
      ...(deceased ? { deceased } : {}),
    };
  };
  // The death group without a notice: the deceased is chosen from the household before the rest.
  const choosing = paper && code === "death" && !offer;
  const paperShown = paper && (!choosing || relatives === 0 || deceased !== null);
  // An answer changed: its field's refusal is gone (as on a single-procedure form).
  const answered = (key: string) =>
    setIssues((all) => {
      if (!(key in all)) return all;
      const { [key]: _, ...rest } = all;
      return rest;
    });
  // What is still to be done before filing, in the form's order, each in the words a refusal would
  // use: the child's name, the first step's facts asked, the later steps' required questions (the
  // server's list: the domain's rule of which are required and shown), the sworn statement.
  const todo: Array<[string, FieldIssue]> = [];
  if (birth && name.trim().length < 2)
    todo.push([
      "child.fullName",
      {
        field: "shared.child.fullName",
        messageVi: t("linked.childNameMissing", { lng: "vi" }),
        messageEn: t("linked.childNameMissing", { lng: "en" }),
      },
    ]);
  // A fact the form suggests (the birth's ethnicity, nationality) is filed with its suggestion.
  for (const f of paperShown ? missing : paper ? [] : asked)
    if (isEmptyValue(typed[f.key] ?? null) && suggested[f.key] === undefined)
      todo.push([f.key, { field: `form.${f.key}`, ...unansweredWords(f) }]);
  for (const q of questions)
    if (isEmptyValue(later[q.field.key] ?? null))
      todo.push([
        q.field.key,
        {
          field: `shared.${q.field.key}`,
          ...unansweredWords(q.field, { nameVi: q.procedureNameVi, nameEn: q.procedureNameEn }),
        },
      ]);
  if (!sworn)
    todo.push([
      "declaration.sworn",
      {
        field: "shared.declaration.sworn",
        messageVi: t("linked.swornMissing", { lng: "vi" }),
        messageEn: t("linked.swornMissing", { lng: "en" }),
      },
    ]);
  // The button counts what is left: the items above, and those a refused filing named not yet changed.
  const left = new Set([...todo.map(([k]) => k), ...Object.keys(issues)]).size;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setIssues({});
    if (tooFew) {
      document.getElementById("linked-choose-error")?.focus();
      return;
    }
    // Every required item left, at once, in the app's words (the form is `noValidate`: no browser bubble).
    if (todo.length > 0) {
      setIssues(Object.fromEntries(todo));
      setRefusals((n) => n + 1);
      return;
    }
    const { members, shared, values, ...chosenDeceased } = application(true);
    const home = birth && isChosen("residence") && childHomeId ? { childHome: childHomeId } : {};
    try {
      const r = await intent.run((headers) =>
        api.post<{ id: string }>(
          "/api/linked-applications",
          {
            group: code,
            members,
            shared,
            values,
            ...chosenDeceased,
            ...home,
            ...(offer ? { offer } : {}),
            ...(draftId && first ? { drafts: { [first.key]: draftId } } : {}),
          },
          { headers },
        ),
      );
      groupDraft.filed();
      navigate(`/lien-thong/${r.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === "OFFER_ALREADY_FILED") {
        setFiled({ groupId: err.details.find((d) => d.group)?.group?.id ?? null });
        return;
      }
      setError(err);
      setIssues(groupIssues(err));
      setRefusals((n) => n + 1);
    }
  };

  return (
    <form className="linked-apply" data-testid="linked-apply" noValidate onSubmit={(e) => void submit(e)}>
      <h1>{l(def.nameVi, def.nameEn)}</h1>
      <p className="lead">{l(def.summaryVi, def.summaryEn)}</p>
      {offer && (
        <p className="alert alert-info">{t(birth ? "linked.offerIntro" : "linked.offerIntroDeath")}</p>
      )}
      {/* A birth already registered: nothing to save (only a draft kept from before, to delete). */}
      {(!duplicate || groupDraft.resumed) && <GroupDraftBar draft={groupDraft} />}
      <details className="card" data-testid="linked-known">
        <summary>{t("linked.known", { n: shown.length })}</summary>
        <dl>
          {shown.map((f) => (
            <div key={f.key}>
              <dt>{l(f.labelVi, f.labelEn)}</dt>
              <dd>
                {procedure.data?.definition.form.find((x) => x.key === f.key)?.type === "commune" ? (
                  <ValueText value={f.value} type="commune" />
                ) : (
                  shownKnown(f.key, f.value)
                )}
              </dd>
            </div>
          ))}
        </dl>
      </details>
      {birth && !duplicate && (
        <div className="field">
          <label htmlFor="child-name">{t("linked.childName")}</label>
          <input
            id="child-name"
            data-testid="child-name"
            required
            minLength={2}
            maxLength={100}
            autoComplete="off"
            value={name}
            aria-invalid={issues["child.fullName"] ? true : undefined}
            aria-describedby={
              issues["child.fullName"] ? "child-name-help child-name-error" : "child-name-help"
            }
            onChange={(e) => {
              setName(e.target.value);
              answered("child.fullName");
            }}
          />
          <p className="help" id="child-name-help">
            {t("linked.childNameHelp")}
          </p>
          {issues["child.fullName"] && (
            <p className="field-error" id="child-name-error" data-testid="child-name-error">
              {l(issues["child.fullName"].messageVi, issues["child.fullName"].messageEn)}
            </p>
          )}
        </div>
      )}
      {birth && isChosen("residence") && !duplicate && (
        <ChildHomeChoice offer={offer ?? undefined} value={childHomeId} onChange={setChildHomeId} />
      )}
      {home && !childHomeId && !duplicate && (
        <p className="help" data-testid="child-home">
          {t(`linked.childHome.${home.of}`, { address: home.address })}
        </p>
      )}
      {choosing && (
        <DeceasedChoice
          value={deceased}
          locked={draftId !== null}
          onLoaded={setRelatives}
          onChange={(n) => {
            const theirs = drafts?.find((d) => d.deceased === n);
            setDeceased(n);
            setDraftId(theirs?.id ?? null);
            setIssues(theirs?.issues ?? {});
            if (theirs) setTyped((old) => ({ ...old, ...theirs.typed }));
          }}
        />
      )}
      {duplicate && <DuplicateNotice refusal={duplicate} />}
      {!duplicate && (
        <>
          {paperShown && first && (
            <PaperStep
              deceasedNumber={deceased ?? undefined}
              procedureCode={first.procedureCode}
              group={code}
              fields={missing}
              values={typed}
              issues={issues}
              onChange={(k, v) => {
                setTyped((old) => ({ ...old, [k]: v }));
                answered(k);
              }}
              draftId={draftId}
              onDraft={setDraftId}
              onUploaded={() =>
                setIssues((all) =>
                  Object.fromEntries(Object.entries(all).filter(([k]) => componentOf(k) === undefined)),
                )
              }
            />
          )}
          {!paper && asked.length > 0 && (
            // The notice came, but a fact it and the registries do not know (how a daughter-in-law is
            // related to the deceased) is asked here, as on the form without an offer.
            <fieldset className="card" data-testid="linked-missing">
              <legend>{t("linked.missing")}</legend>
              {asked.map((f) => (
                <FieldInput
                  key={f.key}
                  field={f}
                  options={f.options ?? null}
                  value={typed[f.key] ?? null}
                  required
                  issue={issues[f.key]}
                  onChange={(k, v) => {
                    setTyped((old) => ({ ...old, [k]: v }));
                    answered(k);
                  }}
                  onBlur={() => undefined}
                />
              ))}
            </fieldset>
          )}
          <MemberChoice
            members={optional}
            isChosen={isChosen}
            onChoose={(key, on) => {
              setChosen({ ...chosen, [key]: on });
              // The refusal of a choice now changed is gone with it.
              setError(null);
            }}
            shownDefault={(d) => {
              const v = d.fromMember === first?.key ? (known[d.fromField] ?? typed[d.fromField]) : undefined;
              return v === undefined || v === null || v === "" ? null : shownKnown(d.fromField, v);
            }}
            tooFew={
              tooFew ? t("linked.chooseOne", { name: firstName.toLocaleLowerCase(i18n.language) }) : null
            }
          />
          {!tooFew && (
            <LaterQuestions
              group={code}
              {...application(false)}
              offer={offer ?? undefined}
              answers={later}
              issues={issues}
              unchosen={optional.filter((m) => !isChosen(m.key)).map((m) => m.key)}
              onQuestions={setQuestions}
              onChange={(k, v) => {
                setLater((old) => ({ ...old, [k]: v }));
                answered(k);
              }}
            />
          )}
          <label className="linked-choice">
            <input
              type="checkbox"
              required
              id="linked-sworn"
              data-testid="sworn"
              checked={sworn}
              aria-invalid={issues["declaration.sworn"] ? true : undefined}
              onChange={(e) => {
                setSworn(e.target.checked);
                answered("declaration.sworn");
              }}
            />{" "}
            {t("linked.sworn")}
          </label>
          <button
            type="submit"
            className="btn btn-primary btn-big"
            data-testid="linked-submit"
            disabled={intent.busy || filed !== null}
            aria-busy={intent.busy}
          >
            {intent.busy
              ? t("review.submitting")
              : left > 0
                ? t("linked.submitMissing", { count: left })
                : t("linked.submit")}
          </button>
          <SubmitProblems
            issues={issues}
            fields={procedure.data?.definition.form ?? []}
            inputId={(k) => {
              if (k === "child.fullName") return "child-name";
              if (k === "declaration.sworn") return "linked-sworn";
              // A missing scan: its upload control (the button that starts the draft before it exists).
              const c = componentOf(k);
              if (c) return draftId ? `${uploadIds(c)}-file` : "linked-paper-start";
              return undefined;
            }}
            attempt={refusals}
          />
        </>
      )}
      <div aria-live="assertive">
        {filed && <FiledOffer groupId={filed.groupId} />}
        {error ? (
          <p className="alert alert-error" role="alert">
            {errorText(error, i18n.language, t("common.error"))}
          </p>
        ) : null}
      </div>
    </form>
  );
}
