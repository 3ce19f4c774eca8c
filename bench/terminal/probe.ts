// The in-page half of the terminal benchmark, as browser JavaScript (bench/ has no DOM types).
// Installed with `page.addInitScript` before the app loads. It timestamps, with performance.now()
// in the page:
//  - keydown (capture phase on window: the moment the key event is dispatched),
//  - the first binary WebSocket frame the page sends after it (terminal.input to the web),
//  - the first binary frame the page receives after that (terminal.data: the PTY's echo),
//  - the next animation frame after that arrival (xterm renders — DOM or WebGL — in an rAF),
//  - with the DOM renderer, the moment `.xterm-rows` text changes (MutationObserver).
// For throughput it counts received binary bytes, spots an end marker in the stream, and records
// long tasks (PerformanceObserver 'longtask'), the gaps between animation frames and — for Shift
// presses during the flood — the input delay and the time to the next animation frame.
export const TERMINAL_PROBE = String.raw`(() => {
  const st = {
    echo: null, echoes: [], armedEnter: false,
    flood: null,
  };
  window.__bt = st;
  const rowsEl = () => {
    const r = document.querySelector('[data-testid="terminal"] .xterm-rows');
    return r && r.childElementCount > 0 ? r : null;
  };
  const rowsText = () => { const r = rowsEl(); return r ? r.textContent : null; };
  const finishEcho = () => {
    const e = st.echo;
    if (!e || e.keydown === null || e.recv === null || e.frame === null) return;
    if (e.dom && e.screen === null) return;
    st.echoes.push({ keydown: e.keydown, send: e.send, recv: e.recv, frame: e.frame, screen: e.screen });
    st.echo = null;
  };
  st.armEcho = () => {
    const text = rowsText();
    st.echo = { keydown: null, send: null, recv: null, frame: null, screen: null,
      dom: text !== null, before: text };
  };
  new MutationObserver(() => {
    const e = st.echo;
    const now = performance.now();
    if (e && e.dom && e.keydown !== null && e.screen === null && rowsText() !== e.before) {
      e.screen = now;
      finishEcho();
    }
    const f = st.flood;
    if (f && f.domDone === null && f.wireDone !== null && (rowsText() || '').includes(f.marker)) {
      f.domDone = now;
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  window.addEventListener('keydown', (ev) => {
    const now = performance.now();
    if (st.echo && st.echo.keydown === null) st.echo.keydown = now;
    const f = st.flood;
    if (f && f.start === null && st.armedEnter) f.start = now;
    else if (f && f.start !== null && f.wireDone === null && ev.key === 'Shift') {
      // Responsiveness during the flood: a key the terminal ignores, from the event's creation
      // (ev.timeStamp) to this handler (input delay) and to the next animation frame.
      const input = { delay: now - ev.timeStamp, frame: null };
      f.inputs.push(input);
      requestAnimationFrame(() => { input.frame = performance.now() - ev.timeStamp; });
    }
  }, true);

  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  class ProbedWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        if (typeof ev.data === 'string' || !(ev.data instanceof ArrayBuffer)) return;
        const now = performance.now();
        const e = st.echo;
        if (e && e.send !== null && e.recv === null) {
          e.recv = now;
          requestAnimationFrame(() => { e.frame = performance.now(); finishEcho(); });
        }
        const f = st.flood;
        if (f && f.start !== null && f.wireDone === null) {
          f.bytes += ev.data.byteLength;
          f.frames += 1;
          const tailBytes = new Uint8Array(ev.data, Math.max(0, ev.data.byteLength - 256));
          f.tail = (f.tail + decoder.decode(tailBytes)).slice(-512);
          if (f.tail.includes(f.marker)) {
            f.wireDone = now;
            requestAnimationFrame(() => { f.frameDone = performance.now(); });
            if (!rowsEl()) f.domDone = -1;
            else if ((rowsText() || '').includes(f.marker)) f.domDone = now;
          }
        }
      });
    }
    send(data) {
      if (typeof data !== 'string' && st.echo && st.echo.keydown !== null && st.echo.send === null) {
        st.echo.send = performance.now();
      }
      return super.send(data);
    }
  }
  window.WebSocket = ProbedWebSocket;

  st.startFlood = (marker) => {
    const f = { marker, start: null, wireDone: null, frameDone: null, domDone: null,
      bytes: 0, frames: 0, tail: '', longTasks: [], maxFrameGap: 0, frameCount: 0,
      frameGaps: [], inputs: [] };
    st.flood = f;
    st.armedEnter = true;
    let last = null;
    const loop = (t) => {
      if (last !== null && f.start !== null) {
        f.maxFrameGap = Math.max(f.maxFrameGap, t - last);
        f.frameGaps.push(t - last);
      }
      if (f.start !== null) f.frameCount += 1;
      last = t;
      if (f.frameDone === null) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    f.observer = new PerformanceObserver((list) => {
      for (const en of list.getEntries()) {
        if (f.start !== null && en.startTime >= f.start && f.frameDone === null) {
          f.longTasks.push({ start: en.startTime, duration: en.duration });
        }
      }
    });
    f.observer.observe({ type: 'longtask' });
  };
  st.floodResult = () => {
    const f = st.flood;
    if (!f || f.frameDone === null || f.domDone === null) return null;
    f.observer.disconnect();
    return { start: f.start, wireDone: f.wireDone, frameDone: f.frameDone,
      domDone: f.domDone < 0 ? null : f.domDone, bytes: f.bytes, frames: f.frames,
      longTasks: f.longTasks, maxFrameGap: f.maxFrameGap, frameCount: f.frameCount,
      frameGaps: f.frameGaps,
      inputs: f.inputs.filter((i) => i.frame !== null) };
  };
  st.renderer = () => {
    const t = document.querySelector('[data-testid="terminal"]');
    if (!t) return 'none';
    return rowsEl() ? 'dom' : (t.querySelector('canvas') ? 'webgl' : 'unknown');
  };
})();`;
