// In-page half of the containers-list benchmark (browser JavaScript; bench/ has no DOM types).
// Records, with performance.now() (0 = navigation start): when the first container row appears,
// the first `input` event on the name filter and when the rows all match it; long tasks (all of
// them, buffered from navigation start); the largest gap between animation frames in a window;
// and how many stats.summary / inventory messages reached the page's sockets.
export const LIST_PROBE = String.raw`(() => {
  const st = { firstRow: null, filter: null, longTasks: [], frameGap: null, summaries: 0, inventories: 0 };
  window.__ui = st;
  const rows = () => Array.from(document.querySelectorAll('[data-testid="container-row"]'));
  new MutationObserver(() => {
    const now = performance.now();
    if (st.firstRow === null && rows().length > 0) st.firstRow = now;
    const f = st.filter;
    if (f && f.input !== null && f.done === null) {
      const r = rows();
      if (r.length > 0 && r.length <= f.maxRows && r.every((el) => (el.textContent || '').includes(f.text))) f.done = now;
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  window.addEventListener('input', () => {
    if (st.filter && st.filter.input === null) st.filter.input = performance.now();
  }, true);
  st.armFilter = (text, maxRows) => { st.filter = { text, maxRows, input: null, done: null }; };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) st.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  st.startFrames = () => {
    const g = { max: 0, frames: 0, start: performance.now(), running: true };
    st.frameGap = g;
    let last = null;
    const loop = (t) => {
      if (last !== null) g.max = Math.max(g.max, t - last);
      last = t; g.frames += 1;
      if (g.running) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
  st.stopFrames = () => { const g = st.frameGap; g.running = false;
    return { maxGap: g.max, fps: g.frames / ((performance.now() - g.start) / 1000) }; };
  const Native = window.WebSocket;
  class Probed extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (ev) => {
        if (typeof ev.data !== 'string') return;
        if (ev.data.includes('"stats.summary"')) st.summaries += 1;
        if (ev.data.includes('"container.')) st.inventories += 1;
      });
    }
  }
  window.WebSocket = Probed;
  st.scroller = () => {
    const row = rows()[0];
    let el = row ? row.parentElement : null;
    while (el && el !== document.body) {
      const s = getComputedStyle(el);
      if ((s.overflowY === 'auto' || s.overflowY === 'scroll') && el.scrollHeight > el.clientHeight) return el;
      el = el.parentElement;
    }
    return document.scrollingElement;
  };
  st.scrollState = () => { const el = st.scroller();
    return { top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight,
      atBottom: el.scrollTop + el.clientHeight >= el.scrollHeight - 2,
      lastRow: (rows().at(-1)?.querySelector('[data-testid="container-name"]')?.textContent) || (rows().at(-1)?.textContent || '').slice(0, 40),
      renderedRows: rows().length }; };
})();`;
