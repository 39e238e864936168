import type { I18n } from '../../i18n/I18n';
import type { Lang } from '../../i18n/messages';
import { answerText, dataValueText, fieldLabel, formOf } from './format';
import type { EntryVersion } from '../../../contracts/registers';
import { instrumentOf, isRecord } from './model';

export interface Change {
  label: string;
  from: string;
  to: string;
}

/**
 * What a correction changed, in words: the date, the score, every other data field and every
 * instrument answer whose value differs between the older and the newer version.
 */
export function changesBetween(
  t: I18n['t'],
  lang: Lang,
  register: string,
  kind: string,
  older: EntryVersion,
  newer: EntryVersion,
): Change[] {
  const changes: Change[] = [];
  const add = (label: string, from: string, to: string) => {
    if (from !== to) changes.push({ label, from, to });
  };
  add(t('registers.field.occurredOn'), older.occurredOn, newer.occurredOn);
  const empty = t('registers.history.empty');
  const total = (v: EntryVersion) =>
    v.derived?.total === null || v.derived?.total === undefined ? empty : String(v.derived.total);
  add(t('instruments.result.total'), total(older), total(newer));
  add(
    t('instruments.result.band'),
    older.derived?.bandLabel[lang] ?? empty,
    newer.derived?.bandLabel[lang] ?? empty,
  );

  const keys = [...new Set([...Object.keys(older.data), ...Object.keys(newer.data)])].filter(
    (k) => k !== 'answers',
  );
  for (const key of keys)
    add(
      fieldLabel(t, lang, `data.${key}`),
      dataValueText(t, lang, key, older.data[key]),
      dataValueText(t, lang, key, newer.data[key]),
    );

  const before = isRecord(older.data['answers']) ? older.data['answers'] : {};
  const after = isRecord(newer.data['answers']) ? newer.data['answers'] : {};
  const formBefore = formOf(instrumentOf(register, kind, older.data));
  const form = formOf(instrumentOf(register, kind, newer.data)) ?? formBefore;
  for (const item of [...new Set([...Object.keys(before), ...Object.keys(after)])])
    add(
      fieldLabel(t, lang, `data.answers.${item}`, form),
      answerText(t, lang, formBefore, item, before[item]),
      answerText(t, lang, form, item, after[item]),
    );
  return changes;
}
