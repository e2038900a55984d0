/* peer-page.js — ../../../shared/bench/SCENARIO.md for Lightweight Charts, in the page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * run-peer.mjs opens peer.html and calls window.bourseRunScenario ({ csv, minBarSpacing,
 * conflation }); it resolves to the scenario's JSON fields (the driver adds rss).
 *
 * How a frame is timed ("until painted"): Lightweight Charts does not draw when an API
 * call changes the view; it invalidates and draws in its own requestAnimationFrame
 * callback. Waiting for that frame costs idle time up to one vsync interval (16.7 ms),
 * which is not work and which the cairo benchmark does not pay. So requestAnimationFrame
 * is wrapped before the library runs (see the bottom of this file) and a frame's time
 * is the CPU-busy sum of
 *   1. the API call (setVisibleLogicalRange, or createChart + setData for the load),
 *   2. every library requestAnimationFrame callback that runs before ours (its paint),
 *   3. a read-back of one pixel of every canvas of the chart (getImageData), which makes
 *      Chromium rasterise the recorded 2D canvas commands now: the analogue of
 *      cairo_surface_flush. Our callback is registered after the library's, so within
 *      the same animation frame it runs after the library painted.
 * The wall time from the API call to the end of 3, idle vsync wait included, is also
 * reported (frame_wall_*), because that is what a naive "two rAFs" timer measures.
 * Compositing the canvases onto the screen happens in Chromium's compositor afterwards
 * and is not counted (cairo's side has no compositor either).
 */
'use strict';

(function () {
  const nativeRaf = window.requestAnimationFrame.bind (window);
  const state = { busy: 0, libraryFrames: 0 };

  /* The library's requestAnimationFrame: its callbacks are timed into state.busy. */
  window.requestAnimationFrame = function (callback) {
    return nativeRaf (function (timestamp) {
      const t0 = performance.now ();
      try {
        callback (timestamp);
      } finally {
        state.busy += performance.now () - t0;
        state.libraryFrames++;
      }
    });
  };

  function median (values) {
    const s = Float64Array.from (values).sort ();
    const pos = 0.5 * (s.length - 1), lo = Math.floor (pos), hi = Math.ceil (pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  }

  function percentile (values, p) {
    const s = Float64Array.from (values).sort ();
    const pos = p * (s.length - 1), lo = Math.floor (pos), hi = Math.ceil (pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  }

  function round3 (x) {
    return Math.round (x * 1000) / 1000;
  }

  /* Fetch and parse the CSV into the two series' data arrays, streaming (a 10M-bar CSV
   * is larger than V8's maximum string length). */
  async function loadCsv (url) {
    const response = await fetch (url);
    if (!response.ok)
      throw new Error (`cannot fetch ${url}: HTTP ${response.status}`);
    const reader = response.body.getReader ();
    const decoder = new TextDecoder ();
    const candles = [], volumes = [];
    let rest = '', header = true, lineNo = 0;

    function parseLine (line) {
      lineNo++;
      if (header) {
        if (line.trim () !== 'time,open,high,low,close,volume')
          throw new Error (`${url}: line 1 is not the header time,open,high,low,close,volume`);
        header = false;
        return;
      }
      if (line.length === 0)
        return;
      const f = line.split (',');
      if (f.length !== 6)
        throw new Error (`${url}:${lineNo}: expected 6 fields, found ${f.length}`);
      const time = +f[0], open = +f[1], high = +f[2], low = +f[3], close = +f[4], volume = +f[5];
      if (!Number.isFinite (time + open + high + low + close + volume))
        throw new Error (`${url}:${lineNo}: not a number`);
      candles.push ({ time, open, high, low, close });
      volumes.push ({ time, value: volume, color: close >= open ? 'rgba(38,166,154,0.5)' : 'rgba(239,83,80,0.5)' });
    }

    for (;;) {
      const { done, value } = await reader.read ();
      const text = rest + (done ? decoder.decode () : decoder.decode (value, { stream: true }));
      let start = 0, nl;
      while ((nl = text.indexOf ('\n', start)) >= 0) {
        parseLine (text.substring (start, nl));
        start = nl + 1;
      }
      rest = text.substring (start);
      if (done)
        break;
    }
    if (rest.length > 0)
      parseLine (rest);
    return { candles, volumes };
  }

  function waitLibraryFrame () {
    return new Promise ((resolve) => nativeRaf (resolve));
  }

  /* Step 3 of the comment at the top: rasterise every canvas now. */
  function flushCanvases (container) {
    for (const canvas of container.querySelectorAll ('canvas')) {
      if (canvas.width === 0 || canvas.height === 0)
        continue;
      canvas.getContext ('2d').getImageData (0, 0, 1, 1);
    }
  }

  /* Runs `change` (synchronous API calls), waits for the library's paint, flushes.
   * Returns [busy ms, wall ms, library frames run]. */
  async function timedFrame (container, change) {
    state.busy = 0;
    state.libraryFrames = 0;
    const t0 = performance.now ();
    change ();
    const t1 = performance.now ();
    await waitLibraryFrame ();
    const t2 = performance.now ();
    flushCanvases (container);
    const t3 = performance.now ();
    return [(t1 - t0) + state.busy + (t3 - t2), t3 - t0, state.libraryFrames];
  }

  window.bourseRunScenario = async function (params) {
    const LWC = window.LightweightCharts;
    const container = document.getElementById ('chart');
    const N_ZOOM = 100, N_PAN = 100, PAN_WINDOW = 1000;

    /* Phases go to the console, so that the driver can say where a crashed page was. */
    console.info ('bourse-phase: parse');
    let t0 = performance.now ();
    const { candles, volumes } = await loadCsv (params.csv);
    const parseMs = performance.now () - t0;
    const n = candles.length;
    if (n < PAN_WINDOW)
      throw new Error (`the scenario needs at least ${PAN_WINDOW} bars, ${params.csv} has ${n}`);

    const timeScale = { timeVisible: true, secondsVisible: false };
    if (params.minBarSpacing !== null)
      timeScale.minBarSpacing = params.minBarSpacing;
    if (params.conflation)
      timeScale.enableConflation = true;

    let chart = null, candleSeries = null;
    console.info ('bourse-phase: load');
    const [loadMs, loadWallMs] = await timedFrame (container, () => {
      chart = LWC.createChart (container, {
        width: 1200,
        height: 700,
        autoSize: false,
        layout: { background: { type: LWC.ColorType.Solid, color: '#131722' }, textColor: '#d1d4dc',
                  attributionLogo: false },
        grid: { vertLines: { color: '#2a2e39' }, horzLines: { color: '#2a2e39' } },
        crosshair: { mode: LWC.CrosshairMode.Hidden },
        rightPriceScale: { visible: true, scaleMargins: { top: 0.05, bottom: 0.2 } },
        timeScale,
        handleScroll: false,
        handleScale: false,
      });
      candleSeries = chart.addSeries (LWC.CandlestickSeries, {
        upColor: '#26a69a', downColor: '#ef5350', borderVisible: false,
        wickUpColor: '#26a69a', wickDownColor: '#ef5350', priceScaleId: 'right',
      });
      const volumeSeries = chart.addSeries (LWC.HistogramSeries, {
        priceFormat: { type: 'volume' }, priceScaleId: '', lastValueVisible: false, priceLineVisible: false,
      });
      volumeSeries.priceScale ().applyOptions ({ scaleMargins: { top: 0.8, bottom: 0 } });
      candleSeries.setData (candles);
      volumeSeries.setData (volumes);
    });

    const ts = chart.timeScale ();
    console.info ('bourse-phase: zoom');
    const zoom = [], zoomWall = [], pan = [], panWall = [];
    let lastRange = null, lastCount = 0;
    for (let k = 0; k < N_ZOOM; k++) {
      const count = Math.min (Math.max (Math.round (100 * Math.pow (n / 100, k / (N_ZOOM - 1))), 1), n);
      const [busy, wall] = await timedFrame (container, () => {
        ts.setVisibleLogicalRange ({ from: n - count, to: n - 1 });
      });
      zoom.push (busy);
      zoomWall.push (wall);
      lastCount = count;
      lastRange = ts.getVisibleLogicalRange ();
    }
    /* Did the last zoom frame really show all N bars? Logical indexes 0 … n-1 in view. */
    const shownBars = Math.min (n - 1, Math.floor (lastRange.to)) - Math.max (0, Math.ceil (lastRange.from)) + 1;
    const allBars = lastRange.from <= 0.5 && lastRange.to >= n - 1.5;

    /* The driver's hook (exposed only with --png): screenshot of the all-bars frame. */
    if (typeof window.bourseAtAllBars === 'function')
      await window.bourseAtAllBars ();

    console.info ('bourse-phase: pan');
    for (let k = 0; k < N_PAN; k++) {
      const first = Math.floor ((n - PAN_WINDOW) * k / (N_PAN - 1));
      const [busy, wall] = await timedFrame (container, () => {
        ts.setVisibleLogicalRange ({ from: first, to: first + PAN_WINDOW - 1 });
      });
      pan.push (busy);
      panWall.push (wall);
    }

    const all = zoom.concat (pan), allWall = zoomWall.concat (panWall);
    return {
      bars: n,
      width: 1200,
      height: 700,
      parse_ms: round3 (parseMs),
      load_ms: round3 (loadMs),
      frame_median_ms: round3 (median (all)),
      frame_p95_ms: round3 (percentile (all, 0.95)),
      frame_max_ms: round3 (Math.max (...all)),
      zoom_median_ms: round3 (median (zoom)),
      pan_median_ms: round3 (median (pan)),
      load_wall_ms: round3 (loadWallMs),
      frame_wall_median_ms: round3 (median (allWall)),
      zoom_wall_median_ms: round3 (median (zoomWall)),
      pan_wall_median_ms: round3 (median (panWall)),
      last_zoom_requested_bars: lastCount,
      last_zoom_shown_bars: shownBars,
      all_bars_shown: allBars,
      last_zoom_range: [round3 (lastRange.from), round3 (lastRange.to)],
      js_heap_mb: performance.memory ? round3 (performance.memory.usedJSHeapSize / 1048576) : null,
      device_pixel_ratio: window.devicePixelRatio,
      cross_origin_isolated: window.crossOriginIsolated,
    };
  };
}) ();
