import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { ProblemField } from '../../api';
import { Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { ColumnsLink, registerLabel } from './FormatColumns';
import { SOURCE_PATTERN, type ImportFormats } from '../../../contracts/imports';
import { contentTypeOf, sizeText } from './model';

export interface ImportChoice {
  file: File;
  contentType: string;
  source: string;
  dryRun: boolean;
}

const problem = (field: string, message: string): ProblemField => ({ field, rule: 'client', message });

/**
 * Register, file (chosen or dropped), source system, and the two ways to send it. Enter in a
 * field does a dry run, the safe default. While a file is on its way the buttons stay focusable
 * (aria-disabled) so the keyboard focus is not lost, and do nothing.
 */
export function ImportForm({
  formats,
  register,
  onRegister,
  busy,
  serverErrors,
  onRun,
}: {
  formats: ImportFormats;
  register: string;
  onRegister: (register: string) => void;
  busy: boolean;
  serverErrors: ProblemField[];
  onRun: (choice: ImportChoice) => void;
}) {
  const { t, formatNumber } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [local, setLocal] = useState<ProblemField[]>([]);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const sourceInput = useRef<HTMLInputElement>(null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const contentType = file ? contentTypeOf(file, formats.contentTypes) : null;
    const problems: ProblemField[] = [];
    if (!file) problems.push(problem('file', t('imports.file.required')));
    else if (!contentType) problems.push(problem('file', t('imports.file.type')));
    if (source !== '' && !SOURCE_PATTERN.test(source))
      problems.push(problem('source', t('imports.source.invalid')));
    setLocal(problems);
    if (problems[0]) {
      (problems[0].field === 'file' ? fileInput : sourceInput).current?.focus();
      return;
    }
    if (file && contentType) onRun({ file, contentType, source, dryRun: submitter?.value !== 'import' });
  };

  const drop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (!dropped) return;
    if (fileInput.current) fileInput.current.files = e.dataTransfer.files;
    setFile(dropped);
    setLocal((l) => l.filter((p) => p.field !== 'file'));
  };

  const errors = [...local, ...serverErrors];
  return (
    <form className="import-form" noValidate onSubmit={submit} aria-label={t('imports.form.label')}>
      <Field label={t('imports.register')} error={errorFor(errors, 'register')}>
        {(ids) => (
          <select {...ids} value={register} onChange={(e) => onRegister(e.target.value)}>
            {formats.registers.map((r) => (
              <option key={r} value={r}>
                {registerLabel(t, r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="import-columns-link">
        <ColumnsLink />
      </p>
      <div
        className={dragging ? 'import-drop import-drop-over' : 'import-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <Field label={t('imports.file')} hint={t('imports.file.hint')} error={errorFor(errors, 'file')}>
          {(ids) => (
            <input
              {...ids}
              ref={fileInput}
              type="file"
              name="file"
              accept=".csv,.txt,.xlsx,.json,text/csv,application/json"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setLocal((l) => l.filter((p) => p.field !== 'file'));
              }}
            />
          )}
        </Field>
        {file && (
          <p className="import-file">
            {t('imports.file.chosen', { name: file.name, size: sizeText(file.size, formatNumber) })}
          </p>
        )}
        {dragging && <p className="import-drop-text">{t('imports.file.drop')}</p>}
      </div>
      <Field
        label={t('imports.source')}
        hint={t('imports.source.hint')}
        optional
        error={errorFor(errors, 'source')}
      >
        {(ids) => (
          <input
            {...ids}
            ref={sourceInput}
            name="source"
            autoComplete="off"
            spellCheck={false}
            value={source}
            onChange={(e) => setSource(e.target.value.trim())}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" value="dryRun" aria-disabled={busy || undefined}>
          {t('imports.dryRun')}
        </button>
        <button type="submit" value="import" className="primary" aria-disabled={busy || undefined}>
          {t('imports.run')}
        </button>
      </div>
    </form>
  );
}
