import { inputClass } from '../../../components/ui/ui.js';
import type { AuditFilterState } from '../audit-view-model.js';

/** The audit log's filter fields (action prefix, actor, outcome). */
export function AuditFilters({
  filter,
  onChange,
}: {
  filter: AuditFilterState;
  onChange: (patch: Partial<AuditFilterState>) => void;
}) {
  return (
    <>
      <div>
        <label htmlFor="f-action" className="mb-1 block text-sm font-medium">
          Action
        </label>
        <input
          id="f-action"
          className={inputClass}
          placeholder="e.g. host. or user.login"
          value={filter.action}
          onChange={(e) => onChange({ action: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor="f-actor" className="mb-1 block text-sm font-medium">
          Actor
        </label>
        <input
          id="f-actor"
          className={inputClass}
          placeholder="username"
          value={filter.actor}
          onChange={(e) => onChange({ actor: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor="f-outcome" className="mb-1 block text-sm font-medium">
          Outcome
        </label>
        <select
          id="f-outcome"
          className={inputClass}
          value={filter.outcome}
          onChange={(e) => onChange({ outcome: e.target.value as AuditFilterState['outcome'] })}
        >
          <option value="">any</option>
          <option value="success">success</option>
          <option value="failure">failure</option>
          <option value="denied">denied</option>
        </select>
      </div>
    </>
  );
}
