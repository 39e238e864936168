import { useEffect, useState, type FormEvent } from 'react';
import type { SurveyRound, SurveyTemplateList } from '../../../contracts/surveys';
import { apiGet, apiSend, localDetail, type ProblemField } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { useI18n, type I18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../useApi';
import { useSubmit } from '../../useSubmit';
import { UnitChoices } from './UnitChoices';

/** A missing template or unit is refused by the schema's size rules: say it as a choice to make. */
function ourWords(e: ProblemField, t: I18n['t']): ProblemField {
  if (e.rule !== 'too_small') return e;
  if (e.field === 'unitIds') return { ...e, message: t('srv.units.required') };
  if (e.field === 'templateId' || e.field === 'templateVersion')
    return { ...e, message: t('srv.template.required') };
  return e;
}

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** /enkater?ny: a round = template version × units × period, open between two dates. */
export function NewRound() {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const templates = useLoad('srv:templates', () => apiGet<SurveyTemplateList>('/api/v1/surveys/templates'));
  const [template, setTemplate] = useState('');
  const [period, setPeriod] = useState(() => isoDay(0).slice(0, 4));
  const [opensOn, setOpensOn] = useState(() => isoDay(0));
  const [closesOn, setClosesOn] = useState(() => isoDay(28));
  const [unitIds, setUnitIds] = useState<Set<string>>(new Set());
  const { errors, message, busy, run } = useSubmit((e) => ourWords(e, t));
  useEffect(() => {
    document.title = `${t('srv.new')} – ${t('app.name')}`;
  }, [t]);
  const labels: Record<string, string> = {
    templateId: t('srv.template'),
    templateVersion: t('srv.template'),
    period: t('srv.period'),
    opensOn: t('srv.opensOn'),
    closesOn: t('srv.closesOn'),
    unitIds: t('srv.units'),
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [templateId = '', version = ''] = template.split('|');
    void run(async () => {
      const round = await apiSend<SurveyRound>('POST', '/api/v1/surveys/rounds', {
        templateId,
        templateVersion: Number(version) || 0,
        period,
        opensOn,
        closesOn,
        unitIds: [...unitIds],
      });
      navigate(`/enkater?omgang=${round.id}`);
    });
  };
  return (
    <>
      <p>
        <Link href="/enkater">{t('srv.back')}</Link>
      </p>
      <h2>{t('srv.new')}</h2>
      <p>{t('srv.new.intro')}</p>
      <form className="srv-form" onSubmit={submit} noValidate>
        <ErrorSummary message={message && localDetail(message, lang)} errors={errors} labels={labels} />
        <Field label={t('srv.template')} error={errorFor(errors, 'templateId', 'templateVersion')}>
          {(ids) => (
            <select {...ids} value={template} onChange={(e) => setTemplate(e.target.value)}>
              <option value="">{t('srv.template.choose')}</option>
              {templates.state === 'ready' &&
                templates.data.templates.map((x) => (
                  <option key={`${x.id}|${x.version}`} value={`${x.id}|${x.version}`}>
                    {t('srv.templateOption', { title: x.title[lang], version: x.version })}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('srv.period')} hint={t('srv.period.hint')} error={errorFor(errors, 'period')}>
          {(ids) => (
            <input {...ids} inputMode="numeric" value={period} onChange={(e) => setPeriod(e.target.value)} />
          )}
        </Field>
        <Field label={t('srv.opensOn')} hint={t('srv.date.hint')} error={errorFor(errors, 'opensOn')}>
          {(ids) => <input {...ids} value={opensOn} onChange={(e) => setOpensOn(e.target.value)} />}
        </Field>
        <Field label={t('srv.closesOn')} hint={t('srv.date.hint')} error={errorFor(errors, 'closesOn')}>
          {(ids) => <input {...ids} value={closesOn} onChange={(e) => setClosesOn(e.target.value)} />}
        </Field>
        <UnitChoices selected={unitIds} onChange={setUnitIds} error={errorFor(errors, 'unitIds')} />
        <button type="submit" className="primary" disabled={busy}>
          {t('srv.create')}
        </button>
      </form>
    </>
  );
}
