import { useEffect, useState } from 'react';
import type {
  RoundUnitList,
  SurveyForm,
  SurveyRoundList,
  SurveyTemplateList,
} from '../../../contracts/surveys';
import { ApiError, apiGet, localDetail } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { UnitName } from '../../session/scope';
import { useLoad } from '../../useApi';
import { IssueCodes } from './IssueCodes';
import { HIDDEN, percentText, templateTitle } from './model';
import { PaperAnswer } from './PaperAnswer';

/** /enkater?omgang=<id>: the work of a round for the units the caller works with. */
export function RoundView({ roundId }: { roundId: string }) {
  const { t, lang, formatNumber } = useI18n();
  // Bumped after codes are issued or a paper answer is entered: the counts are read again.
  const [version, setVersion] = useState(0);
  const round = useLoad(`srv:round:${roundId}`, async () => {
    const [{ rounds }, { templates }, form] = await Promise.all([
      apiGet<SurveyRoundList>('/api/v1/surveys/rounds'),
      apiGet<SurveyTemplateList>('/api/v1/surveys/templates'),
      apiGet<SurveyForm>(`/api/v1/surveys/rounds/${roundId}/form`),
    ]);
    return { round: rounds.find((r) => r.id === roundId) ?? null, templates, form };
  });
  const units = useLoad(
    `srv:units:${roundId}:${version}`,
    // 403: the caller reads the round's results but works with none of its units.
    () =>
      apiGet<RoundUnitList>(`/api/v1/surveys/rounds/${roundId}/units`).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 403) return null;
        throw err;
      }),
    { keepData: true },
  );
  const title =
    round.state === 'ready' && round.data.round
      ? t('srv.roundOf', {
          title: templateTitle(round.data.templates, round.data.round, lang),
          period: round.data.round.period,
        })
      : t('srv.round');
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  const back = (
    <p>
      <Link href="/enkater">{t('srv.back')}</Link>
    </p>
  );
  if (round.state === 'error' || units.state === 'error')
    return (
      <>
        {back}
        <p role="alert">
          {localDetail(
            round.state === 'error' ? round.message : units.state === 'error' ? units.message : '',
            lang,
          )}
        </p>
      </>
    );
  if (round.state === 'loading' || units.state === 'loading') return <p role="status">…</p>;
  const list = units.data?.units ?? [];
  const refresh = () => setVersion((v) => v + 1);
  return (
    <>
      {back}
      <h2>{title}</h2>
      {round.data.round && (
        <p>{t('srv.dates', { from: round.data.round.opensOn, to: round.data.round.closesOn })}</p>
      )}
      {list.length === 0 ? (
        <p>{t('srv.noUnits')}</p>
      ) : (
        <>
          <h3>{t('srv.progress')}</h3>
          <table className="srv-table">
            <caption>{t('srv.progress.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('srv.unit')}</th>
                <th scope="col">{t('srv.codesIssued')}</th>
                <th scope="col">{t('srv.respondentsCol')}</th>
                <th scope="col">{t('srv.responseRate')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.unitId}>
                  <th scope="row">
                    <Link href={`/enkater?enhet=${u.unitId}`}>
                      <UnitName unitId={u.unitId} />
                    </Link>
                  </th>
                  <td>{u.codesIssued}</td>
                  <td>{u.respondents ?? HIDDEN}</td>
                  <td>{percentText(u.responseRate, formatNumber)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('srv.progress.hiddenNote', { n: units.data?.minimumRespondents ?? '' })}</p>
          <IssueCodes roundId={roundId} units={list.filter((u) => u.mayIssue)} onIssued={refresh} />
          <PaperAnswer
            roundId={roundId}
            form={round.data.form}
            units={list.filter((u) => u.mayEnter)}
            onEntered={refresh}
          />
        </>
      )}
    </>
  );
}
