import type { UnitDetail, UnitVersion } from '../../contracts/org.js';
import type { Db, Queryable } from '../../db/db.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../domain/errors.js';
import { addDays, isValidAt, overlaps, todayIso } from '../../domain/org/validity.js';
import * as q from './queries.js';
import type { UnitVersionInput, UnitChangeInput } from './schema.js';

/**
 * Commands and questions of the org register. A unit is never edited in place: a change
 * closes the version valid on the effective date and opens a new one, so questions asked
 * "as of" an earlier date get the answer that was true then.
 */

async function requireMunicipality(
  tx: Queryable,
  code: string,
  at: string,
  field = 'municipalityCode',
): Promise<void> {
  if (!(await q.municipalityExists(tx, code, at))) {
    throw new ValidationError([
      { field, rule: 'unknown_municipality', message: `no municipality with code ${code} exists on ${at}` },
    ]);
  }
}

function overlapIssue(existing: UnitVersion): FieldIssue {
  return {
    field: 'validFrom',
    rule: 'overlapping_validity',
    message: `overlaps version ${existing.versionId} valid ${existing.validFrom} – ${existing.validTo ?? '(open)'}`,
  };
}

export async function getUnit(db: Queryable, unitId: string, asOf = todayIso()): Promise<UnitDetail> {
  const history = await q.unitHistory(db, unitId);
  const first = history[0];
  if (!first) throw new NotFoundError(`unit ${unitId}`);
  return {
    unitId,
    code: first.code,
    synthetic: first.synthetic,
    current: history.find((v) => isValidAt(v, asOf)) ?? null,
    history,
  };
}

export async function createUnit(
  db: Db,
  input: UnitVersionInput,
  options: { synthetic?: boolean } = {},
): Promise<UnitDetail> {
  const unitId = await db.transaction(async (tx) => {
    await requireMunicipality(tx, input.municipalityCode, input.validFrom);
    const id = await q.insertUnit(tx, options.synthetic ?? false);
    await q.insertUnitVersion(tx, { ...input, unitId: id, validTo: input.validTo ?? null });
    return id;
  });
  return getUnit(db, unitId, input.validFrom);
}

/** Adds a version with explicit dates (e.g. recording earlier history); must not overlap. */
export async function addUnitVersion(db: Db, unitId: string, input: UnitVersionInput): Promise<UnitDetail> {
  await db.transaction(async (tx) => {
    if (!(await q.lockUnit(tx, unitId))) throw new NotFoundError(`unit ${unitId}`);
    await requireMunicipality(tx, input.municipalityCode, input.validFrom);
    const history = await q.unitHistory(tx, unitId);
    const clash = history.find((v) =>
      overlaps(v, { validFrom: input.validFrom, validTo: input.validTo ?? null }),
    );
    if (clash) throw new ConflictError('the new version overlaps an existing one', [overlapIssue(clash)]);
    await q.insertUnitVersion(tx, { ...input, unitId, validTo: input.validTo ?? null });
  });
  return getUnit(db, unitId, input.validFrom);
}

/**
 * A reorganisation or other change from `effectiveFrom`: the version valid that day ends the
 * day before and a new one with the changed attributes takes over until that version's end.
 */
export async function changeUnit(db: Db, unitId: string, change: UnitChangeInput): Promise<UnitDetail> {
  await db.transaction(async (tx) => {
    if (!(await q.lockUnit(tx, unitId))) throw new NotFoundError(`unit ${unitId}`);
    const history = await q.unitHistory(tx, unitId);
    const current = history.find((v) => isValidAt(v, change.effectiveFrom));
    if (!current) {
      throw new ValidationError([
        {
          field: 'effectiveFrom',
          rule: 'unit_not_active',
          message: `the unit has no version valid on ${change.effectiveFrom}`,
        },
      ]);
    }
    if (current.validFrom === change.effectiveFrom) {
      throw new ValidationError([
        {
          field: 'effectiveFrom',
          rule: 'same_day_as_version_start',
          message: `version ${current.versionId} starts on ${change.effectiveFrom}; a change must start after it`,
        },
      ]);
    }
    const municipalityCode = change.municipalityCode ?? current.municipalityCode;
    await requireMunicipality(tx, municipalityCode, change.effectiveFrom);
    await q.setVersionEnd(tx, current.versionId, change.effectiveFrom);
    await q.insertUnitVersion(tx, {
      unitId,
      municipalityCode,
      name: change.name ?? current.name,
      providerType: change.providerType ?? current.providerType,
      operatingArea: change.operatingArea ?? current.operatingArea,
      unitType: change.unitType ?? current.unitType,
      validFrom: change.effectiveFrom,
      validTo: current.validTo,
    });
  });
  return getUnit(db, unitId, change.effectiveFrom);
}

/** Ends a unit: it exists until the day before `validTo`. Later versions must not exist. */
export async function closeUnit(db: Db, unitId: string, validTo: string): Promise<UnitDetail> {
  await db.transaction(async (tx) => {
    if (!(await q.lockUnit(tx, unitId))) throw new NotFoundError(`unit ${unitId}`);
    const history = await q.unitHistory(tx, unitId);
    const later = history.find((v) => v.validFrom >= validTo);
    if (later) {
      throw new ConflictError('the unit has versions starting on or after the closing date', [
        {
          field: 'validTo',
          rule: 'versions_after_close',
          message: `version ${later.versionId} starts ${later.validFrom}`,
        },
      ]);
    }
    const open = history.find((v) => v.validTo === null || v.validTo > validTo);
    if (!open) {
      throw new ValidationError([
        { field: 'validTo', rule: 'already_closed', message: 'the unit already ended before that date' },
      ]);
    }
    await q.setVersionEnd(tx, open.versionId, validTo);
  });
  return getUnit(db, unitId, addDays(validTo, -1));
}
