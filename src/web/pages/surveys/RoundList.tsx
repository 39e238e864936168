import type { SurveyRoundList, SurveyTemplateList } from '../../../contracts/surveys';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { UnitName } from '../../session/scope';
import { useSession } from '../../session/Session';
import { useLoad } from '../../useApi';
import { templateTitle } from './model';

/** The rounds the caller may read, each with its units and a way into the round's work. */
export function RoundList() {
  const { t, lang } = useI18n();
  const { allows } = useSession();
  const data = useLoad('rounds', () =>
    Promise.all([
      apiGet<SurveyRoundList>('/api/v1/surveys/rounds'),
      apiGet<SurveyTemplateList>('/api/v1/surveys/templates'),
    ]),
  );
  const create = allows('surveys.manage') && (
    <p>
      <Link href="/enkater?ny">{t('srv.new')}</Link>
    </p>
  );
  if (data.state === 'loading') return <p role="status">…</p>;
  if (data.state === 'error') return <p role="alert">{data.message}</p>;
  const [{ rounds }, { templates }] = data.data;
  return (
    <>
      {create}
      <h2>{t('srv.rounds')}</h2>
      {rounds.length === 0 ? (
        <p>{t('srv.none')}</p>
      ) : (
        <ul className="srv-rounds">
          {rounds.map((r) => (
            <li key={r.id}>
              <Link href={`/enkater?omgang=${r.id}`}>
                {t('srv.roundOf', { title: templateTitle(templates, r, lang), period: r.period })}
              </Link>{' '}
              · {t('srv.dates', { from: r.opensOn, to: r.closesOn })}
              <ul>
                {r.unitIds.map((id) => (
                  <li key={id}>
                    <Link href={`/enkater?enhet=${id}`}>
                      <UnitName unitId={id} />
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
