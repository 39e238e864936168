import type { z } from 'zod';
import type { YearAnswer, agreementBody, ruleBody } from '../../../contracts/agreements';

/** Paths and the small text formats of the agreement forms (lines of `a;b;c`). */
export const AGREEMENTS_BASE = '/overenskommelser';
export const FOLLOW_UP_PATH = `${AGREEMENTS_BASE}/uppfoljning`;
export const DECISION_PATH = `${AGREEMENTS_BASE}/beslut`;

/** What every section of the year's page is given: the year, whether one may change it, a reload. */
export interface SectionProps {
  data: YearAnswer;
  manage: boolean;
  reload: () => void;
}

export const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const lines = (text: string): string[][] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(';').map((c) => c.trim()));

export function fundingLines(text: string): z.input<typeof agreementBody>['funding'] {
  return lines(text).map(([recipient = '', region = '', amount = '']) => ({
    recipient,
    regionCode: region === '' ? null : region,
    amount: Number(amount.replace(/\s/g, '')),
  }));
}

export function tierLines(text: string): z.input<typeof ruleBody>['tiers'] {
  return lines(text).map(([percent = '', kind = '', amount = '']) => ({
    atLeastPercent: Number(percent.replace(',', '.')),
    kind: kind === 'each' ? 'each' : 'pot',
    amount: Number(amount.replace(/\s/g, '')),
  }));
}

export const kronor = (n: number) => new Intl.NumberFormat('sv-SE').format(n);
