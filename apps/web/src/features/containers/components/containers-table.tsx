'use client';

import { useCallback, useRef } from 'react';
import { useRouter } from 'next/navigation';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ContainerViewModel } from '../container-view-model.js';
import type { ContainerSort, SortKey } from '../list-filter.js';
import type { RowAction } from '../queries/use-container-action.js';
import { ContainerRow, ROW_HEIGHT, rowGrid, wideOnly } from './container-row.js';

const columns: { key: SortKey | null; label: string; wide?: boolean }[] = [
  { key: null, label: '' },
  { key: 'name', label: 'Name' },
  { key: 'host', label: 'Host', wide: true },
  { key: 'image', label: 'Image', wide: true },
  { key: 'state', label: 'State' },
  { key: 'cpu', label: 'CPU', wide: true },
  { key: 'memory', label: 'Memory', wide: true },
  { key: null, label: 'Actions' },
];

/** The virtualized list: only the rows in view are in the DOM (thousands stay smooth). */
export function ContainersTable(props: {
  rows: ContainerViewModel[];
  selected: ReadonlySet<string>;
  canOperate: boolean;
  sort: ContainerSort;
  allSelected: boolean;
  onSort: (key: SortKey) => void;
  /** Stable across renders (rows are memoized on their props). */
  onToggle: (vm: ContainerViewModel) => void;
  onToggleAll: () => void;
  /** Stable across renders. */
  onAction: (vm: ContainerViewModel, action: RowAction) => void;
  height?: string;
}) {
  const router = useRouter();
  const onOpen = useCallback((vm: ContainerViewModel) => router.push(vm.href), [router]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => props.rows[i]?.id ?? i,
    // Every wheel step mounts a new window of rows: keep it small.
    overscan: 4,
    // Let React batch the scroll updates of one frame into one render (not one per event).
    useFlushSync: false,
    // The server has no scroll element: render the first screenful into the HTML anyway.
    initialRect: { width: 1200, height: 900 },
  });
  return (
    <div
      role="table"
      aria-label="Containers"
      aria-rowcount={props.rows.length}
      className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div role="rowgroup">
        <div
          role="row"
          className={`${rowGrid} border-b border-slate-200 py-2 text-xs font-medium text-slate-500 dark:border-slate-800 dark:text-slate-400`}
        >
          {columns.map((c, i) =>
            i === 0 ? (
              <div role="columnheader" key="sel">
                {props.canOperate ? (
                  <input
                    type="checkbox"
                    aria-label="Select all shown"
                    checked={props.allSelected}
                    onChange={props.onToggleAll}
                  />
                ) : null}
              </div>
            ) : c.key ? (
              <div
                role="columnheader"
                key={c.label}
                className={c.wide ? wideOnly : undefined}
                aria-sort={
                  props.sort.key === c.key
                    ? props.sort.dir === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : 'none'
                }
              >
                <button
                  type="button"
                  className="hover:text-slate-900 dark:hover:text-white"
                  onClick={() => props.onSort(c.key!)}
                >
                  {c.label}
                  {props.sort.key === c.key ? (props.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              </div>
            ) : (
              <div role="columnheader" key={c.label}>
                {c.label}
              </div>
            ),
          )}
        </div>
      </div>
      <div
        ref={scrollRef}
        role="rowgroup"
        className="overflow-auto"
        style={{ height: props.height ?? 'min(70vh, 900px)' }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const vm = props.rows[item.index]!;
            return (
              <div
                key={vm.id}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: item.size,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <ContainerRow
                  vm={vm}
                  selected={props.selected.has(vm.id)}
                  canOperate={props.canOperate}
                  onToggle={props.onToggle}
                  onOpen={onOpen}
                  onAction={props.onAction}
                />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
