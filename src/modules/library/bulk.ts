import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/db.js';
import { ForbiddenError } from '../../domain/errors.js';
import { vocabularyWords } from '../../domain/library/query.js';
import { reviewDueAfter } from '../../domain/library/workflow.js';
import type { EntryKind } from '../../domain/library/vocabulary.js';
import * as q from './queries.js';
import {
  audit,
  checkReferences,
  freeSlugs,
  normalised,
  requireExampleShape,
  searchExtra,
  swedishDay,
} from './rules.js';
import type { LibraryActor } from './service.js';
import type { EntryContent } from './types.js';

export interface PublishedImport {
  kind: EntryKind;
  content: EntryContent;
  /** A stable slug (seed content keeps its addresses); default from the title. */
  slug?: string;
  note: string;
}

/**
 * Writes entries straight to published (seed content, the benchmark): one batch, one
 * transaction, each entry created and published with its history events (and audit entries
 * when a person imports). Only for editors (the system acts as one). Entries whose slug exists
 * are skipped.
 */
export async function importPublished(
  db: Db,
  actor: LibraryActor,
  items: readonly PublishedImport[],
): Promise<number> {
  if (!actor.editor) throw new ForbiddenError('only knowledge editors publish');
  return db.transaction(async (tx) => {
    const wanted = items.filter((i) => i.slug !== undefined).map((i) => i.slug as string);
    const existing = await q.slugsTaken(tx, wanted);
    const fresh = items.filter((i) => i.slug === undefined || !existing.has(i.slug));
    if (fresh.length === 0) return 0;
    const generated = await freeSlugs(
      tx,
      fresh.map((i) => i.content.title),
    );
    const today = swedishDay(actor.now);
    const due = reviewDueAfter(today);
    const rows = fresh.map((item, i) => {
      const content = normalised(item.content);
      requireExampleShape(item.kind, content);
      return {
        id: randomUUID(),
        slug: item.slug ?? generated[i] ?? randomUUID(),
        kind: item.kind,
        municipalityCode: item.kind === 'good_example' ? (content.example?.municipalityCode ?? null) : null,
        content,
        note: item.note,
        reviewDue: content.reviewDue && content.reviewDue > today ? content.reviewDue : due,
      };
    });
    for (const r of rows) await checkReferences(tx, r.content);
    await q.insertEntries(
      tx,
      rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        kind: r.kind,
        status: 'published',
        municipalityCode: r.municipalityCode,
        createdBy: actor.userId,
        at: actor.now,
      })),
    );
    await q.insertVersions(
      tx,
      rows.map((r) => ({
        entryId: r.id,
        version: 1,
        content: r.content,
        changeNote: r.note,
        changedBy: actor.userId,
        at: actor.now,
      })),
    );
    for (const r of rows)
      await q.updateEntry(tx, r.id, {
        status: 'published',
        headVersion: 1,
        publishedVersion: 1,
        lastReviewed: today,
        reviewDue: r.reviewDue,
        at: actor.now,
      });
    await q.insertEvents(
      tx,
      rows.flatMap((r) => [
        {
          entryId: r.id,
          version: 1,
          action: 'create' as const,
          fromStatus: null,
          toStatus: 'draft' as const,
          note: r.note,
          actor: actor.userId,
          at: actor.now,
        },
        {
          entryId: r.id,
          version: 1,
          action: 'publish' as const,
          fromStatus: 'draft' as const,
          toStatus: 'published' as const,
          note: r.note,
          actor: actor.userId,
          at: actor.now,
        },
      ]),
    );
    await q.upsertSearch(
      tx,
      rows.map((r) => ({
        entryId: r.id,
        version: 1,
        slug: r.slug,
        kind: r.kind,
        content: r.content,
        municipalityCode: r.municipalityCode,
        lastReviewed: today,
        reviewDue: r.reviewDue,
        extra: searchExtra(r.content),
      })),
    );
    await q.insertWords(
      tx,
      vocabularyWords(rows.map((r) => `${r.content.title} ${r.content.summary} ${r.content.body}`).join(' ')),
    );
    // A person's import is audited entry by entry; the system's loads at start (instrument
    // entries, demo examples) are recorded in each entry's history only, as reference data is.
    if (actor.userId !== null)
      for (const r of rows) await audit(tx, actor, r, { change: 'import_published', version: 1 });
    return rows.length;
  });
}
