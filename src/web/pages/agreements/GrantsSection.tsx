import { useState } from 'react';
import { apiSend } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { SPLIT_KEYS, type SplitKey } from '../../../domain/agreements/rules';
import type { GrantDecision, GrantRule } from '../../../contracts/agreements';
import { DECISION_PATH, kronor, tierLines, type SectionProps } from './model';
import { useSubmit } from '../../useSubmit';

/** Grant rules (every version), the year's decisions, and the forms to add a version and decide. */
export function GrantsSection(props: SectionProps & { rules: GrantRule[] }) {
  const { data, rules, manage, reload } = props;
  const { t } = useI18n();
  return (
    <section className="agr-section" aria-labelledby="agr-grants">
      <h2 id="agr-grants">{t('agr.grants')}</h2>
      <h3>{t('agr.rules')}</h3>
      {rules.length === 0 ? (
        <p>{t('agr.noRules')}</p>
      ) : (
        <ul>
          {rules.map((r) => (
            <li key={`${r.ruleKey}/${r.version}`}>
              {t('agr.rule', {
                key: r.ruleKey,
                version: r.version,
                name: r.name,
                indicator: r.indicatorId,
                period: r.period,
              })}{' '}
              ({t(`agr.key.${r.key}`)}):{' '}
              {r.tiers
                .map((tier) =>
                  t('agr.tier', {
                    percent: tier.atLeastPercent,
                    amount: kronor(tier.amount),
                    kind: t(`agr.tierKind.${tier.kind}`),
                  }),
                )
                .join('; ')}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('agr.decisions')}</h3>
      {data.decisions.length === 0 ? (
        <p>{t('agr.noDecisions')}</p>
      ) : (
        <ul>
          {data.decisions.map((d) => (
            <li key={d.id}>
              <Link href={`${DECISION_PATH}/${d.id}`}>
                {t('agr.decisionLink', {
                  date: d.decidedAt.slice(0, 10),
                  key: d.ruleKey,
                  version: d.ruleVersion,
                  total: kronor(d.total),
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {manage && <RuleForm onSaved={reload} />}
      {manage && rules.length > 0 && <DecideForm year={data.year} rules={rules} onSaved={reload} />}
    </section>
  );
}

function RuleForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const s = useSubmit();
  const [ruleKey, setRuleKey] = useState('');
  const [name, setName] = useState('');
  const [indicatorId, setIndicator] = useState('K20007');
  const [period, setPeriod] = useState('');
  const [key, setKey] = useState<SplitKey>('per_inhabitant_65plus');
  const [tiers, setTiers] = useState('50;pot;40000000\n70;pot;10000000');
  return (
    <form
      className="agr-form"
      aria-labelledby="agr-rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        void s.run(
          () =>
            apiSend('POST', `/api/v1/agreements/rules/${encodeURIComponent(ruleKey)}/versions`, {
              name,
              indicatorId,
              period,
              key,
              tiers: tierLines(tiers),
            }),
          onSaved,
        );
      }}
    >
      <h3 id="agr-rule-form">{t('agr.saveRule')}</h3>
      <ErrorSummary message={s.message} errors={s.errors} />
      <Field label={t('agr.field.ruleKey')} error={errorFor(s.errors, 'ruleKey')}>
        {(ids) => <input {...ids} value={ruleKey} onChange={(e) => setRuleKey(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.ruleName')} error={errorFor(s.errors, 'name')}>
        {(ids) => <input {...ids} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.indicator')} error={errorFor(s.errors, 'indicatorId')}>
        {(ids) => <input {...ids} value={indicatorId} onChange={(e) => setIndicator(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.period')} error={errorFor(s.errors, 'period')}>
        {(ids) => (
          <input {...ids} inputMode="numeric" value={period} onChange={(e) => setPeriod(e.target.value)} />
        )}
      </Field>
      <Field label={t('agr.field.key')}>
        {(ids) => (
          <select {...ids} value={key} onChange={(e) => setKey(e.target.value as SplitKey)}>
            {SPLIT_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`agr.key.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('agr.field.tiers')}>
        {(ids) => <textarea {...ids} value={tiers} onChange={(e) => setTiers(e.target.value)} />}
      </Field>
      <button type="submit" disabled={s.busy}>
        {t('agr.saveRule')}
      </button>
    </form>
  );
}

function DecideForm({ year, rules, onSaved }: { year: number; rules: GrantRule[]; onSaved: () => void }) {
  const { t } = useI18n();
  const s = useSubmit();
  const keys = [...new Set(rules.map((r) => r.ruleKey))];
  const [ruleKey, setRuleKey] = useState(keys[0] ?? '');
  return (
    <form
      className="agr-form"
      aria-labelledby="agr-decide-form"
      onSubmit={(e) => {
        e.preventDefault();
        void s.run(
          () => apiSend<GrantDecision>('POST', '/api/v1/agreements/decisions', { ruleKey, year }),
          onSaved,
        );
      }}
    >
      <h3 id="agr-decide-form">{t('agr.decide')}</h3>
      <ErrorSummary message={s.message} errors={s.errors} />
      <Field label={t('agr.field.ruleKey')}>
        {(ids) => (
          <select {...ids} value={ruleKey} onChange={(e) => setRuleKey(e.target.value)}>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={s.busy}>
        {t('agr.decide')}
      </button>
    </form>
  );
}
