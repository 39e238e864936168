import type { FastifyInstance } from 'fastify';
import type { SurveySettlement } from '../../contracts/surveys.js';
import { authorize, clockOf } from '../../server/authorize.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { roundParams } from './schema.js';
import { settleRound } from './settle.js';

/**
 * POST /api/v1/surveys/rounds/{id}/settle: an administrator who may make releases settles a closed
 * round now (the leader job does it on its own within a minute of the close). 409 while it is open.
 */
export function settleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const now = clockOf(deps);
  app.post('/api/v1/surveys/rounds/:id/settle', async (req) => {
    await authorize(req, 'releases.make');
    const { id } = parseInput(roundParams, req.params, 'params');
    const { units } = await settleRound(deps.db, id, now());
    const answer: SurveySettlement = { roundId: id, units };
    return answer;
  });
}
