import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditReviewScope,
  can,
  individualScope,
  type Action,
  type OrgLookup,
  type Target,
} from './policy.js';
import type { Principal, Role, Scope } from './principal.js';

const UNIT_A = '11111111-1111-4111-8111-111111111111'; // in 0114, region 01
const UNIT_B = '22222222-2222-4222-8222-222222222222'; // in 0180, region 01
const UNIT_C = '33333333-3333-4333-8333-333333333333'; // in 1280, region 12

const lookup: OrgLookup = {
  municipalityOfUnit: (id) => ({ [UNIT_A]: '0114', [UNIT_B]: '0180', [UNIT_C]: '1280' })[id],
  regionOfMunicipality: (code) => ({ '0114': '01', '0180': '01', '1280': '12' })[code],
};

function who(...grants: Array<[Role, Scope]>): Principal {
  return {
    userId: 'u',
    username: 'u',
    displayName: 'U',
    authMethod: 'password',
    sessionId: 's',
    assignments: grants.map(([role, scope], i) => ({
      id: String(i),
      role,
      scope,
      validFrom: '2020-01-01',
      validTo: null,
    })),
  };
}

const nation: Scope = { kind: 'nation' };
const caseworkerA = who(['caseworker', { kind: 'unit', unitId: UNIT_A }]);
const caseworker0180 = who(['caseworker', { kind: 'municipality', code: '0180' }]);
const managerA = who(['unit_manager', { kind: 'unit', unitId: UNIT_A }]);
const analyst0114 = who(['municipal_analyst', { kind: 'municipality', code: '0114' }]);
const leader01 = who(['regional_development_leader', { kind: 'region', code: '01' }]);
const national = who(['national_administrator', nation]);
const editor = who(['knowledge_editor', nation]);
const admin = who(['system_administrator', nation]);

const unitA: Target = { unitId: UNIT_A };
const unitB: Target = { unitId: UNIT_B };
const unitC: Target = { unitId: UNIT_C };
const m0114: Target = { municipalityCode: '0114' };
const m0180: Target = { municipalityCode: '0180' };
const m1280: Target = { municipalityCode: '1280' };
const r01: Target = { regionCode: '01' };
const theNation: Target = {};

type Row = [string, Principal | null, Action, Target | undefined, boolean];

const table: Row[] = [
  ['anonymous may do nothing', null, 'aggregates.read', undefined, false],
  ['admin writes the org register', admin, 'org.write', undefined, true],
  ['admin manages accounts', admin, 'accounts.manage', undefined, true],
  ['caseworker may not write the org register', caseworkerA, 'org.write', undefined, false],
  ['national admin may not manage accounts', national, 'accounts.manage', undefined, false],
  ['admin may not read individuals', admin, 'individual.read', unitA, false],
  ['caseworker reads own unit', caseworkerA, 'individual.read', unitA, true],
  ['caseworker writes own unit', caseworkerA, 'individual.write', unitA, true],
  ['caseworker not another unit', caseworkerA, 'individual.read', unitB, false],
  ['caseworker of a unit not its whole municipality', caseworkerA, 'individual.read', m0114, false],
  ['municipal caseworker reads a unit of it', caseworker0180, 'individual.read', unitB, true],
  ['municipal caseworker not another municipality', caseworker0180, 'individual.read', unitA, false],
  ['municipal caseworker with given parent', caseworker0180, 'individual.write', m0180, true],
  ['unit manager reads own unit', managerA, 'individual.read', unitA, true],
  ['unit manager not another unit', managerA, 'individual.write', unitB, false],
  ['analyst may not read individuals', analyst0114, 'individual.read', unitA, false],
  ['leader may not read individuals', leader01, 'individual.read', unitA, false],
  ['national admin may not read individuals', national, 'individual.read', unitA, false],
  ['analyst reads aggregates of own municipality', analyst0114, 'aggregates.read', m0114, true],
  ['analyst reads aggregates of a unit in it', analyst0114, 'aggregates.read', unitA, true],
  ['analyst not another municipality', analyst0114, 'aggregates.read', m0180, false],
  ['analyst not the region', analyst0114, 'aggregates.read', r01, false],
  ['analyst not the nation', analyst0114, 'aggregates.read', theNation, false],
  ['leader reads own region', leader01, 'aggregates.read', r01, true],
  ['leader reads a municipality in the region', leader01, 'aggregates.read', m0180, true],
  ['leader reads a unit in the region', leader01, 'aggregates.read', unitB, true],
  ['leader not another region', leader01, 'aggregates.read', m1280, false],
  ['leader not the nation', leader01, 'aggregates.read', theNation, false],
  ['national admin reads the nation', national, 'aggregates.read', theNation, true],
  ['national admin reads any unit', national, 'aggregates.read', unitC, true],
  ['caseworker reads aggregates of own unit', caseworkerA, 'aggregates.read', unitA, true],
  ['caseworker not aggregates of the municipality', caseworkerA, 'aggregates.read', m0114, false],
  ['unit manager reads aggregates of own unit', managerA, 'aggregates.read', unitA, true],
  ['editor may not read aggregates', editor, 'aggregates.read', m0114, false],
  ['unit manager reviews own unit', managerA, 'audit.review', unitA, true],
  ['unit manager not another unit', managerA, 'audit.review', unitB, false],
  ['caseworker may not review', caseworkerA, 'audit.review', unitA, false],
  ['admin reviews everywhere', admin, 'audit.review', unitC, true],
  ['national admin reviews everywhere', national, 'audit.review', unitC, true],
  ['analyst may not review', analyst0114, 'audit.review', m0114, false],
  ['admin verifies the audit chain', admin, 'audit.verify', undefined, true],
  ['national admin may not verify the chain', national, 'audit.verify', undefined, false],
  ['unit manager may not verify the chain', managerA, 'audit.verify', undefined, false],
  ['editor edits the library', editor, 'library.edit', undefined, true],
  ['admin may not edit the library', admin, 'library.edit', undefined, false],
  ['caseworker individual.read somewhere', caseworkerA, 'individual.read', undefined, true],
  ['analyst individual.read nowhere', analyst0114, 'individual.read', undefined, false],
];

describe('policy: can', () => {
  for (const [name, principal, action, target, expected] of table) {
    it(`${name} → ${expected}`, () => {
      assert.equal(can(principal, action, target, lookup), expected);
    });
  }

  it('decides from pre-resolved parents without a lookup', () => {
    assert.equal(can(leader01, 'aggregates.read', { municipalityCode: '0180', regionCode: '01' }), true);
    assert.equal(can(leader01, 'aggregates.read', { municipalityCode: '0180' }), false);
    assert.equal(can(caseworker0180, 'individual.read', { unitId: UNIT_B, municipalityCode: '0180' }), true);
  });

  it('unions several assignments', () => {
    const both = who(['caseworker', { kind: 'unit', unitId: UNIT_A }], ['knowledge_editor', nation]);
    assert.equal(can(both, 'individual.read', unitA, lookup), true);
    assert.equal(can(both, 'library.edit'), true);
    assert.equal(can(both, 'org.write'), false);
  });
});

describe('policy: individualScope', () => {
  it('collects unit and municipality scopes of caseworkers and unit managers', () => {
    const p = who(
      ['caseworker', { kind: 'unit', unitId: UNIT_B }],
      ['caseworker', { kind: 'municipality', code: '0180' }],
      ['unit_manager', { kind: 'unit', unitId: UNIT_A }],
      ['municipal_analyst', { kind: 'municipality', code: '0114' }],
    );
    assert.deepEqual(individualScope(p), { unitIds: [UNIT_A, UNIT_B].sort(), municipalityCodes: ['0180'] });
  });

  it('is empty for aggregate-only roles and anonymous', () => {
    for (const p of [analyst0114, leader01, national, editor, admin, null]) {
      assert.deepEqual(individualScope(p), { unitIds: [], municipalityCodes: [] });
    }
  });
});

describe('policy: auditReviewScope', () => {
  it('is everything for system and national administrators', () => {
    assert.deepEqual(auditReviewScope(admin), { all: true });
    assert.deepEqual(auditReviewScope(national), { all: true });
  });
  it('is the own units for unit managers', () => {
    const p = who(
      ['unit_manager', { kind: 'unit', unitId: UNIT_B }],
      ['unit_manager', { kind: 'unit', unitId: UNIT_A }],
    );
    assert.deepEqual(auditReviewScope(p), { all: false, unitIds: [UNIT_A, UNIT_B].sort() });
  });
  it('is nothing for other roles and anonymous', () => {
    for (const p of [caseworkerA, analyst0114, editor, null]) {
      assert.deepEqual(auditReviewScope(p), { all: false, unitIds: [] });
    }
  });
});
