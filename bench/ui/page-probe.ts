// What bench/ui runs inside the page, installed before the app's own script.
//
// Frame time is the interval between consecutive requestAnimationFrame callbacks. That interval
// holds everything that kept a frame from the screen, whichever task did it (the WebSocket
// handler, React's render and commit, style, layout, paint, garbage collection), and it gives
// every frame, so a percentile is a percentile of all frames. Long-animation-frame entries
// (PerformanceObserver 'long-animation-frame') would attribute the time to scripts, but Chromium
// reports only frames over 50 ms, so on a page that is mostly smooth they cannot give a 95th
// percentile at all. rAF intervals are quantised to the display's refresh: a frame that makes
// its vsync at 60 Hz reads 16.7 ms, which is why the same page's idle frames are measured too.
//
// The filter's time to first paint runs from the `input` event's timestamp (set by the browser
// when the typed text arrived) to the first frame painted with the filtered rows in it: once a
// DOM mutation shows them, the next animation frame paints them, and a message posted from that
// frame's callback runs right after its paint.
//
// It is a string rather than functions handed to page.evaluate: the bench runs under tsx, whose
// transform may wrap functions in helpers that do not exist inside the page.
export const PAGE_PROBE = String.raw`
(() => {
  const stamps = [];
  let recording = false;
  const loop = (t) => {
    if (recording) stamps.push(t);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);

  let lastInput = 0;
  document.addEventListener('input', (event) => { lastInput = event.timeStamp; }, true);

  const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));

  window.__bench = {
    startFrames() { stamps.length = 0; recording = true; },
    stopFrames() {
      recording = false;
      const deltas = [];
      for (let i = 1; i < stamps.length; i++) deltas.push(stamps[i] - stamps[i - 1]);
      return deltas;
    },
    /**
     * Arms a watch for the list showing the rows of the query (armed before the typing, so a fast
     * render cannot slip past it); filterPainted() then gives ms from the last input event to their paint.
     */
    armFilter(countText, query, timeoutMs) {
      this.pending = this.watchFilter(countText, query, timeoutMs);
      this.pending.catch(() => {});
    },
    filterPainted() { return this.pending; },
    watchFilter(countText, query, timeoutMs) {
      const shown = () => {
        const count = document.querySelector('[data-testid="list-count"]');
        if (!count || !count.textContent.includes(countText)) return false;
        const rows = document.querySelectorAll('[data-testid="container-row"]');
        if (query === '') return true;
        if (rows.length === 0) return false;
        for (const row of rows) if (!row.textContent.toLowerCase().includes(query)) return false;
        return true;
      };
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error('the list did not show "' + countText + '" within ' + timeoutMs + ' ms')); }, timeoutMs);
        const done = () => {
          observer.disconnect();
          clearTimeout(timer);
          const input = lastInput;
          const shownAt = performance.now();
          afterNextPaint().then((painted) => {
            // Where the time went: until the rows were in the DOM, and from there to their paint.
            window.__bench.lastFilter = { toDom: shownAt - input, toPaint: painted - shownAt };
            resolve(painted - input);
          });
        };
        const observer = new MutationObserver(() => { if (shown()) done(); });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        if (shown()) done();
      });
    },
  };
})();
`;
