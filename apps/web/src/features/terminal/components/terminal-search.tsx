'use client';

import { useEffect, useRef, useState } from 'react';
import type { SearchAddon } from '@xterm/addon-search';

/** The Ctrl+F search box over a terminal (Enter: next, Shift+Enter: previous, Esc: close). */
export function TerminalSearch({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<boolean | null>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    return () => search.clearDecorations();
  }, [search]);

  return (
    <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-1 text-sm dark:border-slate-800 dark:bg-slate-950">
      <input
        ref={inputRef}
        aria-label="Search terminal"
        placeholder="Search…"
        className="w-56 rounded border border-slate-300 bg-transparent px-2 py-0.5 dark:border-slate-700"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setFound(e.target.value ? search.findNext(e.target.value, { incremental: true }) : null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          if (e.key === 'Enter' && text) {
            setFound(e.shiftKey ? search.findPrevious(text) : search.findNext(text));
          }
        }}
      />
      {found === false ? <span className="text-xs text-slate-500">no match</span> : null}
      <button type="button" className="text-xs underline" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
