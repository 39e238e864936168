import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, apiSend, type ProblemField } from '../../api';
import { ErrorSummary, Field } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useSession } from '../../session/Session';
import { ENTRY_KINDS, type EntryKind } from '../../../domain/library/vocabulary';
import { contentOf, draftOf, type Draft } from './draft';
import { EntryForm, useFieldLabels } from './EntryForm';
import { EDITORIAL_BASE, editorialEntryPath } from './model';

/** /redaktion/ny: a new draft. Municipality staff may only write a good example. */
export function NewEntry() {
  const { t } = useI18n();
  const { allows } = useSession();
  const { navigate } = useRouter();
  const editor = allows('library.edit');
  const kinds: readonly EntryKind[] = editor ? ENTRY_KINDS : ['good_example'];
  const [kind, setKind] = useState<EntryKind>(editor ? 'intervention' : 'good_example');
  const [draft, setDraft] = useState<Draft>(() => draftOf(null));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ProblemField[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = useFieldLabels();
  const kindId = useId();
  useEffect(() => {
    document.title = `${t('ed.newTitle')} – ${t('app.name')}`;
  }, [t]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const created = await apiSend<{ id: string }>('POST', '/api/v1/library/entries', {
        kind,
        content: contentOf(draft, kind),
        changeNote: note,
      });
      navigate(editorialEntryPath(created.id));
    } catch (err) {
      setErrors(err instanceof ApiError ? err.errors : []);
      setMessage(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <section className="ed-page">
      <p>
        <Link href={EDITORIAL_BASE}>{t('ed.backToList')}</Link>
      </p>
      <h1>{t('ed.newTitle')}</h1>
      <form className="ed-form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary message={message} errors={errors} labels={labels} />
        <div className="field">
          <label htmlFor={kindId}>{t('ed.kind')}</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as EntryKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`lib.kind.${k}`)}
              </option>
            ))}
          </select>
          {!editor && <span className="hint">{t('ed.kind.hint')}</span>}
        </div>
        <EntryForm kind={kind} draft={draft} onChange={setDraft} errors={errors} />
        <Field label={t('ed.field.changeNote')} optional>
          {(ids) => <input {...ids} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('ed.create')}
        </button>
      </form>
    </section>
  );
}
