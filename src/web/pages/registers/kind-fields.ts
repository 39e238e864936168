import type { ProblemField } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { errorText } from './format';
import type { RegisterKinds } from '../../../contracts/registers';
import { fieldId } from './model';

/** What every kind's fields get: the data, how to change it, and the server's errors. */
export interface KindFieldsProps {
  data: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  prefix: string;
  errors: ProblemField[];
  kinds: RegisterKinds;
  /** The person's sex in statistics (AUDIT and DUDIT cut-offs); null when unknown. */
  sex: 'K' | 'M' | null;
}

/** Field helpers for one form: a data field's DOM id, its error in words, and a setter. */
export function useFieldHelpers(props: KindFieldsProps) {
  const { t } = useI18n();
  return {
    id: (field: string) => fieldId(props.prefix, `data.${field}`),
    error: (field: string): string | undefined => {
      const e = props.errors.find((x) => x.field === `data.${field}`);
      return e ? errorText(t, e) : undefined;
    },
    set: (key: string, value: unknown) => props.onChange({ ...props.data, [key]: value }),
  };
}
