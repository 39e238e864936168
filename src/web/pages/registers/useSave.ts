import { useEffect, useRef, useState } from 'react';
import { ApiError, localDetail, type ProblemField } from '../../api';
import { useI18n } from '../../i18n/I18n';

/**
 * Sending a register form: the server's field errors, or its message, and focus on the error
 * summary when the save is refused.
 */
export function useSave() {
  const { lang } = useI18n();
  const [errors, setErrors] = useState<ProblemField[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Counts refusals; focusing after the render that shows the summary (not before it exists).
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) summaryRef.current?.focus();
  }, [refusals]);

  async function run<T>(send: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setErrors([]);
    setMessage(null);
    try {
      return await send();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length > 0) setErrors(err.errors);
      else setMessage(err instanceof ApiError ? localDetail(err.message, lang) : String(err));
      setRefusals((n) => n + 1);
      return null;
    } finally {
      setBusy(false);
    }
  }

  return { errors, message, busy, summaryRef, run };
}
