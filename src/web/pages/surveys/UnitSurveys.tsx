import type { NodeResult } from '../../../domain/surveys/table';
import type { UnitOverview } from '../../../contracts/surveys';
import { useI18n } from '../../i18n/I18n';
import { HIDDEN, percentText } from './model';

type Survey = UnitOverview['surveys'][number];

/** The rounds of one template, oldest first (the overview's order): one series over time. */
function seriesOf(surveys: readonly Survey[]): Survey[][] {
  const byTemplate = new Map<string, Survey[]>();
  for (const s of surveys) byTemplate.set(s.templateId, [...(byTemplate.get(s.templateId) ?? []), s]);
  return [...byTemplate.values()];
}

/** The users' answers per theme over time, unit and municipality, beside the register indicators. */
export function UnitSurveys({ overview }: { overview: UnitOverview }) {
  const { t, lang, formatNumber } = useI18n();
  const percent = (v: number | null) => percentText(v, formatNumber);
  // A hidden node (or none at all) shows ".." in every cell.
  const shown = (n: NodeResult | null) => (n && !n.hidden ? n : null);
  return (
    <div className="srv-side-by-side">
      <section aria-labelledby="srv-survey">
        <h3 id="srv-survey">{t('srv.survey')}</h3>
        {overview.surveys.length === 0 && <p>{t('srv.none')}</p>}
        {seriesOf(overview.surveys).map((rounds) => {
          const first = rounds[0] as Survey;
          const title = first.title[lang];
          const cells = (value: (n: NodeResult) => string) =>
            rounds
              .flatMap((s) => [s.result, s.municipality])
              .map((n, i) => {
                const node = shown(n);
                return <td key={i}>{node ? value(node) : HIDDEN}</td>;
              });
          return (
            <div key={first.templateId} className="srv-series">
              <h4>{t('srv.overTime', { title })}</h4>
              <table className="srv-table">
                <caption>{t('srv.overTime.caption', { title })}</caption>
                <thead>
                  <tr>
                    <td rowSpan={2} />
                    {rounds.map((s) => (
                      <th key={s.roundId} scope="colgroup" colSpan={2}>
                        {s.period}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    {rounds.map((s) => [
                      <th key={`${s.roundId}:u`} scope="col">
                        {t('srv.thisUnit')}
                      </th>,
                      <th key={`${s.roundId}:m`} scope="col">
                        {t('srv.municipality')}
                      </th>,
                    ])}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t('srv.respondentsCol')}</th>
                    {cells((n) => (n.respondents === null ? HIDDEN : String(n.respondents)))}
                  </tr>
                  <tr>
                    <th scope="row">{t('srv.responseRate')}</th>
                    {cells((n) => percent(n.responseRate))}
                  </tr>
                  {first.themes.map((theme) => (
                    <tr key={theme.id}>
                      <th scope="row">{theme.title[lang]}</th>
                      {cells((n) => percent(n.shares[`t:${theme.id}`] ?? null))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
        <p className="hint">{t('srv.hidden')}</p>
      </section>
      <section aria-labelledby="srv-register">
        <h3 id="srv-register">{t('srv.register')}</h3>
        {overview.register.length === 0 ? (
          <p>{t('srv.noRegister')}</p>
        ) : (
          <table className="srv-table">
            <thead>
              <tr>
                <th scope="col">{t('srv.indicator')}</th>
                <th scope="col">{t('srv.period')}</th>
                <th scope="col">{t('srv.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.register.map((r) => (
                <tr key={`${r.indicator}:${r.period}`}>
                  <th scope="row">{r.title[lang]}</th>
                  <td>{r.period}</td>
                  <td>{percent(r.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
