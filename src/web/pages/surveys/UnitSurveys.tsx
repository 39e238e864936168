import type { UnitOverview } from '../../../contracts/surveys';
import { useI18n } from '../../i18n/I18n';
import './surveys.css';

/** The users' answers (per theme) beside the unit's published register indicators. */
export function UnitSurveys({ overview }: { overview: UnitOverview }) {
  const { t, lang, formatNumber } = useI18n();
  const percent = (v: number | null) => (v === null ? '..' : `${formatNumber(v * 100, 0)} %`);
  return (
    <div className="srv-side-by-side">
      <section aria-labelledby="srv-survey">
        <h3 id="srv-survey">{t('srv.survey')}</h3>
        {overview.surveys.map((s) => (
          <div key={s.roundId}>
            <h4>
              {s.title[lang]} {s.period}
            </h4>
            {!s.result || s.result.hidden ? (
              <p>{t('srv.hidden')}</p>
            ) : (
              <>
                <p>
                  {t('srv.respondents', {
                    n: s.result.respondents ?? '..',
                    rate: percent(s.result.responseRate),
                  })}
                </p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('srv.theme')}</th>
                      <th scope="col">{t('srv.share')}</th>
                      <th scope="col">{t('srv.answered')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.themes.map((theme) => (
                      <tr key={theme.id}>
                        <th scope="row">{theme.title[lang]}</th>
                        <td>{percent(s.result?.shares[`t:${theme.id}`] ?? null)}</td>
                        <td>{s.result?.answered[`t:${theme.id}`] ?? '..'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="srv-register">
        <h3 id="srv-register">{t('srv.register')}</h3>
        {overview.register.length === 0 ? (
          <p>{t('srv.noRegister')}</p>
        ) : (
          <table>
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
