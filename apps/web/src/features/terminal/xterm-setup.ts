import type { Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';
import type { SearchAddon } from '@xterm/addon-search';

/** One xterm with its addons; `dispose()` releases every one of them. */
export interface XtermHandle {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  /** 'webgl' or 'dom' (after a failed WebGL start or a lost context). */
  renderer(): 'webgl' | 'dom';
  dispose(): void;
}

/**
 * Creates xterm.js in `container` (browser only: the modules are imported lazily so they never
 * load during server rendering). WebGL is tried first; when it cannot start or its context is
 * lost, the addon is disposed and xterm falls back to its DOM renderer.
 */
/** Key of the renderer preference: `localStorage['berth.terminal.renderer'] = 'dom'` skips WebGL. */
export const RENDERER_PREFERENCE_KEY = 'berth.terminal.renderer';

function preferredRenderer(): 'webgl' | 'dom' {
  try {
    return window.localStorage.getItem(RENDERER_PREFERENCE_KEY) === 'dom' ? 'dom' : 'webgl';
  } catch {
    return 'webgl';
  }
}

export async function createXterm(container: HTMLElement): Promise<XtermHandle> {
  const [{ Terminal }, { FitAddon }, { SearchAddon }, { WebLinksAddon }, { WebglAddon }] =
    await Promise.all([
      import('@xterm/xterm'),
      import('@xterm/addon-fit'),
      import('@xterm/addon-search'),
      import('@xterm/addon-web-links'),
      import('@xterm/addon-webgl'),
    ]);
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 13,
    scrollback: 5000,
    allowProposedApi: true,
    theme: { background: '#0b1020' },
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  const links = new WebLinksAddon((_event, uri) => {
    window.open(uri, '_blank', 'noopener,noreferrer');
  });
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(links);
  term.open(container);

  let renderer: 'webgl' | 'dom' = 'dom';
  let webgl: InstanceType<typeof WebglAddon> | null = null;
  let contextLoss: { dispose(): void } | null = null;
  const dropWebgl = () => {
    contextLoss?.dispose();
    contextLoss = null;
    webgl?.dispose();
    webgl = null;
    renderer = 'dom';
  };
  try {
    if (preferredRenderer() === 'dom') throw new Error('DOM renderer preferred');
    webgl = new WebglAddon();
    contextLoss = webgl.onContextLoss(dropWebgl);
    term.loadAddon(webgl);
    renderer = 'webgl';
  } catch {
    dropWebgl();
  }
  try {
    fit.fit();
  } catch {
    // not laid out yet; the ResizeObserver fits later
  }

  return {
    term,
    fit,
    search,
    renderer: () => renderer,
    dispose() {
      dropWebgl();
      // Disposing the terminal disposes the addons it loaded (fit, search, links).
      term.dispose();
    },
  };
}
