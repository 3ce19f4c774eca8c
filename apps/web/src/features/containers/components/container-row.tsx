'use client';

import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { Sparkline } from '../../stats/components/sparkline.js';
import { formatBytes, formatPercent } from '../../stats/format.js';
import { useContainerSummary } from '../../stats/queries/use-summary.js';
import { imageParts, type ContainerViewModel } from '../container-view-model.js';
import type { RowAction } from '../queries/use-container-action.js';
import { actionLabel } from './confirm-action.js';
import { StateBadge } from './state-badge.js';
import { ElevatedBadge } from './elevated-badge.js';

export const ROW_HEIGHT = 56;
/** Narrow screens (a phone) keep name, state and actions; host, image and graphs from 768 px. */
export const rowGrid =
  'grid grid-cols-[1.5rem_minmax(0,1fr)_minmax(0,7.5rem)_auto] md:grid-cols-[2rem_minmax(10rem,2fr)_minmax(6rem,1fr)_minmax(8rem,1.3fr)_minmax(9rem,1.3fr)_7.5rem_7.5rem_9rem] items-center gap-2 px-2';
/** A cell shown from 768 px up only. */
export const wideOnly = 'hidden md:block';

function quickActions(vm: ContainerViewModel): RowAction[] {
  if (vm.canStart) return ['start', 'remove'];
  if (vm.canUnpause) return ['unpause', 'stop'];
  if (vm.canStop) return ['stop', 'restart'];
  return [];
}

/**
 * One row of the containers list: focusable, Enter opens the container. Memoized (the callbacks
 * take the row's view model, so the list passes the same functions to every row) and subscribed
 * to its own live summary: a stats update re-renders only the rows in the DOM, not the list.
 */
export const ContainerRow = memo(function ContainerRow({
  vm,
  selected,
  canOperate,
  onToggle: toggle,
  onOpen: open,
  onAction: act,
}: {
  vm: ContainerViewModel;
  selected: boolean;
  canOperate: boolean;
  onToggle: (vm: ContainerViewModel) => void;
  onOpen: (vm: ContainerViewModel) => void;
  onAction: (vm: ContainerViewModel, action: RowAction) => void;
}) {
  const live = useContainerSummary(vm.id);
  const onToggle = () => toggle(vm);
  const onOpen = () => open(vm);
  const onAction = (a: RowAction) => act(vm, a);
  const onLinkClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen();
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') onOpen();
    if (e.key === ' ' && canOperate && vm.selectable) {
      e.preventDefault();
      onToggle();
    }
  };
  const running = !vm.unknown && (vm.state === 'running' || vm.state === 'paused');
  return (
    <div
      role="row"
      tabIndex={0}
      data-testid="container-row"
      data-state={vm.state}
      data-transition={vm.transition ?? undefined}
      data-unknown={vm.unknown ? 'true' : undefined}
      aria-selected={selected}
      onKeyDown={onKey}
      onDoubleClick={onOpen}
      className={`${rowGrid} h-full border-b border-slate-100 text-sm hover:bg-slate-50 focus:bg-sky-50 focus:outline-none dark:border-slate-800/60 dark:hover:bg-slate-800/40 dark:focus:bg-sky-950/40`}
    >
      <div role="cell">
        {canOperate ? (
          <input
            type="checkbox"
            aria-label={`Select ${vm.name}`}
            checked={selected}
            disabled={!vm.selectable}
            title={vm.selectable ? undefined : `Cannot be selected: ${vm.blocked ?? ''}`}
            onChange={onToggle}
          />
        ) : null}
      </div>
      <div role="cell" className="min-w-0">
        {/* A plain link (client navigation on a plain click): cheaper to mount than next/link,
            which matters when a wheel step mounts a screenful of rows; no prefetching either. */}
        <div className="flex min-w-0 items-center gap-2">
          <a
            href={vm.href}
            onClick={onLinkClick}
            className="block truncate font-medium text-sky-700 hover:underline dark:text-sky-400"
            tabIndex={-1}
          >
            {vm.name}
          </a>
          <ElevatedBadge tokens={vm.elevated} />
        </div>
        <div className="truncate font-mono text-xs text-slate-500">
          {vm.shortId}
          <span className="md:hidden"> · {vm.hostName}</span>
        </div>
      </div>
      <div
        role="cell"
        className={`${wideOnly} min-w-0 truncate text-slate-600 dark:text-slate-300`}
        title={vm.hostName}
      >
        {vm.hostName}
        {!vm.hostOnline ? <span className="ml-1 text-xs text-amber-600">(offline)</span> : null}
      </div>
      <div role="cell" className={`${wideOnly} min-w-0 text-xs`} title={vm.image}>
        <div className="truncate font-mono">{imageParts(vm.image).name}</div>
        <div className="truncate text-slate-500">{imageParts(vm.image).from}</div>
      </div>
      <div role="cell" className="min-w-0">
        <StateBadge
          state={vm.state}
          transition={vm.transition}
          unknown={vm.unknown}
          health={vm.health}
        />
        <div
          className="truncate text-xs text-slate-500"
          data-testid="container-status"
          title={vm.status}
        >
          {vm.status}
        </div>
      </div>
      <div role="cell" className={`${wideOnly} text-xs`}>
        {running ? (
          <>
            <Sparkline values={live?.history.cpu ?? []} max={100} label={`CPU of ${vm.name}`} />
            <div className="text-slate-500">{formatPercent(live?.cpuPercent)}</div>
          </>
        ) : (
          <span className="text-slate-400">–</span>
        )}
      </div>
      <div role="cell" className={`${wideOnly} text-xs`}>
        {running ? (
          <>
            <Sparkline
              values={live?.history.memory ?? []}
              max={live?.memoryLimit ?? undefined}
              label={`Memory of ${vm.name}`}
            />
            <div className="text-slate-500">{formatBytes(live?.memoryUsage)}</div>
          </>
        ) : (
          <span className="text-slate-400">–</span>
        )}
      </div>
      <div role="cell" className="flex flex-wrap gap-1" title={vm.blocked ?? undefined}>
        {canOperate
          ? quickActions(vm).map((a) => (
              <button
                key={a}
                type="button"
                aria-label={`${actionLabel(a)} ${vm.name}`}
                className={`rounded border px-2 py-0.5 text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${
                  a === 'remove' || a === 'stop'
                    ? 'border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950'
                    : 'border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'
                }`}
                onClick={() => onAction(a)}
              >
                {actionLabel(a)}
              </button>
            ))
          : null}
      </div>
    </div>
  );
});
