import { useRef, useState } from 'react';
import { ApiError, apiGet, apiSend, localDetail, type ProblemField } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { BreakGlassDialog } from './BreakGlassDialog';
import { LookupForm } from './LookupForm';
import { PersonCard } from './PersonCard';
import { PersonList } from './PersonList';
import type { BreakGlassGrant, PersonDetail } from '../../../contracts/persons';
import './persons.css';

type Result =
  | { kind: 'none' }
  | { kind: 'found'; person: PersonDetail }
  | { kind: 'notFound'; personnummer: string }
  | { kind: 'error'; message: string };

/** /personer: look a person up by number, break the glass when they are out of scope, list the rest. */
export function PersonsPage() {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<Result>({ kind: 'none' });
  const [serverErrors, setServerErrors] = useState<ProblemField[]>([]);
  const [busy, setBusy] = useState(false);
  const [breakGlassFor, setBreakGlassFor] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // Moves focus to the answer so keyboard and screen reader users land on it.
  const show = (r: Result) => {
    setResult(r);
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const run = async (load: () => Promise<PersonDetail>, personnummer: string | null) => {
    setBusy(true);
    setServerErrors([]);
    try {
      show({ kind: 'found', person: await load() });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && personnummer)
        show({ kind: 'notFound', personnummer });
      else if (err instanceof ApiError && err.errors.length > 0) setServerErrors(err.errors);
      else
        show({
          kind: 'error',
          message: err instanceof ApiError ? localDetail(err.message, lang) : String(err),
        });
    } finally {
      setBusy(false);
    }
  };
  const lookup = (personnummer: string) => {
    setNotice(null);
    return run(() => apiSend<PersonDetail>('POST', '/api/v1/persons/lookup', { personnummer }), personnummer);
  };
  const open = (pseudonym: string) => {
    setNotice(null);
    return run(() => apiGet<PersonDetail>(`/api/v1/persons/${encodeURIComponent(pseudonym)}`), null);
  };
  const granted = (personnummer: string, grant: BreakGlassGrant) => {
    setBreakGlassFor(null);
    const time = new Date(grant.expiresAt).toLocaleTimeString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Stockholm',
    });
    void lookup(personnummer).then(() => setNotice(t('persons.breakGlass.granted', { time })));
  };

  return (
    <section className="persons-page">
      <h1>{t('persons.title')}</h1>
      <p className="lead">{t('persons.intro')}</p>
      <LookupForm busy={busy} serverErrors={serverErrors} onLookup={(n) => void lookup(n)} />
      <div ref={resultRef} tabIndex={-1} className="person-result" aria-live="polite">
        {notice && <p className="status-ok">{notice}</p>}
        {result.kind === 'found' && <PersonCard person={result.person} />}
        {result.kind === 'notFound' && (
          <div className="person-not-found">
            <h2>{t('persons.notFound.title')}</h2>
            <p>{t('persons.notFound.text')}</p>
            <p>{t('persons.notFound.breakGlassText')}</p>
            <button type="button" className="danger" onClick={() => setBreakGlassFor(result.personnummer)}>
              {t('persons.breakGlass.open')}
            </button>
          </div>
        )}
        {result.kind === 'error' && (
          <p className="form-error">{t('common.error', { message: result.message })}</p>
        )}
      </div>
      <BreakGlassDialog
        personnummer={breakGlassFor}
        onClose={() => setBreakGlassFor(null)}
        onGranted={(grant) => breakGlassFor && granted(breakGlassFor, grant)}
      />
      <PersonList onOpen={(p) => void open(p)} />
    </section>
  );
}
