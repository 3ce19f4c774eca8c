import { inputClass } from '../../../components/ui/ui.js';
import { HostSelect } from '../../hosts/components/host-select.js';
import type { EventsFilterState } from '../events-filter.js';

/** The Events page's filter fields; the kind only for those who may read the audit log. */
export function EventsFilters({
  filter,
  onChange,
  hosts,
  canReadAudit,
}: {
  filter: EventsFilterState;
  onChange: (patch: Partial<EventsFilterState>) => void;
  hosts: readonly { id: string; name: string }[];
  canReadAudit: boolean;
}) {
  return (
    <>
      {canReadAudit ? (
        <select
          aria-label="Kind"
          className={inputClass}
          value={filter.kind}
          onChange={(e) => onChange({ kind: e.target.value as EventsFilterState['kind'] })}
        >
          <option value="all">All events</option>
          <option value="container">Container events</option>
          <option value="audit">User actions</option>
        </select>
      ) : null}
      <HostSelect
        label="Host"
        value={filter.host}
        hosts={hosts}
        onChange={(host) => onChange({ host })}
      />
      <input
        aria-label="Action"
        placeholder="Action, e.g. container.die"
        className={inputClass}
        value={filter.action}
        onChange={(e) => onChange({ action: e.target.value })}
      />
      <input
        aria-label="Actor"
        placeholder="Actor"
        className={inputClass}
        value={filter.actor}
        onChange={(e) => onChange({ actor: e.target.value })}
      />
      <select
        aria-label="Outcome"
        className={inputClass}
        value={filter.outcome}
        onChange={(e) => onChange({ outcome: e.target.value as EventsFilterState['outcome'] })}
      >
        <option value="">Any outcome</option>
        <option value="success">success</option>
        <option value="failure">failure</option>
        <option value="denied">denied</option>
      </select>
    </>
  );
}
