import type { FastifyInstance } from 'fastify';
import type { InstrumentList } from '../../contracts/instruments.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { fhirResource, instrumentParams, scoreInput } from './schema.js';
import * as service from './service.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/**
 * /api/v1/instruments: the instrument library, open without login. Scoring stores nothing:
 * the answers go in, the result comes out. /api/v1/forms/import/fhir converts a FHIR
 * Questionnaire to a form definition (storing forms comes with the forms module).
 */
export function instrumentRoutes(app: FastifyInstance, _deps: AppDeps): void {
  // FHIR clients send application/fhir+json; it is JSON.
  if (!app.hasContentTypeParser('application/fhir+json'))
    app.addContentTypeParser(
      'application/fhir+json',
      { parseAs: 'string' },
      app.getDefaultJsonParser('error', 'error'),
    );

  app.get('/api/v1/instruments', (_req, reply) => {
    const answer: InstrumentList = { instruments: service.listInstrumentSummaries() };
    return reply.send(answer);
  });

  app.get('/api/v1/instruments/:id', (req, reply) => {
    const { id } = parseInput(instrumentParams, req.params, 'params');
    return reply.send(service.instrumentDetail(id));
  });

  app.get('/api/v1/instruments/:id/fhir', async (req, reply) => {
    const { id } = parseInput(instrumentParams, req.params, 'params');
    return reply.type(FHIR_JSON).send(service.instrumentQuestionnaire(id));
  });

  app.post('/api/v1/instruments/:id/score', async (req, reply) => {
    const { id } = parseInput(instrumentParams, req.params, 'params');
    const input = parseInput(scoreInput, req.body, 'body');
    return reply.header('cache-control', 'no-store').send(service.scoreInstrument(id, input));
  });

  app.post('/api/v1/forms/import/fhir', (req, reply) => {
    const questionnaire = parseInput(fhirResource, req.body, 'body');
    return reply.send(service.importFhirQuestionnaire(questionnaire));
  });
}
