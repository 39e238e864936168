import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PerturbationTable } from '../../domain/disclosure/cellkey.js';
import {
  jointLeaks,
  sensitiveShown,
  shownElsewhere,
  type JointTable,
} from '../../domain/disclosure/joint.js';
import { verifyTable } from '../../domain/disclosure/verify.js';
import type { ParentMap } from '../../domain/disclosure/table.js';
import type { Fact } from '../../domain/facts/fact.js';
import { INSTRUMENT } from '../../domain/indicators/catalogue.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import type { PublishedValue } from '../../domain/indicators/publish.js';
import {
  NATION_NODE,
  municipalityNode,
  nodeOf,
  regionNode,
  unitNode,
} from '../../domain/indicators/rollup.js';
import { TEST_PSEUDONYM_KEY, silentLogger } from '../../../test/support/db.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { writeDemoNation } from '../demo/service.js';
import { activeDefinitions, recordFacts, replaceFacts } from './engine.js';
import { publishQueued } from './publish.js';
import { placementsFor } from './publish-queries.js';
import { computeRelease, releasedDefinitions } from './release.js';
import { TEST_CELL_KEY_SECRET, releaseForTests, type PublishedRow } from './testing.js';

/**
 * An outsider against the releases of a synthetic nation: (a) the linear attack over every
 * table of one release, (b) differencing two consecutive releases around one registration,
 * (c) the Kolada, PxWeb and page-data answers of one release combined. The nation is written by
 * the demo generator, which makes the first release itself.
 */
const PERSONS = 2000;
const YEAR = '2026';
const THRESHOLD = 5;

/** A released value row has the columns of a published one. */
type ReleasedRow = PublishedRow;

const cellOf = (r: Pick<ReleasedRow, 'level' | 'code' | 'sex'>) => `${nodeOf(r.level, r.code)}/${r.sex}`;

describe('releases against an outsider (synthetic nation)', () => {
  let h: TestApp;
  let defs: IndicatorDefinition[];

  const releasedRows = async (releaseId: number): Promise<Map<string, ReleasedRow[]>> => {
    const { rows } = await h.t.db.query<ReleasedRow>(
      `SELECT indicator_id, period, level, code, sex, numerator, denominator, rate, status
         FROM released_value WHERE release_id = $1 ORDER BY indicator_id, period, level, code, sex`,
      [releaseId],
    );
    const out = new Map<string, ReleasedRow[]>();
    for (const r of rows) {
      const k = `${r.indicator_id}|${r.period}`;
      out.set(k, [...(out.get(k) ?? []), r]);
    }
    return out;
  };

  /** The org hierarchy of a released table, from its unit cells and the register as of the period. */
  const parentsOf = async (period: string, cells: readonly ReleasedRow[]): Promise<ParentMap> => {
    const parsed = parsePeriod(period);
    assert.ok(parsed);
    const placements = await placementsFor(h.t.db, parsed);
    const parents = new Map<string, string | null>([[NATION_NODE, null]]);
    for (const c of cells.filter((x) => x.level === 'unit')) {
      const p = placements.get(c.code);
      assert.ok(p, `unit ${c.code} has a place`);
      parents.set(unitNode(c.code), municipalityNode(p.municipalityCode));
      parents.set(municipalityNode(p.municipalityCode), regionNode(p.regionCode));
      parents.set(regionNode(p.regionCode), NATION_NODE);
    }
    return parents;
  };

  before(async () => {
    h = await openTestApp({ demo: true });
    const written = await writeDemoNation(
      h.t.db,
      {
        persons: PERSONS,
        seed: 'attack',
        asOf: '2026-11-30',
        years: 0,
        replace: false,
        key: Buffer.from(TEST_PSEUDONYM_KEY, 'utf8'),
        threshold: THRESHOLD,
        publish: false,
      },
      silentLogger,
    );
    assert.equal(written.persons, PERSONS);
    defs = await activeDefinitions(h.t.db);
    // The live side (annual tables are enough here; months and quarters only take time).
    await h.t.db.query(`DELETE FROM publication_queue WHERE period !~ '^[0-9]{4}$'`);
    await publishQueued(h.t.db, defs, { threshold: THRESHOLD });
  });
  after(async () => h.close());

  it('makes the first release when the synthetic nation is written, with every public annual table', async () => {
    const { rows } = await h.t.db.query<{ id: number; kind: string; version: string; tables: number }>(
      'SELECT id, kind, version, tables FROM indicator_release ORDER BY id',
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.kind, 'first');
    assert.match(rows[0]?.version ?? '', /^\d{4}\.\d{2}\.1$/);
    const tables = Number(rows[0]?.tables);
    assert.ok(
      tables >= 15 && tables <= releasedDefinitions(defs).length,
      `${tables} tables: one per public indicator with data`,
    );
    const res = await h.app.inject('/api/public/releases');
    assert.equal(res.statusCode, 200);
    const body = res.json<{
      latest: { version: string };
      method: { maxPerturbation: number; variance: number };
    }>();
    assert.equal(body.latest.version, rows[0]?.version);
    assert.deepEqual([body.method.maxPerturbation, body.method.variance], [2, 1]);
  });

  it('(a) recovers no suppressed cell by a linear attack on every table of a release, at every level, both sexes, numerators and denominators', async () => {
    const tables = await releasedRows(1);
    let suppressed = 0;
    let unitCells = 0;
    for (const [key, cells] of tables) {
      const parents = await parentsOf(cells[0]?.period ?? '', cells);
      for (const part of ['numerator', 'denominator'] as const) {
        const verdict = verifyTable(
          parents,
          cells.map((c) => ({ node: nodeOf(c.level, c.code), sex: c.sex, value: c[part] ?? '..' })),
        );
        assert.ok(verdict.consistent, `${key} ${part}: released totals are the sums of their released parts`);
        assert.deepEqual(
          verdict.determined.map((d) => `${d.cell.node}/${d.cell.sex}`),
          [],
          `${key} ${part}: hidden cells recovered`,
        );
        for (const c of cells) {
          const n = c[part];
          assert.ok(
            n === null || n === 0 || n >= THRESHOLD,
            `${key} ${cellOf(c)} publishes a ${part} of ${n}`,
          );
        }
      }
      suppressed += cells.filter((c) => c.status === 'suppressed').length;
      unitCells += cells.filter((c) => c.level === 'unit').length;
    }
    assert.ok(suppressed > 100, `${suppressed} suppressed cells`);
    assert.ok(unitCells > 0);
  });

  it('(a) across indicators: the union of every table of a release, with identical quantities identified, recovers no sensitive count', async (t) => {
    // An outsider reads the catalogue: indicators with the same denominator definition count the
    // same persons, and the cell key noise is a function of the records, so they publish the
    // same perturbed denominators. Each such denominator is one quantity across their tables.
    const tables = [...(await releasedRows(1))].filter(([key]) => key.endsWith(`|${YEAR}`));
    // The perturbed counts behind the release, hidden ones included (threshold 1 hides nothing):
    // which of the hidden counts are sensitive, i.e. 1 … threshold − 1.
    const perturbedCounts = byTable(
      await computeRelease(h.t.db, defs, { threshold: 1, secret: TEST_CELL_KEY_SECRET }),
    );
    const joint: JointTable[] = [];
    for (const [key, cells] of tables) {
      const def = defs.find((d) => d.id === key.split('|')[0]);
      assert.ok(def);
      const quantity = JSON.stringify([def.denominator, def.population, def.operatingArea]);
      const counts = cells.map((c) => {
        const full = perturbedCounts.get(key)?.get(cellOf(c));
        assert.ok(full && full.numerator !== null && full.denominator !== null, `${key} ${cellOf(c)}`);
        if (c.status !== 'suppressed')
          assert.deepEqual([c.numerator, c.denominator], [full.numerator, full.denominator]);
        return full;
      });
      joint.push({
        parents: await parentsOf(YEAR, cells),
        cells: cells.map((c) => ({ node: nodeOf(c.level, c.code), sex: c.sex })),
        numeratorIds: cells.map((c) => `${def.id}:${cellOf(c)}`),
        denominatorIds: cells.map((c) => `${quantity}:${cellOf(c)}`),
        numerators: counts.map((c) => c.numerator ?? 0),
        denominators: counts.map((c) => c.denominator ?? 0),
        hidden: new Set(cells.flatMap((c, i) => (c.status === 'suppressed' ? [i] : []))),
      });
    }
    const shared = new Set(joint.flatMap((j) => j.denominatorIds)).size;
    assert.ok(shared < joint.reduce((s, j) => s + j.cells.length, 0), 'some denominators are shared');
    const name = (l: { table: number; cell: number; part: string }) =>
      `${tables[l.table]?.[0]} ${cellOf(tables[l.table]?.[1][l.cell] as ReleasedRow)} ${l.part}`;
    assert.deepEqual(jointLeaks(joint, THRESHOLD).map(name), [], 'sensitive counts recovered from the union');
    assert.deepEqual(sensitiveShown(joint, THRESHOLD).map(name), [], 'sensitive counts shown in a table');
    // Allowed, and reported: counts hidden only as complements, shown by another table or recovered.
    t.diagnostic(
      `${jointLeaks(joint).length} non-sensitive hidden counts recovered, ${shownElsewhere(joint).length} hidden cell parts shown elsewhere`,
    );
    t.diagnostic(`${joint.length} tables, ${shared} distinct denominator quantities`);
  });

  it('(c) serves one release identically through Kolada, PxWeb and the pages’ data, so combining them adds nothing', async () => {
    const tables = await releasedRows(1);
    const release = (await h.app.inject('/api/public/releases')).json<{ latest: { version: string } }>()
      .latest;
    let compared = 0;
    for (const def of releasedDefinitions(defs)) {
      const rows = tables.get(`${def.id}|${YEAR}`) ?? [];
      if (rows.length === 0) continue;
      const truth = new Map(rows.map((r) => [cellOf(r), r]));

      // The pages' data (and their CSV/XLSX downloads, built from it in the browser): /api/public/intervals.
      const intervals = await h.app.inject(`/api/public/intervals/${def.id}/${YEAR}`);
      assert.equal(intervals.headers['x-kunskapsnav-release'], release.version);
      const iv = intervals.json<{
        release: { version: string };
        values: Array<{
          municipality?: string;
          ou?: string;
          gender: 'T' | 'K' | 'M';
          numerator: number | null;
          denominator: number | null;
        }>;
      }>();
      assert.equal(iv.release.version, release.version);
      const { rows: unitCodes } = await h.t.db.query<{ id: string; code: string }>(
        'SELECT id, code FROM org_unit',
      );
      const unitByCode = new Map(unitCodes.map((u) => [u.code, u.id]));
      for (const v of iv.values) {
        const level = v.ou
          ? 'unit'
          : v.municipality === '0000'
            ? 'nation'
            : v.municipality?.startsWith('00')
              ? 'region'
              : 'municipality';
        const code = v.ou
          ? (unitByCode.get(v.ou) ?? '')
          : level === 'region'
            ? (v.municipality ?? '').slice(2)
            : (v.municipality ?? '');
        const t = truth.get(cellOf({ level, code, sex: v.gender }));
        assert.ok(t, `${def.id} ${level} ${code}`);
        assert.deepEqual(
          [v.numerator, v.denominator],
          [t.numerator, t.denominator],
          `${def.id} ${cellOf(t)}`,
        );
        compared++;
      }

      // PxWeb: numerator and denominator of every region and municipality, both sexes and total.
      const px = await h.app.inject(
        `/api/pxweb/v2/tables/${def.id}/data?valuecodes[Region]=*&valuecodes[Kon]=*&valuecodes[ContentsCode]=numerator,denominator&valuecodes[Tid]=${YEAR}`,
      );
      assert.equal(px.statusCode, 200, px.body);
      assert.equal(px.headers['x-kunskapsnav-release'], release.version);
      const cube = px.json<{
        id: string[];
        size: number[];
        value: Array<number | null>;
        dimension: Record<string, { category: { index: Record<string, number> | string[] } }>;
      }>();
      const codes = (d: string): string[] => {
        const idx = cube.dimension[d]?.category.index ?? [];
        return Array.isArray(idx)
          ? idx
          : Object.entries(idx)
              .sort((a, b) => a[1] - b[1])
              .map(([k]) => k);
      };
      const dims = cube.id.map(codes);
      const sexOf: Record<string, 'T' | 'K' | 'M'> = { '1+2': 'T', '1': 'M', '2': 'K' };
      cube.value.forEach((value, flat) => {
        let rest = flat;
        const at: Record<string, string> = {};
        for (let d = cube.id.length - 1; d >= 0; d--) {
          const size = cube.size[d] ?? 1;
          at[cube.id[d] ?? ''] = dims[d]?.[rest % size] ?? '';
          rest = Math.floor(rest / size);
        }
        const region = at['Region'] ?? '';
        const level = region === '00' ? 'nation' : region.length === 2 ? 'region' : 'municipality';
        const t = truth.get(
          cellOf({ level, code: level === 'nation' ? '0000' : region, sex: sexOf[at['Kon'] ?? ''] ?? 'T' }),
        );
        const expected = t ? t[at['ContentsCode'] as 'numerator' | 'denominator'] : null;
        assert.equal(value, expected, `${def.id} PxWeb ${JSON.stringify(at)}`);
        compared++;
      });

      // Kolada: the rate of every region and municipality (and the nation), as published.
      const kolada = await h.app.inject(`/api/kolada/v3/data/kpi/${def.id}/year/${YEAR}`);
      assert.equal(kolada.headers['x-kunskapsnav-release'], release.version);
      for (const item of kolada.json<{
        values: Array<{
          municipality: string;
          values: Array<{ gender: 'T' | 'K' | 'M'; value: number | null }>;
        }>;
      }>().values) {
        const m = item.municipality;
        const level = m === '0000' ? 'nation' : m.startsWith('00') ? 'region' : 'municipality';
        const code = level === 'region' ? m.slice(2) : m;
        for (const v of item.values) {
          const t = truth.get(cellOf({ level, code, sex: v.gender }));
          const expected = t && t.status === 'ok' && t.rate !== null ? Math.round(t.rate * 1000) / 10 : null;
          assert.equal(v.value, expected, `${def.id} Kolada ${m}/${v.gender}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 1000, `${compared} values compared`);
  });

  it('(b) a single registration between two releases changes no public figure by a recoverable amount', async (t) => {
    const { rows: units } = await h.t.db.query<{ unit_id: string }>(
      `SELECT unit_id FROM org_unit_version WHERE municipality_code = '0180' AND operating_area = 'elderly_care'
        AND valid_to = 'infinity' ORDER BY unit_id LIMIT 1`,
    );
    const unitId = units[0]?.unit_id ?? '';
    const exact = async () =>
      byTable(
        await computeRelease(h.t.db, defs, {
          threshold: 1,
          secret: TEST_CELL_KEY_SECRET,
          perturbation: NO_NOISE,
        }),
      );
    const noisy = async () =>
      byTable(await computeRelease(h.t.db, defs, { threshold: THRESHOLD, secret: TEST_CELL_KEY_SECRET }));
    const trueBefore = await exact();
    const before = await releaseForTests(h.t.db, THRESHOLD); // the last release before the registration
    const person = 'neighbour-assessed-this-afternoon';
    const source = { type: 'attack-test', id: person };
    const facts = (risk: boolean): Fact[] => {
      const base = { register: 'senior_alert' as const, person, unitId, sex: 'K' as const, age: 84 };
      return [
        { ...base, kind: 'served', date: '2026-11-02', attributes: {} },
        {
          ...base,
          kind: 'risk_assessment',
          date: '2026-11-03',
          attributes: { instrument: INSTRUMENT.norton, risk },
        },
      ];
    };
    // The live side moves at once, as it should for those entitled to it.
    const liveBefore = await liveMunicipality();
    await h.t.db.transaction((tx) => recordFacts(tx, defs, facts(true), source));
    await publishQueued(h.t.db, defs, { threshold: THRESHOLD });
    assert.equal(
      (await liveMunicipality()).numerator,
      liveBefore.numerator + 1,
      'internal K10004 moved by one',
    );
    // The public side does not move until the next release.
    const publicNow = await h.app.inject(`/api/public/intervals/K10004/${YEAR}?levels=municipality`);
    assert.equal(publicNow.headers['x-kunskapsnav-release'], before.version);

    const after = await releaseForTests(h.t.db, THRESHOLD); // the next release: she is at risk
    const worlds = {
      atRisk: { released: await releasedRows(after.id).then(toTables), truth: await exact() },
      notAtRisk: await (async () => {
        // The other world: the same registration with the other outcome (computed, not stored).
        await h.t.db.transaction((tx) => replaceFacts(tx, defs, facts(false), source));
        return { released: await noisy(), truth: await exact() };
      })(),
    };
    const old = toTables(await releasedRows(before.id));

    // An outsider compares every published figure of the two releases. Where the two outcomes
    // move a cell's true count differently, the observed change must be possible under both.
    let outcomeDependent = 0;
    let patternDiffers = 0;
    for (const [key, oldCells] of old) {
      for (const [cell, o] of oldCells) {
        const a = worlds.atRisk.released.get(key)?.get(cell);
        const b = worlds.notAtRisk.released.get(key)?.get(cell);
        const t0 = trueBefore.get(key)?.get(cell);
        const ta = worlds.atRisk.truth.get(key)?.get(cell);
        const tb = worlds.notAtRisk.truth.get(key)?.get(cell);
        assert.ok(a && b && t0 && ta && tb, `${key} ${cell} is in every release`);
        if ((a.status === 'suppressed') !== (b.status === 'suppressed')) patternDiffers++;
        for (const part of ['numerator', 'denominator'] as const) {
          const changeA = (ta[part] ?? 0) - (t0[part] ?? 0);
          const changeB = (tb[part] ?? 0) - (t0[part] ?? 0);
          if (changeA === changeB) continue; // the same records move in both worlds: nothing to learn
          outcomeDependent++;
          // her unit's K and M cells are redrawn: up to ±4 each
          const bound = cell.endsWith('/T') ? 8 : 4;
          for (const [world, seen] of [
            ['atRisk', a],
            ['notAtRisk', b],
          ] as const) {
            const now = seen[part];
            const was = o[part];
            if (now === null || was === null) continue; // hidden: nothing to difference
            const observed = now - was;
            for (const change of [changeA, changeB])
              assert.ok(
                Math.abs(observed - change) <= bound,
                `${world}: ${key} ${cell} ${part} moved by ${observed}, impossible if the true change were ${change}`,
              );
          }
        }
      }
    }
    assert.ok(outcomeDependent >= 8, `${outcomeDependent} outcome-dependent figures checked`);
    // Which cells a release holds never depends on her outcome: both worlds publish the same cells.
    const cellsOf = (tables: Tables) =>
      [...tables].flatMap(([key, cells]) => [...cells.keys()].map((c) => `${key} ${c}`)).sort();
    assert.deepEqual(cellsOf(worlds.atRisk.released), cellsOf(worlds.notAtRisk.released));
    // Zeros are perturbed like any count (a published 0 that turns ".." would name her cell).
    let zeros = 0;
    let zerosMoved = 0;
    for (const [key, cells] of trueBefore)
      for (const [cell, truth] of cells) {
        const seen = old.get(key)?.get(cell);
        if (truth.numerator !== 0 || !seen || !cell.endsWith('/K') || !cell.startsWith('U')) continue;
        zeros++;
        if (seen.numerator !== 0) zerosMoved++;
      }
    assert.ok(
      zeros > 0 && zerosMoved > 0 && zerosMoved < zeros,
      `${zerosMoved} of ${zeros} true zeros moved`,
    );
    // The suppression pattern is a function of the perturbed counts too; say how often it differs
    // between the two outcomes (src/domain/disclosure/transitions.ts bounds what that is worth).
    t.diagnostic(
      `${outcomeDependent} outcome-dependent figures; suppression differs in ${patternDiffers} cells`,
    );
  });

  async function liveMunicipality(): Promise<{ numerator: number }> {
    const { rows } = await h.t.db.query<{ numerator: number }>(
      `SELECT numerator FROM published_value WHERE indicator_id = 'K10004' AND period = $1
          AND level = 'municipality' AND code = '0180' AND sex = 'K'`,
      [YEAR],
    );
    return { numerator: Number(rows[0]?.numerator ?? 0) };
  }
});

const NO_NOISE: PerturbationTable = { maxPerturbation: 0, variance: 0, weights: [1], denominator: 1 };

type Tables = Map<string, Map<string, ReleasedRow>>;

function toTables(rows: Map<string, ReleasedRow[]>): Tables {
  return new Map([...rows].map(([k, cells]) => [k, new Map(cells.map((c) => [cellOf(c), c]))]));
}

function byTable(tables: Awaited<ReturnType<typeof computeRelease>>): Tables {
  return new Map(
    tables.map((t) => [`${t.indicatorId}|${t.period}`, new Map(t.values.map((v) => [cellOf(v), asRow(v)]))]),
  );
}

function asRow(v: PublishedValue): ReleasedRow {
  return {
    indicator_id: v.indicatorId,
    period: v.period,
    level: v.level,
    code: v.code,
    sex: v.sex,
    numerator: v.numerator,
    denominator: v.denominator,
    rate: v.rate,
    status: v.status,
  };
}
