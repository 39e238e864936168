import type { Queryable } from '../../db/db.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import { ValidationError, type FieldIssue } from '../../domain/errors.js';
import { getInstrument } from '../../domain/instruments/index.js';
import { slugOf } from '../../domain/library/query.js';
import { TARGET_GROUP_WORDS_SV, type EntryKind } from '../../domain/library/vocabulary.js';
import { appendAudit } from '../audit/append.js';
import { activeDefinitions } from '../indicators/engine.js';
import * as q from './queries.js';
import type { LibraryActor } from './service.js';
import type { EntryContent } from './types.js';

/** Rules every library writer applies: references, slugs, the audit entry, the search words. */

export const swedishDay = (d: Date): string =>
  d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** References to things elsewhere must exist: indicators, instruments. */
export async function checkReferences(tx: Queryable, c: EntryContent): Promise<void> {
  const issues: FieldIssue[] = [];
  const known = new Set((await activeDefinitions(tx)).map((d) => d.id));
  c.outcomeIndicators.forEach((id, i) => {
    if (!known.has(id))
      issues.push({
        field: `outcomeIndicators.${i}`,
        rule: 'unknown_indicator',
        message: `no indicator ${id}`,
      });
  });
  if (c.example && !known.has(c.example.indicatorId))
    issues.push({
      field: 'example.indicatorId',
      rule: 'unknown_indicator',
      message: `no indicator ${c.example.indicatorId}`,
    });
  if (c.instrumentId && !getInstrument(c.instrumentId))
    issues.push({
      field: 'instrumentId',
      rule: 'unknown_instrument',
      message: `no instrument ${c.instrumentId}`,
    });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** A good example's indicator is one of its outcomes, so it shows on that indicator's page. */
export function normalised(c: EntryContent): EntryContent {
  if (!c.example || c.outcomeIndicators.includes(c.example.indicatorId)) return c;
  return { ...c, outcomeIndicators: [...c.outcomeIndicators, c.example.indicatorId] };
}

export async function freeSlugs(tx: Queryable, titles: readonly string[]): Promise<string[]> {
  const bases = titles.map(slugOf);
  const taken = await q.slugsTaken(tx, bases);
  const used = new Set<string>();
  return bases.map((base) => {
    let slug = base;
    for (let n = 2; taken.has(slug) || used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}

export function audit(
  tx: Queryable,
  actor: LibraryActor,
  entry: { id: string | null; kind: EntryKind; municipalityCode: string | null },
  details: Record<string, unknown>,
  outcome: AuditEntry['outcome'] = 'allowed',
): Promise<void> {
  return appendAudit(
    tx,
    {
      actorUserId: actor.userId,
      action: 'library_write',
      outcome,
      municipalityCode: entry.municipalityCode,
      recordType: 'library_entry',
      recordId: entry.id,
      clientAddress: actor.clientAddress,
      details: { kind: entry.kind, ...details },
    },
    actor.now,
  );
}

export function requireExampleShape(kind: EntryKind, c: EntryContent): void {
  if (kind === 'good_example' && !c.example)
    throw new ValidationError([
      {
        field: 'content.example',
        rule: 'required',
        message: 'a good example names its indicator, municipality and periods',
      },
    ]);
  if (kind !== 'good_example' && c.example)
    throw new ValidationError([
      {
        field: 'content.example',
        rule: 'only_good_examples',
        message: 'only good examples carry before/after figures',
      },
    ]);
}

export function searchExtra(content: EntryContent): string {
  return [
    ...content.targetGroups.map((g) => TARGET_GROUP_WORDS_SV[g]),
    content.ksiCode ?? '',
    content.instrumentId ?? '',
  ].join(' ');
}
