import type { MouseEvent } from 'react';
import { useI18n, type I18n } from '../../i18n/I18n';
import { isMessageKey } from '../../i18n/messages';
import type { ImportFormats } from '../../../contracts/imports';

/** The id of the column documentation, which the links on the page open. */
export const COLUMNS_ID = 'import-columns';

export function registerLabel(t: I18n['t'], name: string): string {
  const key = `imports.register.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

/** A link that opens the column documentation below and moves the focus to it. */
export function ColumnsLink() {
  const { t } = useI18n();
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const details = document.getElementById(COLUMNS_ID);
    if (!(details instanceof HTMLDetailsElement)) return;
    details.open = true;
    details.querySelector('summary')?.focus();
    details.scrollIntoView({ block: 'start' });
  };
  return (
    <a href={`#${COLUMNS_ID}`} onClick={open}>
      {t('imports.columns.link')}
    </a>
  );
}

/** The columns a file for the chosen register needs: common ones, then each kind's own. */
export function FormatColumns({ formats, register }: { formats: ImportFormats; register: string }) {
  const { t } = useI18n();
  const kinds = formats.kinds[register] ?? {};
  const kindLabel = (kind: string) => {
    const key = `registers.kind.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };
  const columnText = (column: string) => {
    const key = `imports.col.${column}`;
    return isMessageKey(key) ? t(key) : '';
  };
  return (
    <details id={COLUMNS_ID} className="import-columns">
      <summary>{t('imports.columns.heading', { register: registerLabel(t, register) })}</summary>
      <p className="import-columns-sub">{t('imports.columns.common')}</p>
      <dl className="import-columns-list">
        {formats.commonColumns.map((c) => (
          <div key={c}>
            <dt>
              <code>{c}</code>
            </dt>
            <dd>{columnText(c)}</dd>
          </div>
        ))}
      </dl>
      <p className="import-columns-sub">{t('imports.columns.kinds')}</p>
      <dl className="import-columns-list">
        {Object.entries(kinds).map(([kind, columns]) => (
          <div key={kind}>
            <dt>
              <code>{kind}</code> {kindLabel(kind)}
            </dt>
            <dd>
              {columns.length === 0
                ? '–'
                : columns.map((c, i) => (
                    <span key={c}>
                      {i > 0 && ', '}
                      <code>{c}</code>
                    </span>
                  ))}
            </dd>
          </div>
        ))}
      </dl>
      <p>{t('imports.columns.answers')}</p>
      <p>
        <a href="/api/v1/imports/formats">{t('imports.columns.api')}</a>
      </p>
    </details>
  );
}
