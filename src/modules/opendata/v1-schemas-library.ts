import { z } from 'zod';
import type {
  EditorialEntry,
  EditorialList,
  EntryForEditing,
  EntryPage,
  IndicatorEntries,
  RelatedEntries,
  SearchResult,
} from '../../contracts/library.js';
import { EVIDENCE_LEVELS } from '../../domain/library/evidence.js';
import {
  ENTRY_KINDS,
  OPERATING_AREAS,
  PROBLEMS,
  REFERENCE_KINDS,
  TARGET_GROUPS,
} from '../../domain/library/vocabulary.js';
import { STATUSES } from '../../domain/library/workflow.js';

/**
 * Response schemas of the /api/v1 knowledge library operations (see v1-responses.ts). Each is
 * checked against its contract at compile time.
 */
const reference = z.object({
  kind: z.enum(REFERENCE_KINDS),
  title: z.string(),
  year: z.number().int(),
  url: z.string(),
});

const description = {
  title: z.string(),
  summary: z.string(),
  ksiCode: z.string().nullable(),
  instrumentId: z.string().nullable(),
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  operatingAreas: z.array(z.enum(OPERATING_AREAS)),
  problems: z.array(z.enum(PROBLEMS)),
  evidence: z.enum(EVIDENCE_LEVELS),
  outcomeIndicators: z.array(z.string()),
};

const summaryFields = {
  ...description,
  entryId: z.string(),
  slug: z.string(),
  kind: z.enum(ENTRY_KINDS),
  municipalityCode: z.string().nullable(),
  isSample: z.boolean(),
  lastReviewed: z.string().nullable(),
  reviewDue: z.string().nullable(),
};
const summary = z.object(summaryFields);

export const searchResult = z.object({
  q: z.string(),
  words: z.array(z.object({ word: z.string(), variants: z.array(z.string()) })),
  total: z.number().int(),
  totalCapped: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
  hits: z.array(
    z.object({
      ...summaryFields,
      rank: z.number(),
      snippet: z.array(z.object({ text: z.string(), hit: z.boolean() })),
      stale: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<SearchResult>;

const figure = z.object({
  period: z.string(),
  status: z.enum(['', '..', '.']),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  publishedAt: z.string().nullable(),
});

export const entryPage = z.object({
  ...summaryFields,
  version: z.number().int(),
  body: z.string(),
  references: z.array(reference),
  indicators: z.array(
    z.object({
      id: z.string(),
      title: z.object({ sv: z.string(), en: z.string() }),
      openComparisons: z.boolean(),
    }),
  ),
  figures: z
    .object({ municipalityCode: z.string(), indicatorId: z.string(), before: figure, after: figure })
    .nullable(),
  sampleWrittenOn: z.string().nullable(),
  stale: z.boolean(),
}) satisfies z.ZodType<EntryPage>;

export const indicatorEntries = z.object({
  indicator: z.string(),
  entries: z.array(summary),
}) satisfies z.ZodType<IndicatorEntries>;

export const relatedEntries = z.object({
  ksi: z.array(z.string()),
  problems: z.array(z.enum(PROBLEMS)),
  entries: z.array(summary),
}) satisfies z.ZodType<RelatedEntries>;

const editorialFields = {
  id: z.string(),
  slug: z.string(),
  kind: z.enum(ENTRY_KINDS),
  status: z.enum(STATUSES),
  headVersion: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  municipalityCode: z.string().nullable(),
  lastReviewed: z.string().nullable(),
  reviewDue: z.string().nullable(),
  createdBy: z.string().nullable(),
};
export const editorialEntry = z.object(editorialFields) satisfies z.ZodType<EditorialEntry>;

export const editorialList = z.object({
  entries: z.array(z.object({ ...editorialFields, title: z.string(), updatedAt: z.string() })),
}) satisfies z.ZodType<EditorialList>;

export const entryForEditing = z.object({
  entry: editorialEntry,
  standing: z.enum(['editor', 'submitter', 'other']),
  versions: z.array(
    z.object({
      ...description,
      body: z.string(),
      references: z.array(reference),
      example: z
        .object({
          municipalityCode: z.string(),
          indicatorId: z.string(),
          before: z.string(),
          after: z.string(),
        })
        .nullable(),
      reviewDue: z.string().nullable(),
      entryId: z.string(),
      version: z.number().int(),
      changeNote: z.string(),
      changedBy: z.string().nullable(),
      changedByName: z.string().nullable(),
      changedAt: z.string(),
      sampleWrittenOn: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      version: z.number().int(),
      action: z.string(),
      fromStatus: z.enum(STATUSES).nullable(),
      toStatus: z.enum(STATUSES),
      note: z.string(),
      actor: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
}) satisfies z.ZodType<EntryForEditing>;
