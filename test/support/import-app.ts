import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { createUnit } from '../../src/modules/org/service.js';
import { openTestApp, type TestApp, type TestAppOptions } from './app.js';
import { loginAs, type LoggedIn } from './auth.js';

/** Where the import tests start: an app, one elderly-care unit and a caseworker scoped to it. */
export interface ImportApp {
  h: TestApp;
  unitId: string;
  /** The unit's code (E000123), as import files name it. */
  unitCode: string;
  caseworker: LoggedIn;
}

/** An app with Solgården (special housing in Stockholm, 0180, since 2020) and its caseworker. */
export async function openImportApp(options: TestAppOptions = {}): Promise<ImportApp> {
  const h = await openTestApp(options);
  const unit = await createUnit(h.t.db, {
    name: 'Solgården',
    municipalityCode: '0180',
    providerType: 'municipal',
    operatingArea: 'elderly_care',
    unitType: 'special_housing',
    validFrom: '2020-01-01',
  });
  const caseworker = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unit.unitId });
  return { h, unitId: unit.unitId, unitCode: unit.code, caseworker };
}

/** A trace-level logger whose every line the test can read (to prove no cell content is logged). */
export function capturingLogger(): { logger: FastifyBaseLogger; text: () => string } {
  let logged = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged += chunk.toString();
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, sink), text: () => logged };
}
