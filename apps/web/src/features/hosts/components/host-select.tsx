'use client';

import { inputClass } from '../../../components/ui/ui.js';

/** A host filter: "All hosts" (empty value) or one host by id. */
export function HostSelect({
  label,
  value,
  hosts,
  onChange,
}: {
  label: string;
  value: string;
  hosts: readonly { id: string; name: string }[];
  onChange: (hostId: string) => void;
}) {
  return (
    <select
      aria-label={label}
      className={inputClass}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">All hosts</option>
      {hosts.map((h) => (
        <option key={h.id} value={h.id}>
          {h.name}
        </option>
      ))}
    </select>
  );
}
