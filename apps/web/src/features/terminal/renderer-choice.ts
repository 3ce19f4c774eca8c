/** Key of the renderer preference in localStorage: 'dom' or 'webgl' forces one; unset is 'auto'. */
export const RENDERER_PREFERENCE_KEY = 'berth.terminal.renderer';

export type RendererPreference = 'auto' | 'webgl' | 'dom';

/** What `localStorage[RENDERER_PREFERENCE_KEY]` asks for (anything else is 'auto'). */
export function parseRendererPreference(raw: string | null): RendererPreference {
  return raw === 'dom' || raw === 'webgl' ? raw : 'auto';
}

/**
 * WebGL drawn by a software rasterizer (Chromium's SwiftShader without a GPU, Mesa's llvmpipe or
 * softpipe, Windows' WARP). There xterm's WebGL renderer keeps the page busy all the time: 0.6–1.4
 * MB/s of `cat` at 6–10 frames/s in headless Chromium, against 5–7 MB/s with its DOM renderer
 * (bench/README.md, "The terminal in the browser", 2026-12-07).
 */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render|warp/i;

/**
 * Pure: the renderer to use. `glRenderer` is the WebGL context's renderer name
 * (`UNMASKED_RENDERER_WEBGL`, else `RENDERER`), or null when no WebGL context could be created.
 * 'auto' takes WebGL only when the GPU draws it.
 */
export function chooseRenderer(
  preference: RendererPreference,
  glRenderer: string | null,
): 'webgl' | 'dom' {
  if (preference !== 'auto') return preference;
  if (glRenderer === null) return 'dom';
  return SOFTWARE_GL.test(glRenderer) ? 'dom' : 'webgl';
}
