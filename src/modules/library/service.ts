import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../../domain/errors.js';
import { getInstrument } from '../../domain/instruments/index.js';
import { slugOf, vocabularyWords } from '../../domain/library/query.js';
import {
  decideTransition,
  mayCreate,
  mayEdit,
  reviewDueAfter,
  type Standing,
  type Status,
  type Transition,
} from '../../domain/library/workflow.js';
import { TARGET_GROUP_WORDS_SV, type EntryKind } from '../../domain/library/vocabulary.js';
import { appendAudit } from '../audit/append.js';
import { activeDefinitions } from '../indicators/engine.js';
import * as q from './queries.js';
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

const swedishDay = (d: Date): string => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** References to things elsewhere must exist: indicators, instruments. */
async function checkReferences(tx: Queryable, c: EntryContent): Promise<void> {
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
function normalised(c: EntryContent): EntryContent {
  if (!c.example || c.outcomeIndicators.includes(c.example.indicatorId)) return c;
  return { ...c, outcomeIndicators: [...c.outcomeIndicators, c.example.indicatorId] };
}

async function freeSlugs(tx: Queryable, titles: readonly string[]): Promise<string[]> {
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

function audit(
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

export interface CreateInput {
  kind: EntryKind;
  content: EntryContent;
  changeNote: string;
}

function municipalityOf(input: CreateInput): string | null {
  return input.kind === 'good_example' ? (input.content.example?.municipalityCode ?? null) : null;
}

function requireExampleShape(kind: EntryKind, c: EntryContent): void {
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

function searchExtra(content: EntryContent): string {
  return [
    ...content.targetGroups.map((g) => TARGET_GROUP_WORDS_SV[g]),
    content.ksiCode ?? '',
    content.instrumentId ?? '',
  ].join(' ');
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

/** An entry as an editor (or the submitting municipality's staff) sees it: every version and event. */
export async function entryForEditing(db: Db, actor: LibraryActor, entryId: string) {
  const entry = await q.entryById(db, entryId);
  if (!entry) throw new NotFoundError(`library entry ${entryId}`);
  const standing = await standingOf(actor, entry);
  if (standing === 'other') throw new NotFoundError(`library entry ${entryId}`);
  return { entry, standing, versions: await q.versions(db, entryId), events: await q.events(db, entryId) };
}
