import { useState } from 'react';
import { apiSend } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import type { AgreementVersion } from '../../../contracts/agreements';
import { DownloadButtons } from '../public/DownloadButtons';
import { fundingLines, kronor, list, type SectionProps } from './model';
import { useSubmit } from '../../useSubmit';

/** The year's agreement versions (the latest first), signing, and a form for a new draft. */
export function AgreementSection({ data, manage, reload }: SectionProps) {
  const { t } = useI18n();
  const sign = useSubmit();
  const latest = data.versions.at(-1);
  return (
    <section className="agr-section" aria-labelledby="agr-agreement">
      <h2 id="agr-agreement">{t('agr.agreement')}</h2>
      {!latest && <p>{t('agr.noAgreement')}</p>}
      {[...data.versions].reverse().map((v) => (
        <Version key={v.version} v={v} />
      ))}
      {manage && latest?.status === 'draft' && (
        <>
          <ErrorSummary message={sign.message} errors={sign.errors} />
          <button
            type="button"
            disabled={sign.busy}
            onClick={() =>
              void sign.run(
                () =>
                  apiSend('POST', `/api/v1/agreements/years/${data.year}/versions/${latest.version}/sign`),
                reload,
              )
            }
          >
            {t('agr.sign', { version: latest.version })}
          </button>
        </>
      )}
      {manage && <AgreementForm year={data.year} base={latest} onSaved={reload} />}
    </section>
  );
}

function Version({ v }: { v: AgreementVersion }) {
  const { t } = useI18n();
  return (
    <article aria-labelledby={`agr-v${v.version}`}>
      <h3 id={`agr-v${v.version}`}>
        {v.title} — {t('agr.version', { version: v.version })} ({t(`agr.versionStatus.${v.status}`)})
      </h3>
      {v.signedAt && <p>{t('agr.signed', { date: v.signedAt.slice(0, 10) })}</p>}
      <dl>
        <dt>{t('agr.parties')}</dt>
        <dd>{v.parties.join(', ')}</dd>
        <dt>{t('agr.total')}</dt>
        <dd>{kronor(v.total)} kr</dd>
        <dt>{t('agr.areas')}</dt>
        <dd>{v.areas.join(', ')}</dd>
      </dl>
      <h4>{t('agr.goals')}</h4>
      <ul>
        {v.goals.map((g) => (
          <li key={g.id}>
            {g.title}:{' '}
            {g.measures
              .map((m) => `${m.indicatorId} ${t('agr.metAt', { percent: m.metAtPercent })}`)
              .join('; ')}
          </li>
        ))}
      </ul>
      <h4>{t('agr.funding')}</h4>
      <DownloadButtons
        label={`${t('agr.funding')} ${v.year} v${v.version}`}
        table={() => ({
          name: `utbetalningar-${v.year}-v${v.version}`,
          header: ['mottagare', 'regionkod', 'belopp_kr'],
          rows: v.funding.map((f) => [f.recipient, f.regionCode, f.amount]),
          notes: [
            `${v.title}, ${t('agr.version', { version: v.version })} (${t(`agr.versionStatus.${v.status}`)})`,
          ],
        })}
      />
      <ul>
        {v.funding.map((f, i) => (
          <li key={i}>
            {f.recipient} ({f.regionCode ?? t('agr.national')}): {kronor(f.amount)} kr
          </li>
        ))}
      </ul>
    </article>
  );
}

function AgreementForm({
  year,
  base,
  onSaved,
}: {
  year: number;
  base?: AgreementVersion;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const s = useSubmit();
  const goal = base?.goals[0];
  const [title, setTitle] = useState(base?.title ?? '');
  const [parties, setParties] = useState(base?.parties.join(', ') ?? 'Staten, SKR');
  const [areas, setAreas] = useState(base?.areas.join(', ') ?? '');
  const [goalTitle, setGoalTitle] = useState(goal?.title ?? '');
  const [indicator, setIndicator] = useState(goal?.measures[0]?.indicatorId ?? 'K10001');
  const [metAt, setMetAt] = useState(String(goal?.measures[0]?.metAtPercent ?? 70));
  const [funding, setFunding] = useState(
    base?.funding.map((f) => `${f.recipient};${f.regionCode ?? ''};${f.amount}`).join('\n') ?? '',
  );
  const lines = fundingLines(funding);
  return (
    <form
      className="agr-form"
      aria-labelledby="agr-agreement-form"
      onSubmit={(e) => {
        e.preventDefault();
        void s.run(
          () =>
            apiSend('POST', `/api/v1/agreements/years/${year}/versions`, {
              title,
              parties: list(parties),
              total: lines.reduce((sum, l) => sum + l.amount, 0),
              areas: list(areas),
              goals: goalTitle
                ? [
                    {
                      id: 'mal-1',
                      title: goalTitle,
                      measures: [{ indicatorId: indicator, metAtPercent: Number(metAt.replace(',', '.')) }],
                    },
                  ]
                : [],
              funding: lines,
            }),
          onSaved,
        );
      }}
    >
      <h3 id="agr-agreement-form">{t('agr.saveDraft')}</h3>
      <ErrorSummary message={s.message} errors={s.errors} />
      <Field label={t('agr.field.agreementTitle')} error={errorFor(s.errors, 'title')}>
        {(ids) => <input {...ids} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.parties')} error={errorFor(s.errors, 'parties')}>
        {(ids) => <input {...ids} value={parties} onChange={(e) => setParties(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.areas')}>
        {(ids) => <input {...ids} value={areas} onChange={(e) => setAreas(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.goal')}>
        {(ids) => <input {...ids} value={goalTitle} onChange={(e) => setGoalTitle(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.indicator')}>
        {(ids) => <input {...ids} value={indicator} onChange={(e) => setIndicator(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.metAt')}>
        {(ids) => (
          <input {...ids} inputMode="decimal" value={metAt} onChange={(e) => setMetAt(e.target.value)} />
        )}
      </Field>
      <Field label={t('agr.field.funding')} error={errorFor(s.errors, 'funding')}>
        {(ids) => <textarea {...ids} value={funding} onChange={(e) => setFunding(e.target.value)} />}
      </Field>
      <button type="submit" disabled={s.busy}>
        {t('agr.saveDraft')}
      </button>
    </form>
  );
}
