import { activeDefinitions } from '../indicators/engine.js';
import { immediateFacts } from '../indicators/fact-writer.js';
import type { PersonConsequences } from '../persons/service.js';
import { refreshFactsOfPerson, writeServedFacts } from './facts.js';
import { countEntriesAtUnitBetween } from './queries.js';

/** What a change to persons or service periods means for the registers' entries and facts. */
export const registerConsequences: PersonConsequences = {
  async servicePeriodsChanged(tx, serviceIds, today, fresh) {
    await writeServedFacts(tx, immediateFacts(await activeDefinitions(tx)), today, serviceIds, fresh);
  },
  async personChanged(tx, pseudonym, today) {
    await refreshFactsOfPerson(tx, await activeDefinitions(tx), pseudonym, today);
  },
  entriesAtUnitBetween: countEntriesAtUnitBetween,
};
