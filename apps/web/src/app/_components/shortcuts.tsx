'use client';

import { useEffect, useState } from 'react';
import { Dialog } from '@/components/ui/dialog.js';
import { Button } from '@/components/ui/ui.js';

/** Pure: whether a key press belongs to what is being typed (then it is no shortcut). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const shortcuts: [string, string][] = [
  ['/', 'Search: focus the page’s filter (containers, images, events…)'],
  ['?', 'This help'],
  ['Enter', 'Open the focused row (containers list)'],
  ['Space', 'Select the focused row'],
  ['← →', 'Previous / next tab (container page)'],
  ['Esc', 'Close a dialog or menu'],
];

/**
 * The keyboard shortcuts the README promises: `/` focuses the page's search field (the first
 * element marked `data-shortcut="search"`, else the first filter field), `?` shows this list.
 * Never while typing, so a terminal or a form keeps its keys.
 */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === '/') {
        const field =
          document.querySelector<HTMLElement>('[data-shortcut="search"]') ??
          document.querySelector<HTMLElement>(
            'main input[aria-label^="Filter"], main input[type="search"]',
          );
        if (!field) return;
        e.preventDefault();
        field.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[6rem_1fr] gap-x-4 gap-y-2 text-sm" data-testid="shortcuts">
        {shortcuts.map(([key, what]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 px-1.5 py-0.5 font-mono text-xs dark:border-slate-700">
                {key}
              </kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <div className="flex justify-end">
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
