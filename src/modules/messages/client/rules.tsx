import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Checkbox, CheckboxGroup, Label, Text } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, FormAlert, Loading, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { deleteRule, getRules, type RulesView, setRule } from "../shared/contract.ts";
import { RELATIONS, type Relation, type RuleProfile } from "../shared/rules.ts";
import "./messages.css";

const rulesKey = (orgId: string) => ["messages", "rules", orgId] as const;

/**
 * Communication rules, for admins of a node: for each profile, whom its people placed at or under
 * the node may start a conversation with; what applies now and where it comes from (this node, a
 * node above, or the platform's defaults); set it here or go back to the inherited rule.
 */
export function RulesPage() {
  const t = useT();
  const options = useManagedOrgOptions();
  const [orgId, setOrgId] = useState<string | null>(null);
  const chosen = orgId ?? options[0]?.id ?? null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/messages">
          <span aria-hidden="true">← </span>
          {t("ui.messages.title")}
        </Link>
      </p>
      <PageTitle>{t("ui.messages.rules.title")}</PageTitle>
      <div className="rules-intro">
        <p>{t("ui.messages.rules.intro")}</p>
        <p className="muted">{t("ui.messages.rules.inheritance")}</p>
      </div>
      {options.length === 0 ? (
        <EmptyState title={t("ui.messages.rules.noNode")} />
      ) : (
        <>
          <SelectField label={t("ui.messages.rules.node")} options={options} value={chosen} onChange={setOrgId} className="rules-node" />
          {chosen && <NodeRules orgId={chosen} />}
        </>
      )}
    </>
  );
}

function NodeRules({ orgId }: { orgId: string }) {
  const q = useQuery({ queryKey: rulesKey(orgId), queryFn: () => api(getRules, { params: { orgId } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <div className="rules-grid">
      {q.data.effective.map((e) => (
        <ProfileRule key={`${orgId}-${e.profile}-${e.source?.orgId ?? "default"}-${e.relations.join()}`} view={q.data} rule={e} />
      ))}
    </div>
  );
}

function ProfileRule({ view, rule }: { view: RulesView; rule: RulesView["effective"][number] }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, setError, onError } = useFormErrors();
  const [relations, setRelations] = useState<Relation[]>(rule.relations);
  const profile: RuleProfile = rule.profile;
  const setHere = rule.source?.orgId === view.org.id;
  const done = (msg: string) => {
    qc.invalidateQueries({ queryKey: ["messages", "rules"] });
    announce(msg);
  };
  const save = useMutation({
    mutationFn: () => api(setRule, { params: { orgId: view.org.id, profile }, body: { relations } }),
    onSuccess: () => done(t("ui.messages.rules.saved", { profile: t(`ui.profiles.${profile}`), node: view.org.name })),
    onError,
  });
  const reset = useMutation({
    mutationFn: () => api(deleteRule, { params: { orgId: view.org.id, profile } }),
    onSuccess: () => done(t("ui.messages.rules.resetDone", { profile: t(`ui.profiles.${profile}`) })),
    onError,
  });
  const headingId = `rule-${profile}`;
  return (
    <section className="card rule-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`ui.profiles.${profile}`)}</h2>
      <p className="small rule-source">
        {setHere
          ? t("ui.messages.rules.sourceHere")
          : rule.source
            ? t("ui.messages.rules.sourceAbove", { node: rule.source.name })
            : t("ui.messages.rules.sourceDefaults")}
      </p>
      <FormAlert error={error} />
      <CheckboxGroup
        className="rule-relations"
        value={relations}
        onChange={(v) => {
          setError(null);
          setRelations(v as Relation[]);
        }}
      >
        <Label>{t("ui.messages.rules.mayWrite")}</Label>
        {RELATIONS.map((r) => (
          <Checkbox key={r} value={r} className="checkbox rule-relation">
            <span className="checkbox-box" aria-hidden="true" />
            <span>
              {t(`ui.messages.rules.relations.${r}`)}
              <Text slot="description" className="field-help rule-help">
                {t(`ui.messages.rules.relationsHelp.${r}`)}
              </Text>
            </span>
          </Checkbox>
        ))}
      </CheckboxGroup>
      {relations.length === 0 && <p className="small muted">{t("ui.messages.rules.nobody")}</p>}
      <div className="form-actions">
        <Button className="btn btn-primary" isDisabled={save.isPending} onPress={() => save.mutate()}>
          {t("ui.messages.rules.save", { node: view.org.name })}
        </Button>
        {setHere && (
          <Button className="btn btn-quiet" isDisabled={reset.isPending} onPress={() => reset.mutate()}>
            {t("ui.messages.rules.reset")}
          </Button>
        )}
      </div>
    </section>
  );
}
