import type { KindFieldsProps } from './kind-fields';
import {
  ClosureFields,
  EventFields,
  FollowUpFields,
  PlannedActionFields,
  RiskAssessmentFields,
} from './SeniorAlertFields';
import { DeathFields, DeathRegistrationFields, InterventionFields, MeasureFields } from './OtherFields';

/** The fields of one (register, kind). */
export function EntryFields({
  register,
  kind,
  ...props
}: KindFieldsProps & { register: string; kind: string }) {
  switch (`${register}.${kind}`) {
    case 'senior_alert.risk_assessment':
      return <RiskAssessmentFields {...props} />;
    case 'senior_alert.planned_action':
      return <PlannedActionFields {...props} />;
    case 'senior_alert.event':
      return <EventFields {...props} />;
    case 'senior_alert.follow_up':
      return <FollowUpFields {...props} />;
    case 'senior_alert.closure':
      return <ClosureFields {...props} />;
    case 'palliative.death':
      return <DeathFields {...props} />;
    case 'palliative.death_registration':
      return <DeathRegistrationFields {...props} />;
    case 'followup.measure':
      return <MeasureFields {...props} />;
    case 'followup.intervention':
      return <InterventionFields {...props} />;
    default:
      return null;
  }
}
