import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { alertKeys } from './query-keys.js';

/**
 * Every admin change of the alerts feature (rules, channels, silences) is one API call followed
 * by re-reading the alert lists: these change rarely, so no cache surgery per call.
 */
export function useAlertAdmin<T = unknown>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { path: string; method: 'POST' | 'PATCH' | 'DELETE'; body?: unknown }) =>
      api<T>(req.path, { method: req.method, body: req.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
