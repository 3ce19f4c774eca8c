import { Field, inputClass } from '../../../components/ui/ui.js';
import type { AuditFilterState } from '../audit-view-model.js';

/** The audit log's filter fields (action prefix, actor, outcome). */
export function AuditFilters({
  filter,
  onChange,
}: {
  filter: AuditFilterState;
  onChange: (patch: Partial<AuditFilterState>) => void;
}) {
  const text = (key: 'action' | 'actor', label: string, placeholder: string) => (
    <Field label={label} htmlFor={`f-${key}`}>
      <input
        id={`f-${key}`}
        className={inputClass}
        placeholder={placeholder}
        value={filter[key]}
        onChange={(e) => onChange({ [key]: e.target.value })}
      />
    </Field>
  );
  return (
    <>
      {text('action', 'Action', 'e.g. host. or user.login')}
      {text('actor', 'Actor', 'username')}
      <Field label="Outcome" htmlFor="f-outcome">
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
      </Field>
    </>
  );
}
