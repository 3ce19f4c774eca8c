'use client';

import { useEffect, useRef } from 'react';
import { containerStates } from '@berth/protocol';
import { inputClass } from '../../../components/ui/ui.js';
import { HostSelect } from '../../hosts/components/host-select.js';
import type { ContainerFilter } from '../list-filter.js';

/**
 * The containers list's filter fields (name, image, host unless the list is one host's, state).
 * The list is server-rendered, so the fields exist before React hydrates: text typed into them
 * meanwhile is in the DOM but not in state; it is taken over once hydrated.
 */
export function ContainerFilters({
  filter,
  onChange,
  hosts,
  showHost,
}: {
  filter: ContainerFilter;
  onChange: (patch: Partial<ContainerFilter>) => void;
  hosts: readonly { id: string; name: string }[];
  showHost: boolean;
}) {
  const nameRef = useRef<HTMLInputElement>(null);
  const imageRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const name = nameRef.current?.value ?? '';
    const image = imageRef.current?.value ?? '';
    if (name || image) onChange({ ...(name ? { name } : {}), ...(image ? { image } : {}) });
  }, []); // once, on hydration
  return (
    <>
      <input
        ref={nameRef}
        aria-label="Filter by name"
        data-shortcut="search"
        placeholder="Name or ID  ( / )"
        className={inputClass}
        value={filter.name}
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <input
        ref={imageRef}
        aria-label="Filter by image"
        placeholder="Image"
        className={inputClass}
        value={filter.image}
        onChange={(e) => onChange({ image: e.target.value })}
      />
      {showHost ? (
        <HostSelect
          label="Filter by host"
          value={filter.host}
          hosts={hosts}
          onChange={(host) => onChange({ host })}
        />
      ) : null}
      <select
        aria-label="Filter by state"
        className={inputClass}
        value={filter.state}
        onChange={(e) => onChange({ state: e.target.value as ContainerFilter['state'] })}
      >
        <option value="">Any state</option>
        {containerStates.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </>
  );
}
