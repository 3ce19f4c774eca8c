/** The part of xterm's (internal) render service this works on. */
interface RenderServiceLike {
  handleSelectionChanged(
    start: [number, number] | undefined,
    end: [number, number] | undefined,
    columnSelectMode: boolean,
  ): void;
  _selectionState: { start?: [number, number]; end?: [number, number] };
}

function isRenderService(value: unknown): value is RenderServiceLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<RenderServiceLike>;
  return (
    typeof v.handleSelectionChanged === 'function' &&
    typeof v._selectionState === 'object' &&
    v._selectionState !== null
  );
}

type Cell = [number, number] | undefined;

/**
 * No cell selected: no selection, or one of no length — what a click into the terminal leaves
 * (start = end; xterm draws nothing for it).
 */
export const isEmpty = (start: Cell, end: Cell) =>
  !start || !end || (start[0] === end[0] && start[1] === end[1]);

/**
 * xterm 6 answers every scroll with a selection refresh (`CoreBrowserTerminal`: onScroll →
 * `SelectionService.refresh()` → next animation frame → `RenderService.handleSelectionChanged`),
 * and its DOM renderer redraws every row for it (`DomRenderer.handleSelectionChanged` →
 * `renderRows(0, rows - 1)`) — with no selection at all, and also while synchronized output
 * holds drawing back. So while output scrolls, the DOM renderer draws the screen twice per frame,
 * and the output pacer (output-pacer.ts) cannot hold any frame back. This skips the refresh when
 * no cell was selected and none is (`isEmpty`): there is nothing to redraw then (a selection
 * made, changed or cleared still goes through).
 *
 * It reaches into xterm's internals (`_core._renderService`); when they are not there (another
 * xterm version), it changes nothing and returns false.
 */
export function skipEmptySelectionRedraws(term: object): boolean {
  const core = (term as { _core?: { _renderService?: unknown } })._core;
  const service = core?._renderService;
  if (!isRenderService(service)) return false;
  const original = service.handleSelectionChanged.bind(service);
  service.handleSelectionChanged = (start, end, columnSelectMode) => {
    const was = service._selectionState;
    if (isEmpty(start, end) && isEmpty(was.start, was.end)) return;
    original(start, end, columnSelectMode);
  };
  return true;
}
