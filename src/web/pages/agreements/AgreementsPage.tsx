import { useRouter } from '../../router';
import { DecisionView } from './DecisionView';
import { FollowUpView } from './FollowUpView';
import { DECISION_PATH, FOLLOW_UP_PATH } from './model';
import { YearView } from './YearView';
import './agreements.css';

/**
 * /overenskommelser: the year's agreement, cycle, grants and co-financing;
 * /overenskommelser/uppfoljning: the follow-up; /overenskommelser/beslut/{id}: one grant decision.
 * Public to read (it shows agreements and published values only); writes need agreements.manage.
 */
export function AgreementsPage() {
  const { path, query } = useRouter();
  const year = Number(query.get('ar')) || new Date().getFullYear();
  if (path.startsWith(`${DECISION_PATH}/`)) return <DecisionView id={path.slice(DECISION_PATH.length + 1)} />;
  if (path === FOLLOW_UP_PATH) return <FollowUpView year={year} region={query.get('region') ?? ''} />;
  return <YearView year={year} />;
}
