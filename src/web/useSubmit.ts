import { useState } from 'react';
import { ApiError, type ProblemField } from './api';

/**
 * Runs a write; keeps its field errors and message for the form, and reports success.
 * `ourWords` may restate a field error in the page's own words.
 */
export function useSubmit(ourWords: (e: ProblemField) => ProblemField = (e) => e) {
  const [errors, setErrors] = useState<ProblemField[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(write: () => Promise<unknown>, done?: () => void): Promise<void> {
    setBusy(true);
    setErrors([]);
    setMessage(null);
    try {
      await write();
      done?.();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.errors.map(ourWords));
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return { errors, message, busy, run };
}
