import { useEffect, useRef, useState } from 'react';
import { ApiError, apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../useApi';
import type { PersonDetail } from '../../../contracts/persons';
import { ThreeSources } from '../library/ThreeSources';
import { CorrectionDialog } from './CorrectionDialog';
import { NewEntryForm } from './NewEntryForm';
import { PersonHeader } from './PersonHeader';
import { TimelineList } from './TimelineList';
import type { Entry, RegisterKinds, Timeline } from '../../../contracts/registers';
import { REGISTERS, type Register } from './model';
import './registers.css';

let kindsCache: Promise<RegisterKinds> | null = null;
function loadKinds(): Promise<RegisterKinds> {
  kindsCache ??= apiGet<RegisterKinds>('/api/v1/registers/kinds').catch((err: unknown) => {
    kindsCache = null;
    throw err;
  });
  return kindsCache;
}

function registerOf(value: string | null): Register | '' {
  return REGISTERS.find((r) => r === value) ?? '';
}

/** /personer/{pseudonym}: the person's register entries, newest first, with new entries and corrections. */
export function TimelinePage({ pseudonym }: { pseudonym: string }) {
  const { t } = useI18n();
  const { query, navigate, path } = useRouter();
  const register = registerOf(query.get('register'));
  const [reload, setReload] = useState(0);
  const [newOpen, setNewOpen] = useState(false);
  const [correcting, setCorrecting] = useState<Entry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusEntry, setFocusEntry] = useState<string | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);

  // null: not visible (never served by the caller's units, or an emergency access has ended).
  const person = useLoad(`person:${pseudonym}`, () =>
    apiGet<PersonDetail>(`/api/v1/persons/${encodeURIComponent(pseudonym)}`).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
  );
  const kinds = useLoad('register-kinds', loadKinds);
  const timeline = useLoad(
    `timeline:${pseudonym}:${register}:${reload}`,
    () =>
      apiGet<Timeline>(`/api/v1/persons/${encodeURIComponent(pseudonym)}/entries`, {
        register: register || undefined,
      }),
    { keepData: true },
  );

  // After a save the entry is focused, so keyboard and screen reader users land on what they made.
  useEffect(() => {
    if (!focusEntry || timeline.state !== 'ready') return;
    if (!timeline.data.entries.some((e) => e.id === focusEntry)) return;
    document.getElementById(`entry-${focusEntry}`)?.focus();
    setFocusEntry(null);
  }, [focusEntry, timeline]);

  const saved = (entry: Entry, message: string) => {
    setNotice(message);
    setFocusEntry(entry.id);
    setReload((n) => n + 1);
  };
  const setRegister = (r: string) => {
    const next = registerOf(r);
    navigate(next ? `${path}?register=${next}` : path, { replace: true });
  };

  const detail = person.state === 'ready' ? person.data : null;
  if (person.state === 'error' || (person.state === 'ready' && !detail)) {
    return (
      <section className="timeline-page">
        <p>
          <Link href="/personer">{t('registers.back')}</Link>
        </p>
        <h1>{t('registers.title')}</h1>
        <p role="alert">
          {person.state === 'error'
            ? t('common.error', { message: person.message })
            : t('registers.person.notFound')}
        </p>
      </section>
    );
  }

  return (
    <section className="timeline-page">
      <p>
        <Link href="/personer">{t('registers.back')}</Link>
      </p>
      <h1>{detail ? t('registers.titleNamed', { name: detail.name }) : t('registers.title')}</h1>
      <p className="lead">{t('registers.intro')}</p>
      {person.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {detail && <PersonHeader person={detail} />}
      <div className="reg-toolbar">
        <div className="field">
          <label htmlFor="reg-filter">{t('registers.filter.label')}</label>
          <select id="reg-filter" value={register} onChange={(e) => setRegister(e.target.value)}>
            <option value="">{t('registers.filter.all')}</option>
            {REGISTERS.map((r) => (
              <option key={r} value={r}>
                {t(`registers.register.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          ref={newButton}
          type="button"
          className="primary"
          aria-expanded={newOpen}
          disabled={!detail || kinds.state !== 'ready'}
          onClick={() => {
            setNotice(null);
            setNewOpen(!newOpen);
          }}
        >
          {t('registers.new.open')}
        </button>
      </div>
      <div role="status" className="reg-notice">
        {notice && <p className="status-ok">{notice}</p>}
      </div>
      {kinds.state === 'error' && <p role="alert">{t('common.error', { message: kinds.message })}</p>}
      {newOpen && detail && kinds.state === 'ready' && (
        <NewEntryForm
          person={detail}
          kinds={kinds.data}
          onCancel={() => {
            setNewOpen(false);
            requestAnimationFrame(() => newButton.current?.focus());
          }}
          onSaved={(entry) => {
            setNewOpen(false);
            saved(entry, t('registers.new.saved'));
          }}
        />
      )}
      {timeline.state === 'ready' && <ThreeSources entries={timeline.data.entries} />}
      <TimelineList
        timeline={timeline}
        filtered={register !== ''}
        onCorrect={(entry) => {
          setNotice(null);
          setCorrecting(entry);
        }}
      />
      {kinds.state === 'ready' && (
        <CorrectionDialog
          entry={correcting}
          kinds={kinds.data}
          sex={detail?.sex ?? null}
          onClose={() => setCorrecting(null)}
          onCorrected={(entry) => {
            setCorrecting(null);
            saved(entry, t('registers.correct.saved', { version: entry.version }));
          }}
        />
      )}
    </section>
  );
}
