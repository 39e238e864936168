import { useId } from 'react';
import { useI18n } from '../../i18n/I18n';
import { download, type ExportFormat, type ExportTable } from './table-export';

/** The three downloads of a table; the table is built only when a button is pressed. */
export function DownloadButtons({ table, label }: { table: () => ExportTable; label: string }) {
  const { t } = useI18n();
  const id = useId();
  const formats: Array<[ExportFormat, string]> = [
    ['csv', t('pub.download.csv')],
    ['excel-csv', t('pub.download.excelCsv')],
    ['xlsx', t('pub.download.xlsx')],
  ];
  return (
    <div className="pub-downloads" role="group" aria-labelledby={id}>
      <span id={id} className="pub-downloads-label">
        {t('pub.download')}
        <span className="visually-hidden">: {label}</span>
      </span>
      {formats.map(([format, text]) => (
        <button
          key={format}
          type="button"
          data-format={format}
          onClick={() => void download(table(), format)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
