import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, apiGet, apiSend, type ProblemField } from '../../api';
import { ErrorSummary, Field } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { useLoad } from '../../useApi';
import { mayEdit } from '../../../domain/library/workflow';
import { LIBRARY_BASE } from '../library/model';
import { contentOf, draftOf, type Draft } from './draft';
import { EntryForm, useFieldLabels } from './EntryForm';
import { EntryHistory } from './EntryHistory';
import { EDITORIAL_BASE, type EditorialEntry, type EntryForEditing } from './model';
import { WorkflowSteps } from './WorkflowSteps';

/** /redaktion/{id}: the head version in a form, the workflow's open steps, and the history. */
export function EntryEditor({ id }: { id: string }) {
  const { t } = useI18n();
  const [reload, setReload] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const loaded = useLoad(
    `editorial-entry:${id}:${reload}`,
    () => apiGet<EntryForEditing>(`/api/v1/library/entries/${encodeURIComponent(id)}`),
    { keepData: true },
  );
  const changed = (text: string) => {
    setSaved(text);
    setReload((n) => n + 1);
  };
  const back = (
    <p>
      <Link href={EDITORIAL_BASE}>{t('ed.backToList')}</Link>
    </p>
  );
  if (loaded.state === 'loading')
    return (
      <section className="ed-page">
        {back}
        <p role="status">{t('common.loading')}</p>
      </section>
    );
  if (loaded.state === 'error')
    return (
      <section className="ed-page">
        {back}
        <h1>{t('notFound.title')}</h1>
        <p role="alert">{t('common.error', { message: loaded.message })}</p>
      </section>
    );
  const { entry, standing, versions, events } = loaded.data;
  const head = versions.at(-1);
  if (!head) return null;
  return (
    <section className="ed-page">
      {back}
      <h1>{head.title}</h1>
      <p>
        {t(`lib.kind.${entry.kind}`)}.{' '}
        {t('ed.state', {
          status: t(`ed.status.${entry.status}`),
          head: entry.headVersion,
          published: entry.publishedVersion ?? t('ed.state.none'),
        })}{' '}
        {entry.publishedVersion !== null && entry.status !== 'archived' && (
          <Link href={`${LIBRARY_BASE}/${entry.slug}`}>{t('ed.public')}</Link>
        )}
      </p>
      <p role="status" className="ed-saved">
        {saved ?? ''}
      </p>
      <WorkflowSteps
        entryId={entry.id}
        standing={standing}
        status={entry.status}
        onDone={(status) => changed(t('ed.stepDone', { status: t(`ed.status.${status}`) }))}
      />
      {mayEdit(standing, entry.status) ? (
        <VersionForm
          key={`${entry.id}:${entry.headVersion}`}
          entry={loaded.data}
          onSaved={(version) => changed(t('ed.saved', { version }))}
        />
      ) : (
        <p>{t('ed.readOnly')}</p>
      )}
      <EntryHistory events={events} />
    </section>
  );
}

function VersionForm({ entry, onSaved }: { entry: EntryForEditing; onSaved: (version: number) => void }) {
  const { t } = useI18n();
  const head = entry.versions.at(-1) ?? null;
  const [draft, setDraft] = useState<Draft>(() => draftOf(head));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ProblemField[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = useFieldLabels();
  useEffect(() => {
    document.title = `${head?.title ?? t('ed.title')} – ${t('app.name')}`;
  }, [head?.title, t]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await apiSend<EditorialEntry>(
        'POST',
        `/api/v1/library/entries/${encodeURIComponent(entry.entry.id)}/versions`,
        {
          content: contentOf(draft, entry.entry.kind),
          changeNote: note,
          expectedVersion: entry.entry.headVersion,
        },
      );
      onSaved(saved.headVersion);
    } catch (err) {
      setErrors(err instanceof ApiError ? err.errors : []);
      setMessage(
        err instanceof ApiError && err.status === 409
          ? t('ed.conflict')
          : err instanceof Error
            ? err.message
            : String(err),
      );
      setBusy(false);
    }
  };
  return (
    <form className="ed-form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary message={message} errors={errors} labels={labels} />
      <EntryForm kind={entry.entry.kind} draft={draft} onChange={setDraft} errors={errors} />
      <Field label={t('ed.field.changeNote')} optional>
        {(ids) => <input {...ids} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {t('ed.save')}
      </button>
    </form>
  );
}
