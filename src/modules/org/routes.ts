import type { FastifyInstance } from 'fastify';
import type {
  GroupList,
  MunicipalityDetail,
  MunicipalityList,
  RegionList,
  UnitDetail,
  UnitPage,
} from '../../contracts/org.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { todayIso } from '../../domain/org/validity.js';
import { NotFoundError } from '../../domain/errors.js';
import { authorize } from '../../server/authorize.js';
import * as q from './queries.js';
import * as service from './service.js';
import {
  asOfQuery,
  codeParams,
  groupQuery,
  municipalityQuery,
  unitChangeInput,
  unitCloseInput,
  unitIdParams,
  unitQuery,
  unitVersionInput,
} from './schema.js';

/** /api/v1/org: the organisation register. Reads are public; writes need 'org.write'. */
export function orgRoutes(app: FastifyInstance, { db }: AppDeps): void {
  app.get('/api/v1/org/regions', async (req): Promise<RegionList> => {
    const { asOf } = parseInput(asOfQuery, req.query, 'query');
    return { asOf: asOf ?? todayIso(), regions: await q.listRegions(db, asOf ?? todayIso()) };
  });

  app.get('/api/v1/org/municipalities', async (req): Promise<MunicipalityList> => {
    const f = parseInput(municipalityQuery, req.query, 'query');
    const asOf = f.asOf ?? todayIso();
    return {
      asOf,
      municipalities: await q.listMunicipalities(db, { asOf, regionCode: f.region, search: f.q }),
    };
  });

  app.get('/api/v1/org/municipalities/:code', async (req): Promise<MunicipalityDetail> => {
    const { code } = parseInput(codeParams, req.params, 'params');
    const { asOf } = parseInput(asOfQuery, req.query, 'query');
    const day = asOf ?? todayIso();
    const [municipality] = await q.listMunicipalities(db, { asOf: day, codes: [code] });
    if (!municipality) throw new NotFoundError(`municipality ${code}`);
    const groups = await q.listGroups(db, { municipalityCode: code });
    return { asOf: day, municipality, groups };
  });

  app.get('/api/v1/org/groups', async (req): Promise<GroupList> => {
    const f = parseInput(groupQuery, req.query, 'query');
    return {
      groups: await q.listGroups(db, {
        kind: f.kind,
        municipalityCode: f.municipality,
        operatingArea: f.operatingArea,
        search: f.q,
      }),
    };
  });

  app.get('/api/v1/org/units', async (req): Promise<UnitPage> => {
    const f = parseInput(unitQuery, req.query, 'query');
    const asOf = f.asOf ?? todayIso();
    const page = await q.listUnitsAsOf(db, {
      asOf,
      municipalityCode: f.municipality,
      regionCode: f.region,
      operatingArea: f.operatingArea,
      providerType: f.providerType,
      search: f.q,
      limit: f.limit,
      offset: f.offset,
    });
    return { asOf, total: page.total, limit: f.limit, offset: f.offset, units: page.units };
  });

  app.get('/api/v1/org/units/:id', async (req): Promise<UnitDetail> => {
    const { id } = parseInput(unitIdParams, req.params, 'params');
    const { asOf } = parseInput(asOfQuery, req.query, 'query');
    return service.getUnit(db, id, asOf ?? todayIso());
  });

  app.post('/api/v1/org/units', async (req, reply) => {
    await authorize(req, 'org.write');
    const input = parseInput(unitVersionInput, req.body, 'body');
    const unit = await service.createUnit(db, input);
    return reply.status(201).header('location', `/api/v1/org/units/${unit.unitId}`).send(unit);
  });

  app.post('/api/v1/org/units/:id/versions', async (req, reply) => {
    await authorize(req, 'org.write');
    const { id } = parseInput(unitIdParams, req.params, 'params');
    const input = parseInput(unitVersionInput, req.body, 'body');
    return reply.status(201).send(await service.addUnitVersion(db, id, input));
  });

  app.patch('/api/v1/org/units/:id', async (req) => {
    await authorize(req, 'org.write');
    const { id } = parseInput(unitIdParams, req.params, 'params');
    return service.changeUnit(db, id, parseInput(unitChangeInput, req.body, 'body'));
  });

  // Units are closed, never deleted: registrations keep pointing at them.
  app.post('/api/v1/org/units/:id/close', async (req) => {
    await authorize(req, 'org.write');
    const { id } = parseInput(unitIdParams, req.params, 'params');
    const { validTo } = parseInput(unitCloseInput, req.body, 'body');
    return service.closeUnit(db, id, validTo);
  });
}
