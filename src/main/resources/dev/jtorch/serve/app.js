/*
 * jtorch progress page. Vanilla JavaScript plus Chart.js (served by the server from its WebJar).
 * State arrives over one server-sent event stream per page: "status" (the run's config and live state),
 * "metric" (one metrics.jsonl line, id = its line number, so a reconnect resumes where it left off),
 * "progress" (epoch/batch/throughput/ETA, live runs only) and "checkpoint" (a file in checkpoints/).
 * The DOM is built with textContent only: nothing from the server is ever parsed as HTML.
 */
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };

  var state = {
    runId: null,
    run: null,
    epochs: new Map(),      // epoch -> merged values of its "epoch" lines
    events: [],             // "event" lines, in order
    best: null,             // the latest best_epoch event
    checkpoints: new Map(), // name -> checkpoint
    lastLine: 0,
    progress: null,
    source: null,
    retryTimer: null,
    renderQueued: false
  };
  var charts = {};

  // The token only opens the page once (the server answered with a cookie): keep it out of history.
  if (/[?&]token=/.test(location.search)) {
    history.replaceState(null, '', location.pathname);
  }

  // ------------------------------------------------------------------------------------------ formatting

  function pad(n) { return n < 10 ? '0' + n : String(n); }

  function fmtTime(iso) {
    if (!iso) { return '–'; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return '–'; }
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' '
      + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function fmtDuration(s) {
    if (s === null || s === undefined || !isFinite(s) || s < 0) { return '–'; }
    s = Math.round(s);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    if (h > 0) { return h + 'h ' + pad(m) + 'm'; }
    if (m > 0) { return m + 'm ' + pad(sec) + 's'; }
    return sec + 's';
  }

  var intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

  function fmtRate(v) {
    if (v === null || v === undefined || !isFinite(v)) { return '–'; }
    return (v >= 100 ? intFmt.format(v) : v.toPrecision(3)) + ' samples/s';
  }

  function fmtNum(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) { return '–'; }
    return v.toFixed(digits === undefined ? 4 : digits);
  }

  function fmtAcc(v) {
    if (v === null || v === undefined || !isFinite(v)) { return '–'; }
    return v <= 1 ? (v * 100).toFixed(2) + '%' : v.toFixed(2);
  }

  function fmtLr(v) {
    if (v === null || v === undefined || !isFinite(v)) { return '–'; }
    return v !== 0 && Math.abs(v) < 1e-2 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
  }

  function fmtSize(b) {
    if (b === null || b === undefined) { return '–'; }
    if (b < 1024) { return b + ' B'; }
    var units = ['KB', 'MB', 'GB', 'TB'], v = b / 1024, i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return v.toFixed(v < 10 ? 1 : 0) + ' ' + units[i];
  }

  function fmtValue(v) {
    if (v === null || v === undefined) { return '–'; }
    if (typeof v === 'number') { return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))); }
    if (typeof v === 'object') { return JSON.stringify(v); }
    return String(v);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function setBar(id, fraction) {
    var f = Math.max(0, Math.min(1, fraction || 0));
    $(id).style.width = (f * 100).toFixed(2) + '%';
  }

  // ------------------------------------------------------------------------------------------ connection

  function setConn(kind, text) {
    $('conn').dataset.state = kind;
    $('conn-text').textContent = text;
  }

  function banner(text, info) {
    var b = $('banner');
    if (!text) { b.hidden = true; return; }
    b.textContent = text;
    b.className = info ? 'banner info' : 'banner';
    b.hidden = false;
  }

  function eventsUrl() { return '/api/runs/' + encodeURIComponent(state.runId) + '/events'; }

  function connect() {
    if (state.source) { state.source.close(); }
    setConn('connecting', 'Connecting…');
    var es = new EventSource(eventsUrl());
    state.source = es;
    es.addEventListener('open', function () {
      setConn('open', 'Live');
      if ($('banner').dataset.kind === 'conn') { banner(null); $('banner').dataset.kind = ''; }
    });
    es.addEventListener('error', function () {
      if (es.readyState === EventSource.CLOSED) {
        setConn('closed', 'Disconnected');
        explainClosed();
      } else {
        setConn('connecting', 'Reconnecting…');
      }
    });
    es.addEventListener('status', function (e) { onStatus(JSON.parse(e.data)); });
    es.addEventListener('metric', function (e) { onMetric(JSON.parse(e.data)); });
    es.addEventListener('progress', function (e) { onProgress(JSON.parse(e.data)); });
    es.addEventListener('checkpoint', function (e) { onCheckpoint(JSON.parse(e.data)); });
  }

  // The browser does not say why a stream was refused: ask once, show the server's message, retry later.
  function explainClosed() {
    var ctl = new AbortController();
    fetch(eventsUrl(), { signal: ctl.signal, headers: { 'Accept': 'text/event-stream' } }).then(function (r) {
      if (r.ok) { ctl.abort(); return null; }
      return r.json().catch(function () { return { error: 'HTTP ' + r.status }; });
    }).then(function (body) {
      if (body && body.error) {
        banner('Live updates paused: ' + body.error);
        $('banner').dataset.kind = 'conn';
      }
    }).catch(function () { /* server gone: the retry below says so */ });
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, 10000);
  }

  // ------------------------------------------------------------------------------------------ events

  function onStatus(run) {
    var changed = !state.run || state.run.status !== run.status;
    state.run = run;
    if (changed) { refreshRunsSoon(); }
    if (run.progress) { state.progress = run.progress; }
    renderRun();
    queueRender();
  }

  function onMetric(r) {
    if (r.line <= state.lastLine) { return; } // replayed after a fresh connect
    state.lastLine = r.line;
    if (r.type === 'epoch') {
      refreshRunsSoon();
      var prev = state.epochs.get(r.epoch) || {};
      state.epochs.set(r.epoch, Object.assign(prev, r.values || {}));
    } else if (r.type === 'event') {
      state.events.push(r);
      if (r.event === 'best_epoch') { state.best = r; }
    }
    queueRender();
  }

  function onProgress(p) {
    state.progress = p;
    queueRender();
  }

  function onCheckpoint(c) {
    state.checkpoints.set(c.name, c);
    renderCheckpoints();
  }

  function queueRender() {
    if (state.renderQueued) { return; }
    state.renderQueued = true;
    requestAnimationFrame(function () {
      state.renderQueued = false;
      renderProgress();
      renderKpis();
      renderCharts();
      renderEvents();
    });
  }

  // ------------------------------------------------------------------------------------------ rendering

  function isLive() { return !!(state.run && state.run.live && state.run.status === 'running'); }

  function lastEpoch() {
    var last = 0;
    state.epochs.forEach(function (_, e) { if (e > last) { last = e; } });
    return last;
  }

  function totalEpochs() {
    var r = state.run, p = state.progress;
    return (r && r.total_epochs) || (p && p.total_epochs) || lastEpoch() || 0;
  }

  function renderRun() {
    var r = state.run;
    document.title = (r.name || r.id) + ' · jtorch';
    $('run-name').textContent = r.name || r.id;
    var st = $('run-status');
    st.dataset.status = r.status || '';
    st.textContent = r.status === 'running' && !r.live ? 'running (elsewhere)' : (r.status || '–');
    if (r.status === 'failed') {
      banner('This run failed: ' + (r.failure || 'no reason recorded'));
      $('banner').dataset.kind = 'run';
    } else if ($('banner').dataset.kind === 'run') {
      banner(null);
    }

    var meta = $('run-meta');
    clear(meta);
    var v = r.versions || {};
    var duration = null;
    if (r.start_time && r.end_time) {
      duration = (new Date(r.end_time) - new Date(r.start_time)) / 1000;
    }
    [
      ['Run id', r.id, true],
      ['Started', fmtTime(r.start_time)],
      ['Ended', r.end_time ? fmtTime(r.end_time) + ' (' + fmtDuration(duration) + ')' : '–'],
      ['Seed', r.seed === null || r.seed === undefined ? '–' : String(r.seed), true],
      ['Device', r.device || '–', true],
      ['Epochs', r.total_epochs ? String(r.total_epochs) : '–'],
      ['Batches per epoch', r.batches_per_epoch ? String(r.batches_per_epoch) : '–'],
      ['jtorch', v.jtorch || '–', true],
      ['libtorch', v.libtorch || '–', true],
      ['Java', v.java || '–', true]
    ].forEach(function (row) {
      meta.appendChild(el('dt', null, row[0]));
      meta.appendChild(el('dd', row[2] ? 'mono' : null, row[1]));
    });

    var hp = $('hparams').tBodies[0];
    clear(hp);
    var keys = Object.keys(r.hyperparameters || {});
    keys.forEach(function (k) {
      var tr = el('tr');
      tr.appendChild(el('td', 'key', k));
      tr.appendChild(el('td', 'mono', fmtValue(r.hyperparameters[k])));
      hp.appendChild(tr);
    });
    $('hparams-empty').hidden = keys.length > 0;
    // a distributed run (rank 0 records its world size): one run for the whole job, throughput over all ranks
    var world = (r.hyperparameters || {}).world_size;
    var distributed = typeof world === 'number';
    $('stat-world-box').hidden = !distributed;
    $('stat-world').textContent = distributed ? String(world) + (world === 1 ? ' rank' : ' ranks') : '–';
    $('stat-world').dataset.world = distributed ? String(world) : '';
    $('stat-speed-k').textContent = distributed ? 'Global throughput' : 'Throughput';
    $('model-summary').textContent = r.model_summary || 'No model summary recorded.';
    highlightCurrentRun();
    loadCheckpoints();
  }

  function renderProgress() {
    if (!state.run) { return; }
    var total = totalEpochs();
    var last = lastEpoch();
    var live = isLive();
    var p = live ? state.progress : null;
    var shown = p ? Math.max(p.epoch, last) : last;
    var counter = $('epoch-counter');
    counter.textContent = shown + ' / ' + (total || '?');
    counter.dataset.epoch = String(shown);
    counter.dataset.total = String(total);
    var done = state.run.status !== 'running';
    setBar('epoch-bar', p ? p.fraction : (total ? last / total : (done ? 1 : 0)));

    if (p) {
      $('batch-counter').textContent = p.batch + ' / ' + p.total_batches;
      setBar('batch-bar', p.total_batches ? p.batch / p.total_batches : 0);
      $('stat-speed').textContent = fmtRate(p.samples_per_sec);
      $('stat-elapsed').textContent = fmtDuration(p.elapsed_seconds);
      $('stat-eta').textContent = p.eta_seconds === null ? 'estimating…' : fmtDuration(p.eta_seconds);
    } else {
      var bpe = state.run.batches_per_epoch;
      $('batch-counter').textContent = done && bpe ? bpe + ' / ' + bpe : '–';
      setBar('batch-bar', done ? 1 : 0);
      var lastValues = state.epochs.get(last) || {};
      var rate = lastValues.samples_per_sec;
      if ((rate === undefined || rate === null) && state.progress) { rate = state.progress.samples_per_sec; }
      $('stat-speed').textContent = fmtRate(rate);
      var r = state.run;
      var end = r.end_time ? new Date(r.end_time) : new Date();
      $('stat-elapsed').textContent = r.start_time ? fmtDuration((end - new Date(r.start_time)) / 1000) : '–';
      $('stat-eta').textContent = done ? (r.status === 'failed' ? 'failed' : 'done') : '–';
    }
    var b = state.best;
    if (b) {
      var d = b.details || {};
      var k = Object.keys(d).find(function (x) { return typeof d[x] === 'number'; });
      $('stat-best').textContent = 'epoch ' + b.epoch + (k ? ' (' + k + ' ' + fmtNum(d[k]) + ')' : '');
    } else {
      $('stat-best').textContent = '–';
    }
  }

  function latest(key) {
    var es = Array.from(state.epochs.keys()).sort(function (a, b) { return b - a; });
    for (var i = 0; i < es.length; i++) {
      var v = state.epochs.get(es[i])[key];
      if (v !== null && v !== undefined) { return v; }
    }
    return null;
  }

  function renderKpis() {
    $('kpi-train_loss').textContent = fmtNum(latest('train_loss') !== null ? latest('train_loss') : latest('loss'));
    $('kpi-val_loss').textContent = fmtNum(latest('val_loss'));
    $('kpi-val_acc').textContent = fmtAcc(latest('val_acc'));
    $('kpi-lr').textContent = fmtLr(latest('lr'));
  }

  // Vertical lines for the best epoch, learning-rate reductions and early stopping.
  var markerPlugin = {
    id: 'epochMarkers',
    afterDatasetsDraw: function (chart) {
      var xs = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      markers().forEach(function (m) {
        var x = xs.getPixelForValue(m.epoch);
        if (!isFinite(x) || x < area.left - 1 || x > area.right + 1) { return; }
        ctx.save();
        ctx.strokeStyle = m.color;
        ctx.lineWidth = m.width;
        ctx.setLineDash(m.dash);
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
        ctx.restore();
      });
    }
  };

  function markers() {
    var out = [];
    state.events.forEach(function (e) {
      if (e.event === 'lr_reduced') { out.push({ epoch: e.epoch, color: '#7c3aed', dash: [4, 4], width: 1.5 }); }
      if (e.event === 'early_stop') { out.push({ epoch: e.epoch, color: '#b91c1c', dash: [6, 3], width: 1.5 }); }
    });
    if (state.best) { out.push({ epoch: state.best.epoch, color: '#15803d', dash: [], width: 1.5 }); }
    return out;
  }

  function makeChart(canvasId, datasets, yOptions) {
    var grid = '#eef1f5';
    return new Chart($(canvasId), {
      type: 'line',
      data: {
        datasets: datasets.map(function (d) {
          return {
            label: d.label, data: [], borderColor: d.color, backgroundColor: d.color,
            borderWidth: 2, pointRadius: 2.5, pointHoverRadius: 4, spanGaps: true, clip: 8,
            tension: d.tension === undefined ? 0.3 : d.tension,
            cubicInterpolationMode: d.tension === 0 ? 'default' : 'monotone'
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        layout: { padding: { top: 4, right: 10 } },
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 2, padding: 14 } },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? 'Epoch ' + items[0].parsed.x : ''; }
            }
          }
        },
        scales: {
          x: {
            type: 'linear', min: 1, title: { display: true, text: 'epoch' },
            ticks: { precision: 0 }, grid: { color: grid }
          },
          y: Object.assign({ grid: { color: grid } }, yOptions || {})
        }
      },
      plugins: [markerPlugin]
    });
  }

  function initCharts() {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 12;
    Chart.defaults.color = '#6b7585';
    charts.loss = makeChart('chart-loss', [
      { key: ['train_loss', 'loss'], label: 'train', color: '#2563eb' },
      { key: ['val_loss'], label: 'validation', color: '#ea580c' }
    ]);
    charts.loss.keys = [['train_loss', 'loss'], ['val_loss']];
    charts.acc = makeChart('chart-acc', [
      { label: 'train', color: '#2563eb' },
      { label: 'validation', color: '#ea580c' }
    ]);
    charts.acc.keys = [['train_acc'], ['val_acc']];
    charts.lr = makeChart('chart-lr', [{ label: 'learning rate', color: '#7c3aed', tension: 0 }], {
      ticks: { callback: function (v) { return fmtLr(v); } }
    });
    charts.lr.keys = [['lr']];
  }

  function series(keys) {
    var es = Array.from(state.epochs.keys()).sort(function (a, b) { return a - b; });
    var out = [];
    es.forEach(function (e) {
      var vals = state.epochs.get(e);
      for (var i = 0; i < keys.length; i++) {
        var v = vals[keys[i]];
        if (v !== undefined) { out.push({ x: e, y: v === null ? NaN : v }); return; }
      }
    });
    return out;
  }

  function renderCharts() {
    if (!charts.loss) { return; }
    var total = totalEpochs();
    Object.keys(charts).forEach(function (name) {
      var c = charts[name];
      var first = 0;
      c.keys.forEach(function (keys, i) {
        var data = series(keys);
        c.data.datasets[i].data = data;
        c.data.datasets[i].hidden = data.length === 0 && i > 0;
        if (i === 0) { first = data.length; }
      });
      c.options.scales.x.max = Math.max(total, lastEpoch(), 2);
      if (name === 'lr') {
        var ys = c.data.datasets[0].data.map(function (p) { return p.y; }).filter(function (y) { return y > 0; });
        var wide = ys.length > 1 && Math.max.apply(null, ys) / Math.min.apply(null, ys) > 50;
        c.options.scales.y.type = wide ? 'logarithmic' : 'linear';
      }
      c.update('none');
      c.canvas.dataset.points = String(first);
    });
  }

  function renderEvents() {
    var list = $('event-list');
    clear(list);
    var shown = state.events.slice(-200).reverse();
    shown.forEach(function (e) {
      var li = el('li');
      var tag = el('span', 'ev-tag', e.event.replace(/_/g, ' '));
      tag.dataset.kind = e.event;
      li.appendChild(tag);
      li.appendChild(el('span', 'ev-epoch', 'epoch ' + e.epoch));
      var d = e.details || {};
      var parts = Object.keys(d).map(function (k) { return k + ' ' + fmtValue(d[k]); });
      li.appendChild(el('span', 'ev-detail', parts.join(' · ')));
      list.appendChild(li);
    });
    $('events-empty').hidden = shown.length > 0;
  }

  function loadCheckpoints() {
    if (!state.runId) { return; }
    fetch('/api/runs/' + encodeURIComponent(state.runId) + '/checkpoints').then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (body) {
      if (!body) { return; }
      state.checkpoints = new Map();
      body.checkpoints.forEach(function (c) { state.checkpoints.set(c.name, c); });
      renderCheckpoints();
    }).catch(function () { /* the event stream keeps the table current */ });
  }

  function renderCheckpoints() {
    var body = $('checkpoints').tBodies[0];
    clear(body);
    var list = Array.from(state.checkpoints.values()).sort(function (a, b) {
      return (b.modified || '').localeCompare(a.modified || '') || b.name.localeCompare(a.name);
    });
    list.forEach(function (c) {
      var tr = el('tr');
      tr.appendChild(el('td', 'mono', c.name));
      tr.appendChild(el('td', 'num', c.epoch === null || c.epoch === undefined ? '–' : String(c.epoch)));
      tr.appendChild(el('td', 'num', fmtSize(c.size)));
      tr.appendChild(el('td', null, fmtTime(c.modified)));
      var td = el('td', 'num');
      var a = el('a', 'download', 'Download');
      a.href = c.url;
      a.setAttribute('download', c.name);
      a.dataset.file = c.name;
      td.appendChild(a);
      tr.appendChild(td);
      body.appendChild(tr);
    });
    $('checkpoints').hidden = list.length === 0;
    $('checkpoints-empty').hidden = list.length > 0;
    $('checkpoint-count').textContent = list.length ? list.length + (list.length === 1 ? ' file' : ' files') : '';
  }

  // ------------------------------------------------------------------------------------------ run list

  function loadRuns() {
    return fetch('/api/runs').then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (body) {
      renderRunList(body.runs);
      return body.runs;
    });
  }

  // The run list follows the current run's epochs, at most every two seconds.
  var runsTimer = null;
  function refreshRunsSoon() {
    if (runsTimer) { return; }
    runsTimer = setTimeout(function () {
      runsTimer = null;
      loadRuns().catch(function () { /* next time */ });
    }, 2000);
  }

  function renderRunList(runs) {
    var list = $('run-list');
    clear(list);
    runs.forEach(function (r) {
      var li = el('li');
      var a = el('a');
      a.href = '/runs/' + encodeURIComponent(r.id);
      a.dataset.run = r.id;
      var name = el('div', 'rl-name');
      var dot = el('span', 'sdot');
      dot.dataset.status = r.status;
      name.appendChild(dot);
      name.appendChild(el('span', null, r.name));
      a.appendChild(name);
      var epochs = (r.last_epoch || 0) + ' / ' + (r.total_epochs || '?') + ' epochs';
      a.appendChild(el('div', 'rl-meta', fmtTime(r.start_time) + ' · ' + epochs + (r.live ? ' · live' : '')));
      li.appendChild(a);
      list.appendChild(li);
    });
    $('run-list-empty').hidden = runs.length > 0;
    highlightCurrentRun();
  }

  function highlightCurrentRun() {
    Array.from(document.querySelectorAll('#run-list a')).forEach(function (a) {
      a.classList.toggle('current', a.dataset.run === state.runId);
    });
  }

  // ------------------------------------------------------------------------------------------ start

  function choose(runs) {
    var live = runs.find(function (r) { return r.live; });
    return live ? live.id : (runs.length ? runs[0].id : null);
  }

  function waitForRun() {
    loadRuns().then(function (runs) {
      var id = choose(runs);
      if (!id) {
        $('run-name').textContent = 'No runs yet';
        banner('Waiting for a training run to start…', true);
        setTimeout(waitForRun, 3000);
        return;
      }
      banner(null);
      state.runId = id;
      history.replaceState(null, '', '/runs/' + encodeURIComponent(id));
      highlightCurrentRun();
      connect();
    }).catch(function () { setTimeout(waitForRun, 3000); });
  }

  function start() {
    initCharts();
    var m = location.pathname.match(/^\/runs\/([^/]+)\/?$/);
    if (m) {
      state.runId = decodeURIComponent(m[1]);
      connect();
      loadRuns().catch(function () { /* retried below */ });
    } else {
      waitForRun();
    }
    setInterval(function () { loadRuns().catch(function () { /* next time */ }); }, 10000);
  }

  start();
}());
