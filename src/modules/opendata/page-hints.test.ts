import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { publicRoute, publicUrls, shownYear } from '../../contracts/public-pages.js';
import type { MunicipalityDetail } from '../../contracts/org.js';
import type { Snapshot } from './cache.js';
import { publicPageHints } from './page-hints.js';

describe('public pages: routes and the URLs of their data', () => {
  it('parses each page and nothing else', () => {
    assert.deepEqual(publicRoute('/jamforelser'), { kind: 'list' });
    assert.deepEqual(publicRoute('/jamforelser/'), { kind: 'list' });
    assert.deepEqual(publicRoute('/jamforelser/K10008'), { kind: 'indicator', kpi: 'K10008' });
    assert.deepEqual(publicRoute('/jamforelser/kommun/0180'), { kind: 'municipality', code: '0180' });
    assert.deepEqual(publicRoute('/jamforelser/region/25'), { kind: 'region', code: '25' });
    assert.deepEqual(publicRoute('/jamforelser/enhet/SE2321000016-E1'), {
      kind: 'unit',
      ou: 'SE2321000016-E1',
    });
    for (const path of [
      '/jamforelserx',
      '/org',
      '/jamforelser/k10008',
      '/jamforelser/kommun/180',
      '/jamforelser/%E0',
    ])
      assert.equal(publicRoute(path), null, path);
  });

  it('shows the asked year when it has values, else the latest', () => {
    assert.equal(shownYear([2022, 2023, 2024], '2023'), 2023);
    assert.equal(shownYear([2022, 2023, 2024], '2021'), 2024);
    assert.equal(shownYear([2022, 2023, 2024], null), 2024);
    assert.equal(shownYear([], '2023'), undefined);
  });

  it('builds the Kolada and public addresses the pages read', () => {
    assert.equal(publicUrls.yearData('K10008', 2024), '/api/kolada/v3/data/kpi/K10008/year/2024');
    assert.equal(
      publicUrls.series(['K10001', 'K10002'], ['0025', '0000']),
      '/api/kolada/v3/data/kpi/K10001,K10002/municipality/0025,0000',
    );
    assert.equal(
      publicUrls.intervals('K10008', 2024),
      '/api/public/intervals/K10008/2024?levels=nation,region,municipality',
    );
  });

  it('names the data each page reads first, for the year it will show', async () => {
    const defs = [{ id: 'K10001' }, { id: 'K10008' }];
    const snap = {
      catalog: { definitions: defs, definitionById: new Map(defs.map((d) => [d.id, d])) },
      publications: ['2022', '2023', '2024', '2024-H1'].map((period) => ({ indicatorId: 'K10008', period })),
    } as unknown as Snapshot;
    const org = {
      municipality: { skrGroup: { id: 'G1', code: '1', title: 'Storstäder' } },
      groups: [
        { id: 'G7', kind: 'similar', operatingArea: 'äldreomsorg', referenceYear: 2022 },
        { id: 'G8', kind: 'similar', operatingArea: 'äldreomsorg', referenceYear: 2023 },
        { id: 'G9', kind: 'similar', operatingArea: 'LSS', referenceYear: 2023 },
      ],
    } as unknown as MunicipalityDetail;
    const hints = (path: string) =>
      publicPageHints(snap, new URL(path, 'http://localhost'), (code) =>
        Promise.resolve(code === '0180' ? org : null),
      );
    const shared = ['/api/v1/indicators', '/api/kolada/v3/municipality', '/api/v1/org/regions'];
    assert.deepEqual(await hints('/jamforelser/K10008?ar=2023'), [
      ...shared,
      '/api/kolada/v3/data/kpi/K10008/municipality/0000',
      publicUrls.yearData('K10008', 2023),
      publicUrls.intervals('K10008', 2023),
    ]);
    assert.ok((await hints('/jamforelser/K10008')).includes(publicUrls.yearData('K10008', 2024)));
    assert.deepEqual((await hints('/jamforelser/region/25?indikator=K10008')).slice(3, 5), [
      '/api/kolada/v3/data/kpi/K10008/municipality/0025,0000',
      publicUrls.yearData('K10008', 2024),
    ]);
    // K10001 (the first indicator, a region's default) has no released year: no year's data.
    assert.deepEqual(await hints('/jamforelser/region/25'), [
      ...shared,
      '/api/kolada/v3/data/kpi/K10001/municipality/0025,0000',
    ]);
    assert.deepEqual(await hints('/jamforelser/K99999'), shared);
    assert.deepEqual(await hints('/org'), []);
    // A profile: the municipality, the nation, its SKR group and the latest similar group per area.
    assert.deepEqual(await hints('/jamforelser/kommun/0180'), [
      '/api/v1/org/municipalities/0180',
      '/api/v1/indicators',
      '/api/kolada/v3/data/kpi/K10001,K10008/municipality/0180,0000,G1,G8,G9',
    ]);
    assert.deepEqual(await hints('/jamforelser/kommun/9999'), [
      '/api/v1/org/municipalities/9999',
      '/api/v1/indicators',
    ]);
  });
});
