import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EntryVersions, RegisterKinds, Timeline } from '../../contracts/registers.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import {
  ACTION_CODES,
  ENTRY_KINDS,
  EVENT_TYPES,
  RISK_AREA_OF_INSTRUMENT,
  UNDERLYING_CAUSES,
} from '../../domain/registers/entries.js';
import { DEFAULT_PALLIATIVE_WINDOWS } from '../../domain/registers/windows.js';
import type { Action } from '../../domain/policy/policy.js';
import { authorize, clockOf } from '../../server/authorize.js';
import type { Actor } from '../../domain/policy/actor.js';
import { activeDefinitions } from '../indicators/engine.js';
import { correctionInput, entryParams, newEntryInput, personParams, timelineQuery } from './schema.js';
import { presentEntry, presentVersion } from './present.js';
import * as registers from './service.js';

/**
 * Register entries over HTTP: a person's timeline, new entries, corrections and their history.
 * The pseudonym is in the URL; the personnummer never is.
 */
export function registerRoutes(app: FastifyInstance, deps: AppDeps): void {
  const now = clockOf(deps);
  const registersDeps: registers.RegistersDeps = {
    db: deps.db,
    windows: DEFAULT_PALLIATIVE_WINDOWS,
    definitions: activeDefinitions,
  };
  const actorFor = async (req: FastifyRequest, action: Action): Promise<Actor> => ({
    principal: await authorize(req, action),
    clientAddress: req.ip,
    now: now(),
  });

  app.get('/api/v1/registers/kinds', (): RegisterKinds => ({
    kinds: ENTRY_KINDS,
    riskAreaOfInstrument: RISK_AREA_OF_INSTRUMENT,
    actionCodes: ACTION_CODES,
    underlyingCauses: UNDERLYING_CAUSES,
    eventTypes: EVENT_TYPES,
    palliativeWindows: DEFAULT_PALLIATIVE_WINDOWS,
  }));

  app.get('/api/v1/persons/:pseudonym/entries', async (req): Promise<Timeline> => {
    const actor = await actorFor(req, 'individual.read');
    const { pseudonym } = parseInput(personParams, req.params, 'params');
    const { register } = parseInput(timelineQuery, req.query, 'query');
    const timeline = await registers.timeline(registersDeps, actor, pseudonym, register);
    return { pseudonym: timeline.pseudonym, entries: timeline.entries.map(presentEntry) };
  });

  app.post('/api/v1/persons/:pseudonym/entries', async (req, reply) => {
    const actor = await actorFor(req, 'individual.write');
    const { pseudonym } = parseInput(personParams, req.params, 'params');
    const input = parseInput(newEntryInput, req.body, 'body');
    const entry = await registers.recordEntry(registersDeps, actor, {
      ...input,
      personPseudonym: pseudonym,
    });
    return reply.status(201).header('location', `/api/v1/entries/${entry.id}`).send(presentEntry(entry));
  });

  app.post('/api/v1/entries/:id/corrections', async (req) => {
    const actor = await actorFor(req, 'individual.write');
    const { id } = parseInput(entryParams, req.params, 'params');
    const input = parseInput(correctionInput, req.body, 'body');
    return presentEntry(await registers.correctEntry(registersDeps, actor, id, input));
  });

  app.get('/api/v1/entries/:id/versions', async (req): Promise<EntryVersions> => {
    const actor = await actorFor(req, 'individual.read');
    const { id } = parseInput(entryParams, req.params, 'params');
    return { versions: (await registers.entryHistory(registersDeps, actor, id)).map(presentVersion) };
  });
}
