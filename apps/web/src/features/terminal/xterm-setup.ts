import type { Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';
import type { SearchAddon } from '@xterm/addon-search';
import {
  chooseRenderer,
  parseRendererPreference,
  RENDERER_PREFERENCE_KEY,
} from './renderer-choice.js';
import { PACING_PREFERENCE_KEY, pacingEnabled } from './output-pacer.js';
import { skipEmptySelectionRedraws } from './selection-redraws.js';
import { readPreference } from './preferences.js';

/** One xterm with its addons; `dispose()` releases every one of them. */
export interface XtermHandle {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  /** 'webgl' or 'dom' (after a failed WebGL start or a lost context). */
  renderer(): 'webgl' | 'dom';
  dispose(): void;
}

/** The WebGL renderer's name as the page sees it, or null when it has no WebGL at all. */
function webglRendererName(): string | null {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

function preferredRenderer(): 'webgl' | 'dom' {
  const preference = parseRendererPreference(readPreference(RENDERER_PREFERENCE_KEY));
  // Probe only when it matters: a forced choice needs no context.
  return chooseRenderer(preference, preference === 'auto' ? webglRendererName() : null);
}

/**
 * Creates xterm.js in `container` (browser only: the modules are imported lazily so they never
 * load during server rendering). WebGL when the GPU draws it (see `chooseRenderer`; the
 * preference key forces either), else xterm's DOM renderer; when WebGL cannot start or its
 * context is lost, the addon is disposed and xterm falls back to the DOM renderer.
 */
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
  if (pacingEnabled(readPreference(PACING_PREFERENCE_KEY))) skipEmptySelectionRedraws(term);

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
