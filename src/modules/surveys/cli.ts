import type { CliCommand } from '../../cli/commands.js';
import { settleClosedRounds, settleRound } from './settle.js';

/** `kunskapsnav survey-settle`: closed rounds' counts into the indicator engine now. */
export const surveySettleCommand: CliCommand = {
  name: 'survey-settle',
  summary: 'Settle closed survey rounds into the indicator counts (public at the next release).',
  options: {
    round: {
      type: 'string',
      value: 'ID',
      description: 'Settle this closed round again (default: all unsettled).',
    },
  },
  async run({ db, values, out }) {
    const round = values['round'];
    if (typeof round === 'string') {
      const { units } = await settleRound(db, round, new Date());
      out.write(`Settled round ${round}: ${units} units.\n`);
      return 0;
    }
    out.write(`Settled ${await settleClosedRounds(db, new Date())} closed rounds.\n`);
    return 0;
  },
};
