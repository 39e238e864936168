import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { useLoad } from '../../useApi';
import type { Entry } from '../../../contracts/registers';
import { EntryBadges } from './EntryBadges';
import { LIBRARY_BASE, PROBLEM_OF_INSTRUMENT, type EntryList } from './model';
import './library.css';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What a person's entries say: recorded interventions (KSI), problems, own view, assessments. */
export function sourcesOf(entries: readonly Entry[]) {
  const ksi = new Set<string>();
  const problems = new Set<string>();
  for (const e of entries) {
    const k = e.data['ksi'];
    if (e.kind === 'intervention' && isRecord(k))
      ksi.add(`${str(k['target'])}.${str(k['actionType'])}.${str(k['method'])}`);
    const problem = PROBLEM_OF_INSTRUMENT[str(e.data['instrument'])];
    if (problem) problems.add(problem);
    const area = str(e.data['riskArea']);
    if (area) problems.add(area);
  }
  // Newest first: the latest own view and the latest assessment per instrument.
  const own = entries.find(
    (e) => e.kind === 'measure' && (str(e.data['clientView']) || Array.isArray(e.data['goals'])),
  );
  const assessments = new Map<string, Entry>();
  for (const e of entries)
    if (e.derived && !assessments.has(e.derived.instrument)) assessments.set(e.derived.instrument, e);
  return {
    ksi: [...ksi].sort(),
    problems: [...problems].sort(),
    own,
    assessments: [...assessments.values()],
  };
}

/** In a person's follow-up: the person's own view, the professional's assessment and the library, side by side. */
export function ThreeSources({ entries }: { entries: readonly Entry[] }) {
  const { t, lang } = useI18n();
  const s = sourcesOf(entries);
  const key = `${s.ksi.join(',')}|${s.problems.join(',')}`;
  const related = useLoad(key === '|' ? null : `library-related:${key}`, () =>
    apiGet<EntryList>('/api/v1/library/related', { ksi: s.ksi.join(','), problem: s.problems.join(',') }),
  );
  const goals =
    s.own && Array.isArray(s.own.data['goals']) ? (s.own.data['goals'] as unknown[]).filter(isRecord) : [];
  return (
    <section className="lib-three" aria-labelledby="lib-three-title">
      <h2 id="lib-three-title">{t('lib.three.title')}</h2>
      <p className="muted">{t('lib.three.intro')}</p>
      <div className="lib-three-columns">
        <section aria-labelledby="lib-three-client">
          <h3 id="lib-three-client">{t('lib.three.client')}</h3>
          {!s.own ? (
            <p>{t('lib.three.clientNone')}</p>
          ) : (
            <>
              <p className="muted">{s.own.occurredOn}</p>
              {str(s.own.data['clientView']) && <blockquote>{str(s.own.data['clientView'])}</blockquote>}
              <ul>
                {goals.map((g, i) => (
                  <li key={i}>
                    {t('lib.three.goal', { text: str(g['text']) })}
                    {['yes', 'partly', 'no'].includes(str(g['met'])) &&
                      ` – ${t(`lib.three.goalMet.${str(g['met']) as 'yes' | 'partly' | 'no'}`)}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section aria-labelledby="lib-three-pro">
          <h3 id="lib-three-pro">{t('lib.three.professional')}</h3>
          {s.assessments.length === 0 ? (
            <p>{t('lib.three.professionalNone')}</p>
          ) : (
            <ul>
              {s.assessments.map((e) => (
                <li key={e.id}>
                  {e.derived?.instrument.toUpperCase()}: {e.derived?.bandLabel[lang]}
                  {e.derived?.total !== null &&
                    e.derived?.total !== undefined &&
                    ` (${e.derived.total})`}{' '}
                  <span className="muted">{e.occurredOn}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="lib-three-knowledge">
          <h3 id="lib-three-knowledge">{t('lib.three.knowledge')}</h3>
          {related.state === 'error' && <p role="alert">{t('common.error', { message: related.message })}</p>}
          {key === '|' || (related.state === 'ready' && related.data.entries.length === 0) ? (
            <p>{t('lib.three.knowledgeNone')}</p>
          ) : related.state === 'ready' ? (
            <ul className="lib-links">
              {related.data.entries.map((e) => (
                <li key={e.entryId}>
                  <Link href={`${LIBRARY_BASE}/${e.slug}`}>{e.title}</Link>
                  <EntryBadges entry={e} />
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('common.loading')}</p>
          )}
        </section>
      </div>
    </section>
  );
}
