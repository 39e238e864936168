import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { vocabularyWords } from '../../domain/library/query.js';
import {
  decideTransition,
  mayCreate,
  mayEdit,
  reviewDueAfter,
  type Standing,
  type Status,
  type Transition,
} from '../../domain/library/workflow.js';
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
import type { EntryContent, EntryRow } from './types.js';

/**
 * The library's commands. Each runs in one transaction with its audit entry and its history
 * event; the search table changes only when a version is published or an entry archived.
 */
export interface LibraryActor {
  /** The account; null for the system (seed content). */
  userId: string | null;
  /** Holds library.edit (a knowledge editor). */
  editor: boolean;
  /** Whether the actor may submit for this municipality (library.submit in scope). */
  maySubmitFor(municipalityCode: string): Promise<boolean>;
  clientAddress: string | null;
  now: Date;
}

export const SYSTEM_ACTOR: LibraryActor = {
  userId: null,
  editor: true,
  maySubmitFor: () => Promise.resolve(true),
  clientAddress: null,
  now: new Date(0),
};

export function systemActor(now: Date): LibraryActor {
  return { ...SYSTEM_ACTOR, now };
}

async function standingOf(
  actor: LibraryActor,
  entry: { kind: EntryKind; municipalityCode: string | null },
): Promise<Standing> {
  if (actor.editor) return 'editor';
  if (
    entry.kind === 'good_example' &&
    entry.municipalityCode &&
    (await actor.maySubmitFor(entry.municipalityCode))
  )
    return 'submitter';
  return 'other';
}

/**
 * The actor's standing, decided before the write's transaction: it may look up the org register
 * (a unit's municipality), and the embedded engine runs one transaction at a time. An entry's
 * kind and municipality never change, so the standing holds inside the transaction.
 */
async function standingBefore(db: Db, actor: LibraryActor, entryId: string): Promise<Standing> {
  const entry = await q.entryById(db, entryId);
  if (!entry) throw new NotFoundError(`library entry ${entryId}`);
  return standingOf(actor, entry);
}

export interface CreateInput {
  kind: EntryKind;
  content: EntryContent;
  changeNote: string;
}

function municipalityOf(input: CreateInput): string | null {
  return input.kind === 'good_example' ? (input.content.example?.municipalityCode ?? null) : null;
}

/** Creates an entry as a draft (version 1). Editors any kind; municipality staff a good example. */
export async function createEntry(db: Db, actor: LibraryActor, input: CreateInput): Promise<EntryRow> {
  requireExampleShape(input.kind, input.content);
  const municipalityCode = municipalityOf(input);
  const standing = await standingOf(actor, { kind: input.kind, municipalityCode });
  if (!mayCreate(standing, input.kind)) {
    // The refusal is logged (and committed) before it is raised.
    await db.transaction((tx) =>
      audit(
        tx,
        actor,
        { id: null, kind: input.kind, municipalityCode },
        { change: 'create', standing },
        'denied',
      ),
    );
    throw new ForbiddenError(
      'Du får inte skapa den här sortens post. / You may not create this kind of entry.',
    );
  }
  const content = normalised(input.content);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await checkReferences(tx, content);
    const [slug] = await freeSlugs(tx, [content.title]);
    await q.insertEntries(tx, [
      {
        id,
        slug: slug ?? id,
        kind: input.kind,
        status: 'draft',
        municipalityCode,
        createdBy: actor.userId,
        at: actor.now,
      },
    ]);
    await q.insertVersions(tx, [
      {
        entryId: id,
        version: 1,
        content,
        changeNote: input.changeNote,
        changedBy: actor.userId,
        at: actor.now,
      },
    ]);
    await q.insertEvents(tx, [
      {
        entryId: id,
        version: 1,
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
        note: input.changeNote,
        actor: actor.userId,
        at: actor.now,
      },
    ]);
    await audit(
      tx,
      actor,
      { id, kind: input.kind, municipalityCode },
      { change: 'create', version: 1, standing },
    );
  });
  return (await q.entryById(db, id)) as EntryRow;
}

/** Saves a new version of an entry; it becomes the head, as a draft. */
export async function saveVersion(
  db: Db,
  actor: LibraryActor,
  entryId: string,
  input: { content: EntryContent; changeNote: string; expectedVersion?: number | undefined },
): Promise<EntryRow> {
  const content = normalised(input.content);
  const standing = await standingBefore(db, actor, entryId);
  const refused = await db.transaction(async (tx) => {
    const entry = await q.lockEntry(tx, entryId);
    if (!entry) throw new NotFoundError(`library entry ${entryId}`);
    requireExampleShape(entry.kind, content);
    if (!mayEdit(standing, entry.status)) {
      // Logged in this transaction, which commits; the error is raised after it.
      await audit(tx, actor, entry, { change: 'edit', version: entry.headVersion, standing }, 'denied');
      return standing === 'other'
        ? 'Du får inte ändra den här posten. / You may not change this entry.'
        : `Posten kan inte ändras i status ${entry.status}. / The entry cannot be changed in status ${entry.status}.`;
    }
    if (entry.kind === 'good_example' && content.example?.municipalityCode !== entry.municipalityCode)
      throw new ValidationError([
        {
          field: 'content.example.municipalityCode',
          rule: 'fixed',
          message: `stays ${entry.municipalityCode ?? ''}`,
        },
      ]);
    if (input.expectedVersion !== undefined && input.expectedVersion !== entry.headVersion)
      throw new ConflictError(`the entry is at version ${entry.headVersion}, not ${input.expectedVersion}`, [
        {
          field: 'expectedVersion',
          rule: 'stale_version',
          message: `the latest version is ${entry.headVersion}`,
        },
      ]);
    await checkReferences(tx, content);
    const version = entry.headVersion + 1;
    await q.insertVersions(tx, [
      { entryId, version, content, changeNote: input.changeNote, changedBy: actor.userId, at: actor.now },
    ]);
    await q.updateEntry(tx, entryId, {
      status: 'draft',
      headVersion: version,
      publishedVersion: entry.publishedVersion,
      lastReviewed: entry.lastReviewed,
      reviewDue: entry.reviewDue,
      at: actor.now,
    });
    await q.insertEvents(tx, [
      {
        entryId,
        version,
        action: 'edit',
        fromStatus: entry.status,
        toStatus: 'draft',
        note: input.changeNote,
        actor: actor.userId,
        at: actor.now,
      },
    ]);
    await audit(tx, actor, entry, { change: 'edit', version, standing });
    return null;
  });
  if (refused) throw new ForbiddenError(refused);
  return (await q.entryById(db, entryId)) as EntryRow;
}

async function publishInto(
  tx: Queryable,
  entry: Pick<EntryRow, 'id' | 'slug' | 'kind' | 'municipalityCode'>,
  version: number,
  content: EntryContent,
  reviewedOn: string,
  reviewDue: string,
): Promise<void> {
  await q.upsertSearch(tx, [
    {
      entryId: entry.id,
      version,
      slug: entry.slug,
      kind: entry.kind,
      content,
      municipalityCode: entry.municipalityCode,
      lastReviewed: reviewedOn,
      reviewDue,
      extra: searchExtra(content),
    },
  ]);
  await q.insertWords(tx, vocabularyWords(`${content.title} ${content.summary} ${content.body}`));
}

/** Moves the head version through the workflow (submit, publish, return, archive). */
export async function transition(
  db: Db,
  actor: LibraryActor,
  entryId: string,
  step: Transition,
  note: string,
): Promise<EntryRow> {
  const standing = await standingBefore(db, actor, entryId);
  const refused = await db.transaction(async (tx) => {
    const entry = await q.lockEntry(tx, entryId);
    if (!entry) throw new NotFoundError(`library entry ${entryId}`);
    const decision = decideTransition(standing, entry.status, step);
    if (!decision.ok) {
      // A refused publish is logged too; the error is raised after the log entry commits.
      await audit(tx, actor, entry, { change: step, version: entry.headVersion, standing }, 'denied');
      return decision;
    }
    const to: Status = decision.to;
    const today = swedishDay(actor.now);
    let set = {
      status: to,
      headVersion: entry.headVersion,
      publishedVersion: entry.publishedVersion,
      lastReviewed: entry.lastReviewed,
      reviewDue: entry.reviewDue,
      at: actor.now,
    };
    if (step === 'publish') {
      const head = await q.version(tx, entryId, entry.headVersion);
      if (!head) throw new NotFoundError(`version ${entry.headVersion} of library entry ${entryId}`);
      const due = head.reviewDue && head.reviewDue > today ? head.reviewDue : reviewDueAfter(today);
      await publishInto(tx, entry, entry.headVersion, head, today, due);
      set = { ...set, publishedVersion: entry.headVersion, lastReviewed: today, reviewDue: due };
    }
    if (step === 'archive') await q.removeFromSearch(tx, entryId);
    await q.updateEntry(tx, entryId, set);
    await q.insertEvents(tx, [
      {
        entryId,
        version: entry.headVersion,
        action: step,
        fromStatus: entry.status,
        toStatus: to,
        note,
        actor: actor.userId,
        at: actor.now,
      },
    ]);
    await audit(tx, actor, entry, {
      change: step,
      version: entry.headVersion,
      from: entry.status,
      to,
      standing,
    });
    return null;
  });
  if (refused) {
    if (refused.reason === 'forbidden')
      throw new ForbiddenError(`Du får inte göra detta. / ${refused.message}.`);
    throw new ConflictError(refused.message, [
      { field: 'transition', rule: 'wrong_status', message: refused.message },
    ]);
  }
  return (await q.entryById(db, entryId)) as EntryRow;
}

/** An entry as an editor (or the submitting municipality's staff) sees it: every version and event. */
export async function entryForEditing(db: Db, actor: LibraryActor, entryId: string) {
  const entry = await q.entryById(db, entryId);
  if (!entry) throw new NotFoundError(`library entry ${entryId}`);
  const standing = await standingOf(actor, entry);
  if (standing === 'other') throw new NotFoundError(`library entry ${entryId}`);
  return { entry, standing, versions: await q.versions(db, entryId), events: await q.events(db, entryId) };
}
