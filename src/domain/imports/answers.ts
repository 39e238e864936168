import { indexForm } from '../forms/form-index.js';
import { getInstrument } from '../instruments/index.js';
import { cellBoolean, cellList, cellNumber, cellText, isEmptyCell, type Cell } from './cells.js';
import { ANSWER_PREFIX } from './columns.js';
import type { CellIssue } from './issues.js';

/**
 * `answer.<itemId>` columns → the answers object of an instrument, typed by the instrument's own
 * form: yes/no items take ja/nej, multiple choice `a|b`, numbers a point or a comma. Unknown
 * item ids are refused here; whether the answers are complete and consistent is the
 * instrument's own validation (validateEntry), run afterwards.
 */
export function answersFromCells(
  instrumentId: string,
  cells: ReadonlyArray<readonly [column: string, cell: Cell]>,
): { answers: Record<string, unknown>; issues: CellIssue[] } {
  const answers: Record<string, unknown> = {};
  const issues: CellIssue[] = [];
  const instrument = getInstrument(instrumentId);
  if (!instrument) return { answers, issues };
  const index = indexForm(instrument.form);
  for (const [column, cell] of cells) {
    if (isEmptyCell(cell)) continue;
    const itemId = column.slice(ANSWER_PREFIX.length);
    const item = Object.hasOwn(answers, itemId) ? undefined : index.byId.get(itemId)?.item;
    switch (item?.type) {
      case 'boolean': {
        const b = cellBoolean(cell);
        if (b === undefined)
          issues.push({ column, rule: 'boolean', message: 'must be ja or nej (yes/no, true/false, 1/0)' });
        else answers[itemId] = b;
        break;
      }
      case 'multipleChoice': {
        const list = cellList(cell);
        if (list === undefined)
          issues.push({ column, rule: 'list', message: 'must be option codes separated by |' });
        else answers[itemId] = list;
        break;
      }
      case 'number': {
        const n = cellNumber(cell);
        if (n === undefined)
          issues.push({ column, rule: 'number', message: 'must be a number such as 21 or 21,5' });
        else answers[itemId] = n;
        break;
      }
      case 'singleChoice':
      case 'date':
      case 'text':
        answers[itemId] = cellText(cell);
        break;
      default:
        issues.push({
          column,
          rule: 'unknown_item',
          message: `is not an item of the instrument ${instrumentId}`,
        });
    }
  }
  return { answers, issues };
}
