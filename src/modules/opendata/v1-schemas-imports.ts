import { z } from 'zod';
import type { ChainVerification } from '../../contracts/audit.js';
import type { ImportAnswer, ImportJob } from '../../contracts/imports.js';
import type { RegisterKinds } from '../../contracts/registers.js';
import { IMPORT_FORMATS } from '../../domain/imports/formats.js';
import { ENTRY_SCHEMAS, type EntryRegister } from '../../domain/registers/entries.js';

/**
 * Response schemas of the /api/v1 import, audit verification and register vocabulary operations
 * (see v1-responses.ts). Each is checked against its contract at compile time.
 */
const registers = Object.keys(ENTRY_SCHEMAS) as [EntryRegister, ...EntryRegister[]];
const count = z.number().int();

const rowIssue = z.object({
  row: count,
  line: count.nullable(),
  column: z.string(),
  rule: z.string(),
  message: z.string(),
});

const report = z.object({
  jobId: z.string(),
  register: z.string(),
  sourceSystem: z.string(),
  fileName: z.string().nullable(),
  format: z.enum(IMPORT_FORMATS),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  dryRun: z.boolean(),
  imported: z.boolean(),
  rowsRead: count,
  rowsValid: count,
  rowsBad: count,
  created: count,
  unchanged: count,
  corrected: count,
  personsCreated: count,
  serviceLinksCreated: count,
  errorCount: count,
  errors: z.array(rowIssue),
  durationMs: z.number(),
});

export const importJob = z.object({
  id: z.string(),
  register: z.string(),
  sourceSystem: z.string(),
  fileName: z.string().nullable(),
  format: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'rejected', 'failed', 'interrupted']),
  stage: z.enum(['reading', 'counting']),
  rowsRead: count,
  rowsTotalEstimate: count.nullable(),
  bytesRead: count,
  bytesTotal: count.nullable(),
  percent: z.number().nullable(),
  errorCount: count,
  errors: z.array(rowIssue),
  report: report.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
}) satisfies z.ZodType<ImportJob>;

export const importDone = z.object({
  id: z.string(),
  status: z.enum(['done', 'rejected']),
  report,
}) satisfies z.ZodType<ImportAnswer>;
export const importRunning = z.object({
  id: z.string(),
  status: z.literal('running'),
}) satisfies z.ZodType<ImportAnswer>;

const checkpoints = z.object({ checked: count, latestSeq: count.nullable() });
export const chainVerification = z.union([
  z.object({ ok: z.literal(true), entries: count, checkpoints: checkpoints.optional() }),
  z.object({
    ok: z.literal(false),
    firstBrokenSeq: count,
    reason: z.string(),
    // The stored entry as the log holds it (src/modules/audit/verify.ts).
    entry: z.record(z.string(), z.unknown()).nullable(),
    entries: count,
  }),
]) satisfies z.ZodType<ChainVerification>;

export const registerKinds = z.object({
  kinds: z.array(z.object({ register: z.enum(registers), kind: z.string() })),
  riskAreaOfInstrument: z.record(z.string(), z.string()),
  actionCodes: z.record(z.string(), z.array(z.string())),
  underlyingCauses: z.array(z.string()),
  eventTypes: z.array(z.string()),
  palliativeWindows: z.object({ registrationMonths: count, editDays: count }),
}) satisfies z.ZodType<RegisterKinds>;
