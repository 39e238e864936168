import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import type { LoggedIn } from './auth.js';

/**
 * Everything GET /api/v1/analytics gives one caller of the indicators `dx` (";"-separated) for one
 * period: the nation, every region, municipality and unit, all three sexes. The insider attack
 * tests start from this view.
 */
export async function analyticsAsCaller<Row>(
  h: Pick<TestApp, 'app'>,
  user: LoggedIn,
  dx: string,
  period: string,
): Promise<Row[]> {
  const res = await h.app.inject({
    url: `/api/v1/analytics?dx=${dx}&pe=${period}&ou=0000;LEVEL-region;LEVEL-municipality;LEVEL-unit&sex=T;K;M`,
    headers: { cookie: user.cookie },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ rows: Row[] }>().rows;
}
