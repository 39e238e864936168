import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { luhnCheckDigit } from '../../domain/persons/personnummer.js';

/**
 * Deterministic Senior Alert import rows for the tests and the benchmark (not part of the build).
 * Row i belongs to person i·k mod P, so persons recur across the file; about 40 % of rows are risk
 * assessments (the four instruments in turn), the rest planned actions and events.
 */
export const SENIOR_ALERT_COLUMNS = [
  'record_id',
  'personnummer',
  'name',
  'unit_code',
  'served_from',
  'date',
  'kind',
  'instrument',
  'answer.mentalState',
  'answer.physicalActivity',
  'answer.mobility',
  'answer.foodIntake',
  'answer.fluidIntake',
  'answer.incontinence',
  'answer.generalCondition',
  'answer.weightLoss',
  'answer.acuteDisease',
  'answer.neuropsychological',
  'answer.bmi',
  'answer.previousFalls',
  'answer.medications',
  'answer.sensoryDeficits',
  'answer.gait',
  'answer.voice',
  'answer.lips',
  'answer.mucousMembranes',
  'answer.tongue',
  'answer.gums',
  'answer.teeth',
  'answer.dentures',
  'answer.saliva',
  'answer.swallowing',
  'causes',
  'risk_area',
  'action_code',
  'event_type',
  'grade',
] as const;

export type SampleRow = Partial<Record<(typeof SENIOR_ALERT_COLUMNS)[number], string>>;

/** A valid 12-digit personnummer (with hyphen) for person p, born 1925–1954. */
export function samplePersonnummer(p: number): string {
  const year = 1925 + (p % 30);
  const month = 1 + ((p >> 3) % 12);
  const day = 1 + ((p >> 5) % 28);
  const serial = String(100 + ((p * 7919) % 900)).padStart(3, '0');
  const yymmdd = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  return `${year}${yymmdd.slice(2)}-${serial}${luhnCheckDigit(yymmdd + serial)}`;
}

const FIRST = ['Åsa', 'Märta', 'Örjan', 'Gösta', 'Ingrid', 'Sven', 'Kerstin', 'Åke'];
const LAST = ['Öberg', 'Ärlig', 'Lindström', 'Åkesson', 'Nilsson', 'Sjögren', 'Berg', 'Holm'];

export function sampleName(p: number): string {
  return `${FIRST[p % FIRST.length] ?? 'Test'} ${LAST[(p >> 3) % LAST.length] ?? 'Testsson'}`;
}

const isoDay = (base: string, days: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const ANSWERS: Array<{ instrument: string; answers: SampleRow }> = [
  {
    instrument: 'modified-norton',
    answers: {
      'answer.mentalState': '3',
      'answer.physicalActivity': '2',
      'answer.mobility': '3',
      'answer.foodIntake': '3',
      'answer.fluidIntake': '2',
      'answer.incontinence': '4',
      'answer.generalCondition': '3',
    },
  },
  {
    instrument: 'mna-sf',
    answers: {
      'answer.foodIntake': '1',
      'answer.weightLoss': '2',
      'answer.mobility': '1',
      'answer.acuteDisease': '2',
      'answer.neuropsychological': '1',
      'answer.bmi': '21,5',
    },
  },
  {
    instrument: 'downton',
    answers: {
      'answer.previousFalls': 'ja',
      'answer.medications': 'diuretics|antidepressants',
      'answer.sensoryDeficits': 'none',
      'answer.mentalState': 'oriented',
      'answer.gait': 'normal',
    },
  },
  {
    instrument: 'roag',
    answers: {
      'answer.voice': '1',
      'answer.lips': '1',
      'answer.mucousMembranes': '2',
      'answer.tongue': '1',
      'answer.gums': '1',
      'answer.teeth': '1',
      'answer.dentures': 'notApplicable',
      'answer.saliva': '1',
      'answer.swallowing': '1',
    },
  },
];

export interface SampleOptions {
  /** Unit codes the persons are spread over (a person stays at one unit). */
  unitCodes: readonly string[];
  persons: number;
  /** Prefix of the record ids, so files of different tests do not share them. */
  prefix?: string;
}

export function sampleRow(i: number, o: SampleOptions): SampleRow {
  const p = (i * 7 + Math.floor(i / o.persons)) % o.persons;
  const servedFrom = isoDay('2023-01-01', p % 365);
  const base: SampleRow = {
    record_id: `${o.prefix ?? 'r'}${i}`,
    personnummer: samplePersonnummer(p),
    name: sampleName(p),
    unit_code: o.unitCodes[p % o.unitCodes.length] ?? '',
    served_from: servedFrom,
    date: isoDay(servedFrom, 1 + ((i * 13) % 300)),
  };
  const k = i % 10;
  if (k < 4) {
    const a = ANSWERS[(i >> 2) % ANSWERS.length] ?? ANSWERS[0];
    return {
      ...base,
      kind: 'risk_assessment',
      instrument: a?.instrument,
      ...a?.answers,
      causes: k === 0 ? 'medication|pain' : '',
    };
  }
  if (k < 7)
    return {
      ...base,
      kind: 'planned_action',
      risk_area: 'falls',
      action_code: ['exercise', 'walking_aid', 'medication_review'][k - 4],
    };
  return k === 7
    ? { ...base, kind: 'event', event_type: 'pressure_ulcer', grade: String(1 + (i % 4)) }
    : { ...base, kind: 'event', event_type: 'fall' };
}

/** One CSV line (fields quoted when needed). */
export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map((v) => (/[",;\n\r\t]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(delimiter);
}

export function sampleCsv(rows: readonly SampleRow[], delimiter = ','): string {
  const lines = [csvLine(SENIOR_ALERT_COLUMNS, delimiter)];
  for (const r of rows)
    lines.push(
      csvLine(
        SENIOR_ALERT_COLUMNS.map((c) => r[c] ?? ''),
        delimiter,
      ),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** Three rows of three persons (names with å, ä, ö) at one unit: an assessment, an action, an event. */
export function threeRows(unitCode: string): SampleRow[] {
  const person = (p: number, name: string) => ({
    personnummer: samplePersonnummer(p),
    name,
    unit_code: unitCode,
    served_from: '2024-01-02',
  });
  return [
    {
      record_id: 'a-1',
      ...person(1, 'Åsa Öberg'),
      date: '2024-03-05',
      kind: 'risk_assessment',
      instrument: 'downton',
      'answer.previousFalls': 'ja',
      'answer.medications': 'diuretics|antidepressants',
      'answer.sensoryDeficits': 'none',
      'answer.mentalState': 'oriented',
      'answer.gait': 'normal',
      causes: 'medication',
    },
    {
      record_id: 'a-2',
      ...person(2, 'Märta Ärlig'),
      date: '2024-03-06',
      kind: 'planned_action',
      risk_area: 'falls',
      action_code: 'exercise',
    },
    {
      record_id: 'a-3',
      ...person(3, 'Örjan Åkesson'),
      date: '2024-04-01',
      kind: 'event',
      event_type: 'pressure_ulcer',
      grade: '2',
    },
  ];
}

/** Only the columns some row uses, in the standard order. */
export function usedColumns(rows: readonly SampleRow[]): string[] {
  return SENIOR_ALERT_COLUMNS.filter((c) => rows.some((r) => (r[c] ?? '') !== ''));
}

/** A CSV file of the rows in the given delimiter and encoding (Windows-1252 as older systems write it). */
export function csvFile(
  rows: readonly SampleRow[],
  o: { delimiter?: string; encoding?: 'utf-8' | 'windows-1252'; bom?: boolean } = {},
): Buffer {
  const columns = usedColumns(rows);
  const lines = [
    csvLine(columns, o.delimiter),
    ...rows.map((r) =>
      csvLine(
        columns.map((c) => r[c as keyof SampleRow] ?? ''),
        o.delimiter,
      ),
    ),
  ];
  const text = `${lines.join('\r\n')}\r\n`;
  if (o.encoding === 'windows-1252') return iconv.encode(text, 'windows-1252');
  return Buffer.from(o.bom ? `\uFEFF${text}` : text, 'utf8');
}

/** An XLSX workbook of the rows; dates as real date cells, grades as numbers, as Excel keeps them. */
export async function xlsxFile(rows: readonly SampleRow[]): Promise<Buffer> {
  const columns = usedColumns(rows);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Import');
  sheet.addRow(columns);
  for (const r of rows)
    sheet.addRow(
      columns.map((c) => {
        const v = r[c as keyof SampleRow] ?? '';
        if ((c === 'date' || c === 'served_from') && v) return new Date(`${v}T00:00:00Z`);
        if (c === 'grade' && v) return Number(v);
        return v === '' ? null : v;
      }),
    );
  workbook.addWorksheet('Anteckningar').addRow(['not read']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A JSON array of the rows; the last one with its kind's fields as a nested data object. */
export function jsonFile(rows: readonly SampleRow[], nestLast = true): Buffer {
  const objects: Array<Record<string, unknown>> = rows.map((r) =>
    Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '' && v !== undefined)),
  );
  const last = objects[objects.length - 1];
  if (nestLast && last?.['kind'] === 'event') {
    const { event_type, grade, ...rest } = last;
    objects[objects.length - 1] = { ...rest, data: { eventType: event_type, grade: Number(grade) } };
  }
  return Buffer.from(JSON.stringify(objects, null, 1), 'utf8');
}
