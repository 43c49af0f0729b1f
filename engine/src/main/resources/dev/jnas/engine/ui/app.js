// The jnas experiment page: polls the REST API under /api/v1/ and redraws.
const state = { sortKey: 'id', sortUp: true, trials: [], allChart: null, trialChart: null, graphFor: null, shown: null,
  hyperparameters: [], metricKey: 'default', chartMetric: null, weightCharts: [], weightsFor: null };

function fmtSample(s) { return Object.entries(s).map(([k, v]) => k + '=' + JSON.stringify(v)).join(', '); }
// Every reported metric but the one that ranks.
function others(m) { return Object.entries(m || {}).filter(([k]) => k !== state.metricKey).map(([k, v]) => k + ' ' + fmtMetric(v)).join(', '); }
function fmtMs(ms) { return ms == null ? '' : (ms / 1000).toFixed(1) + ' s'; }
function fmtMetric(m) { return m == null ? '' : m.toFixed(4); }
// A one-shot strategy's supernet trial: its sample names the method, not an architecture, and its
// metric is the one-shot estimate, not a trained architecture's result.
function isSupernet(t) { return t.sample != null && 'one-shot' in t.sample; }
// A running trial's progress inside (batches done of all), as a percentage.
function fmtProgress(t) { return t.state === 'RUNNING' && t.progress ? ' · ' + Math.floor(100 * t.progress.done / t.progress.total) + '%' : ''; }

async function api(path) {
  const response = await fetch('/api/v1/' + path, { cache: 'no-store' });
  return response.json();
}

function showTab(name) {
  document.querySelectorAll('section').forEach(s => s.classList.toggle('active', s.id === name));
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.tab === name));
}

function route() {
  const hash = location.hash.replace('#', '') || 'overview';
  if (hash.startsWith('trial/')) {
    showTab('trial-detail');
    showTrial(parseInt(hash.split('/')[1], 10));
  } else {
    state.shown = null;
    showTab(hash);
  }
}

async function refresh() {
  const e = await api('experiment');
  state.hyperparameters = e.hyperparameters;
  state.controls = e.controls && e.status === 'RUNNING';
  state.metricKey = e.metricKey;
  document.getElementById('name').textContent = 'jnas · ' + e.name;
  document.getElementById('status').textContent = e.status + (e.stopReason ? ': ' + e.stopReason : '');
  document.getElementById('elapsed').textContent = fmtMs(e.elapsedMs);
  document.getElementById('counts').textContent = Object.entries(e.states).map(([k, v]) => k.toLowerCase() + ' ' + v).join(', ');
  document.getElementById('cards').innerHTML =
    Object.entries(e.states).map(([k, v]) => `<div class="card"><span>${k.toLowerCase()}</span><b>${v}</b></div>`).join('') +
    `<div class="card"><span>best (${e.optimizeMode.toLowerCase()})</span><b id="best-metric">${e.best ? fmtMetric(e.best.metric) : '-'}</b></div>`;
  document.getElementById('best').textContent = e.best ? 'trial ' + e.best.trial + ': ' + JSON.stringify(e.best.sample) : 'no trial has succeeded yet';
  const c = e.config;
  document.getElementById('config').textContent = `${c.strategy || 'strategy'} · ${c.executionEngine} engine · ${c.trainingService} service · ` +
    `${c.trialConcurrency} at a time · seed ${c.seed} · ${e.finished} of ${c.maxTrialNumber} trials done` +
    (c.maxExperimentDurationMs ? ` · at most ${fmtMs(c.maxExperimentDurationMs)}` : '');
  document.getElementById('progress-bar').style.width = Math.min(100, 100 * e.finished / c.maxTrialNumber) + '%';
  document.getElementById('times').textContent = (e.startedAt ? 'started ' + new Date(e.startedAt).toLocaleString() : '') +
    (e.endedAt ? ' · ended ' + new Date(e.endedAt).toLocaleString() : '');
  document.querySelector('#top-table tbody').innerHTML = e.top.map(t =>
    `<tr class="trial" data-id="${t.trial}"><td><a href="#trial/${t.trial}">${t.trial}</a></td><td>${fmtMetric(t.metric)}</td><td>${fmtSample(t.sample)}</td></tr>`).join('');
  document.getElementById('space-text').textContent = e.searchSpace;
  document.getElementById('rejections').textContent = e.rejections.length ? e.rejections.join('\n') : 'none';
  document.getElementById('stop-box').style.display = e.controls && e.status === 'RUNNING' ? 'block' : 'none';

  state.trials = await api('trials');
  state.optimizeMode = e.optimizeMode;
  state.choices = e.choices;
  state.best = e.best;
  drawTable();
  drawAllChart();
  drawOverviewCharts();
  drawParallel();
  drawCompare();
  if (state.shown != null) {
    showTrial(state.shown);
  }
}

// Keeps the trials whose state, sample or metrics mention every word of the filter.
function matches(t) {
  const words = document.getElementById('filter').value.trim().toLowerCase().split(/\s+/).filter(w => w);
  const text = (t.id + ' ' + t.state + ' ' + fmtSample(t.sample) + ' ' + others(t.metrics)).toLowerCase();
  return words.every(w => text.includes(w));
}

// The trials table's header: fixed columns, then one per choice of the space and per hyperparameter.
function drawHeader() {
  const labels = (state.choices || []).map(c => c.label);
  const key = labels.join('\u0000');
  if (state.headerFor === key) {
    return;
  }
  state.headerFor = key;
  const fixed = [['id', 'Trial'], ['state', 'State'], ['metric', state.metricKey === 'default' ? 'Metric' : state.metricKey],
    [null, 'Other metrics'], ['durationMs', 'Duration']];
  const heads = fixed.map(([k, name]) => k ? `<th data-key="${k}">${name}</th>` : `<th>${name}</th>`)
    .concat(labels.map(l => `<th data-key="sample:${l}" class="${state.hyperparameters.includes(l) ? 'hyper' : 'choice'}">${l}</th>`));
  document.querySelector('#trials-table thead').innerHTML = '<tr>' + heads.join('') + '</tr>';
  document.querySelectorAll('#trials-table th[data-key]').forEach(th => th.onclick = () => {
    state.sortUp = state.sortKey === th.dataset.key ? !state.sortUp : true;
    state.sortKey = th.dataset.key;
    drawTable();
  });
}

// A trial's value in a column: a field of the trial, or (sample:label) one of its decisions.
function cell(t, key) {
  return key.startsWith('sample:') ? t.sample[key.substring(7)] : t[key];
}

function drawTable() {
  drawHeader();
  const labels = (state.choices || []).map(c => c.label);
  const rows = state.trials.filter(matches).sort((a, b) => {
    const x = cell(a, state.sortKey), y = cell(b, state.sortKey);
    const order = x == null ? 1 : y == null ? -1 : x < y ? -1 : x > y ? 1 : 0;
    return state.sortUp ? order : -order;
  });
  document.querySelector('#trials-table tbody').innerHTML = rows.map(t =>
    `<tr class="trial" data-id="${t.id}"><td><a href="#trial/${t.id}">${t.id}</a>${isSupernet(t) ? ' · supernet (' + t.sample['one-shot'] + ')' : ''}</td><td class="${t.state}" title="${t.waiting || t.failure || ''}">${t.state}${fmtProgress(t)}${t.waiting ? ' · ' + t.waiting : ''}` +
    (t.state === 'RUNNING' && state.controls ? `<button class="stop-trial" data-id="${t.id}">stop</button>` : '') + `</td>` +
    `<td>${fmtMetric(t.metric)}</td><td>${others(t.metrics)}</td><td>${fmtMs(t.durationMs)}</td>` +
    labels.map(l => `<td>${t.sample[l] === undefined ? '' : JSON.stringify(t.sample[l])}</td>`).join('') + `</tr>`).join('');
  document.querySelectorAll('tr.trial').forEach(r => r.onclick = () => { location.hash = 'trial/' + r.dataset.id; });
  document.querySelectorAll('button.stop-trial').forEach(b => b.onclick = async ev => {
    ev.stopPropagation();
    const response = await fetch('/api/v1/trials/' + b.dataset.id + '/stop',
      { method: 'POST', headers: { 'X-Jnas-Token': document.getElementById('token').value } });
    b.textContent = response.ok ? 'stopping' : (await response.json()).error;
  });
}

// The overview's charts: each successful trial's metric with the best so far, and each trial's duration.
function drawOverviewCharts() {
  const done = state.trials.filter(t => t.metric != null && t.state === 'SUCCEEDED' && !isSupernet(t));
  const estimates = state.trials.filter(t => t.metric != null && t.state === 'SUCCEEDED' && isSupernet(t));
  let best = null;
  const bestSoFar = done.map(t => {
    best = best == null ? t.metric : (state.optimizeMode === 'MINIMIZE' ? Math.min(best, t.metric) : Math.max(best, t.metric));
    return { x: t.id, y: best };
  });
  const metricData = { datasets: [
    { type: 'scatter', label: state.metricKey, data: done.map(t => ({ x: t.id, y: t.metric })) },
    { type: 'line', label: 'best so far', data: bestSoFar, stepped: true, pointRadius: 0 },
  ].concat(estimates.length ? [{ type: 'scatter', label: 'one-shot estimate', pointStyle: 'triangle', pointRadius: 6,
    data: estimates.map(t => ({ x: t.id, y: t.metric })) }] : []) };
  const durationData = { datasets: [{ type: 'bar', label: 'seconds',
    data: state.trials.filter(t => t.durationMs != null).map(t => ({ x: t.id, y: t.durationMs / 1000 })) }] };
  state.metricChart = upsert(state.metricChart, 'metric-chart', metricData, 'trial', state.metricKey);
  state.durationChart = upsert(state.durationChart, 'duration-chart', durationData, 'trial', 'seconds');
}

// Parallel coordinates: an axis per choice (its candidates spread from 0 to 1) and one for the metric.
function drawParallel() {
  const done = state.trials.filter(t => t.state === 'SUCCEEDED' && t.metric != null && !isSupernet(t));
  const axes = state.choices.map(c => c.label);
  const metrics = done.map(t => t.metric);
  const lo = Math.min(...metrics), hi = Math.max(...metrics);
  const position = (c, v) => {
    const i = c.candidates.findIndex(x => JSON.stringify(x) === JSON.stringify(v));
    return c.candidates.length > 1 ? i / (c.candidates.length - 1) : 0.5;
  };
  const datasets = done.map(t => {
    const quality = hi > lo ? (t.metric - lo) / (hi - lo) : 1;
    const good = state.optimizeMode === 'MINIMIZE' ? 1 - quality : quality;
    return {
      label: 'trial ' + t.id,
      data: state.choices.map(c => position(c, t.sample[c.label])).concat([hi > lo ? (t.metric - lo) / (hi - lo) : 0.5]),
      borderColor: `hsl(${Math.round(120 * good)}, 70%, 40%)`, backgroundColor: 'transparent', pointRadius: 2,
    };
  });
  const data = { labels: axes.concat([state.metricKey]), datasets };
  if (state.parallelChart) {
    state.parallelChart.data = data;
    state.parallelChart.update('none');
  } else {
    state.parallelChart = new Chart(document.getElementById('parallel-chart'), { type: 'line', data,
      options: { animation: false, plugins: { legend: { display: false } },
        scales: { x: { title: { display: true, text: 'choice' } }, y: { min: 0, max: 1, title: { display: true, text: 'candidate (0 = first) / metric (0 = worst seen)' } } } } });
  }
}

// Two trials side by side: every choice and metric, the differing rows marked, and both curves.
function drawCompare() {
  const pickers = ['compare-a', 'compare-b'].map(id => document.getElementById(id));
  const ids = state.trials.map(t => String(t.id));
  // Until the user picks, compare the first trial with the best (or the second).
  const best = state.best ? String(state.best.trial) : null;
  const defaults = [ids[0], best && best !== ids[0] ? best : ids[1]];
  pickers.forEach((p, i) => {
    if (p.options.length !== ids.length) {
      const keep = p.value;
      p.innerHTML = ids.map(id => `<option value="${id}">${id}</option>`).join('');
      p.value = state.compareTouched && ids.includes(keep) ? keep : (defaults[i] || ids[0] || '');
    } else if (!state.compareTouched && defaults[i] && p.value !== defaults[i]) {
      p.value = defaults[i];
    }
  });
  const [a, b] = pickers.map(p => state.trials.find(t => String(t.id) === p.value));
  if (!a || !b) {
    return;
  }
  document.getElementById('compare-a-head').textContent = 'trial ' + a.id;
  document.getElementById('compare-b-head').textContent = 'trial ' + b.id;
  const keys = [...new Set(Object.keys(a.sample).concat(Object.keys(b.sample)))];
  const metricKeys = [...new Set(Object.keys(a.metrics || {}).concat(Object.keys(b.metrics || {})))];
  const row = (k, x, y) => `<tr class="${JSON.stringify(x) === JSON.stringify(y) ? '' : 'differs'}"><td>${k}</td>` +
    `<td>${x === undefined ? '' : JSON.stringify(x)}</td><td>${y === undefined ? '' : JSON.stringify(y)}</td></tr>`;
  document.querySelector('#compare-table tbody').innerHTML =
    keys.map(k => row(k, a.sample[k], b.sample[k])).join('') +
    metricKeys.map(k => row(k, (a.metrics || {})[k], (b.metrics || {})[k])).join('') +
    row('state', a.state, b.state);
  state.compareChart = upsert(state.compareChart, 'compare-chart', lineData([a, b], state.metricKey), 'report (epoch)', state.metricKey, 'line');
}

// A chart over a linear x axis with integer, named ticks (trials, reports): made once, then fed new
// data and its y title.
function upsert(chart, id, data, x, y, type = 'scatter') {
  if (chart) {
    chart.data = data;
    chart.options.scales.y.title.text = y;
    chart.update('none');
    return chart;
  }
  return new Chart(document.getElementById(id), { type, data,
    options: { animation: false, scales: { x: { type: 'linear', title: { display: true, text: x }, ticks: { precision: 0 } },
      y: { title: { display: true, text: y } } } } });
}

// One line per trial of the metric `key` in each intermediate report (the ranking metric by default).
function lineData(trials, key) {
  return {
    datasets: trials.map(t => ({
      label: 'trial ' + t.id,
      data: (t.intermediateMetrics || []).map((m, i) => ({ x: i + 1, y: m[key] })).filter(p => p.y != null),
    })),
  };
}

// The chart's metric picker offers every key any trial reported.
function drawMetricPicker() {
  const keys = [...new Set(state.trials.flatMap(t => (t.intermediateMetrics || []).flatMap(m => Object.keys(m))))];
  if (!keys.includes(state.metricKey)) keys.unshift(state.metricKey);
  const picker = document.getElementById('chart-metric');
  if (picker.options.length !== keys.length) {
    picker.innerHTML = keys.map(k => `<option value="${k}">${k}</option>`).join('');
    picker.value = state.chartMetric || state.metricKey;
  }
  state.chartMetric = picker.value;
}

function drawAllChart() {
  drawMetricPicker();
  const data = lineData(state.trials, state.chartMetric);
  state.allChart = upsert(state.allChart, 'all-chart', data, 'report (epoch)', state.chartMetric, 'line');
}

async function showTrial(id) {
  state.shown = id;
  const t = await api('trials/' + id);
  if (t.error) {
    document.getElementById('trial-title').textContent = t.error;
    return;
  }
  document.getElementById('trial-title').textContent = 'Trial ' + t.id + ' · ' + t.state;
  document.getElementById('trial-facts').innerHTML =
    `<p>Sample: <code>${JSON.stringify(t.sample)}</code></p>` +
    `<p>Final metrics: ${Object.entries(t.metrics || {}).map(([k, v]) => k + ' ' + fmtMetric(v)).join(', ') || '-'}` +
    ` · seed ${t.seed == null ? '-' : t.seed} · duration ${fmtMs(t.durationMs)}` +
    (t.progress ? ` · steps ${t.progress.done}/${t.progress.total}` : '') +
    (t.failure ? ` · <span class="FAILED">${t.failure}</span>` : '') + (t.waiting ? ` · waiting: ${t.waiting}` : '') + `</p>`;
  state.trialChart = upsert(state.trialChart, 'trial-chart', lineData([t], state.metricKey), 'report (epoch)', state.metricKey, 'line');
  drawArchitectureWeights(t);
  document.getElementById('trial-source').textContent = t.source || '(not generated yet)';
  document.getElementById('trial-log').textContent = t.log || '(no log yet)';
  document.getElementById('trial-stdout').textContent = t.stdout || '(nothing printed)';
  document.getElementById('trial-stderr').textContent = t.stderr || '(nothing printed)';
  document.getElementById('trial-files').innerHTML = t.files.map(f =>
    `<li><a href="/api/v1/files?path=${encodeURIComponent(f)}" target="_blank">${f}</a></li>`).join('');
  if (state.graphFor !== id) {
    state.graphFor = id;
    const cy = cytoscape({
      container: document.getElementById('trial-graph'),
      elements: t.graph,
      // Wheel and pinch zoom, drag to pan.
      layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.2 }, minZoom: 0.2, maxZoom: 4,
      style: [
        { selector: 'node', style: { 'label': 'data(label)', 'text-wrap': 'wrap', 'font-size': 13, 'background-color': '#4a6fa5',
          'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 6, 'color': '#1d2330', 'width': 22, 'height': 22 } },
        { selector: 'node[kind = "input"]', style: { 'background-color': '#1a7f37' } },
        { selector: 'edge', style: { 'width': 2, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#9aa5b5',
          'target-arrow-color': '#9aa5b5' } },
      ],
    });
    // Networks are deep chains: laid left to right they use the page's width, so at 1280 px the
    // labels stay legible instead of a tall column shrunk to fit.
    cy.nodes().positions(n => ({ x: n.position('y') * 1.6, y: n.position('x') }));
    cy.fit(undefined, 30);
    if (cy.zoom() < 0.8) {
      cy.zoom(0.8);
      cy.pan({ x: 30, y: cy.height() / 2 - cy.nodes().boundingBox().y1 * cy.zoom() - 40 });
    }
  }
}

// A supernet trial's architecture weights (DARTS): a chart per choice, a line per candidate over the
// epochs, from the reports' weight.<label>.<i> keys.
function drawArchitectureWeights(t) {
  const reports = t.intermediateMetrics || [];
  const counts = {};
  reports.forEach(m => Object.keys(m).forEach(k => {
    const found = /^weight\.(.+)\.(\d+)$/.exec(k);
    if (found) counts[found[1]] = Math.max(counts[found[1]] || 0, parseInt(found[2], 10) + 1);
  }));
  const labels = Object.keys(counts);
  document.getElementById('weights-title').style.display = labels.length ? '' : 'none';
  const box = document.getElementById('weights');
  if (state.weightsFor !== t.id || state.weightCharts.length !== labels.length) {
    state.weightCharts.forEach(c => c && c.destroy());
    box.innerHTML = labels.map((l, i) => `<div class="chart small"><canvas id="weights-${i}"></canvas></div>`).join('');
    state.weightCharts = labels.map(() => null);
    state.weightsFor = t.id;
  }
  labels.forEach((label, i) => {
    const choice = (state.choices || []).find(c => c.label === label);
    const name = c => choice ? JSON.stringify(choice.candidates[c]) : 'candidate ' + c;
    const data = { datasets: [...Array(counts[label]).keys()].map(c => ({ label: name(c),
      data: reports.map((m, e) => ({ x: e + 1, y: m['weight.' + label + '.' + c] })).filter(p => p.y != null) })) };
    state.weightCharts[i] = upsert(state.weightCharts[i], 'weights-' + i, data, 'epoch', label, 'line');
  });
}

document.getElementById('stop').onclick = async () => {
  const response = await fetch('/api/v1/stop', { method: 'POST', headers: { 'X-Jnas-Token': document.getElementById('token').value } });
  document.getElementById('stop-result').textContent = (await response.json()).error || 'stopping';
};
document.getElementById('filter').oninput = drawTable;
['compare-a', 'compare-b'].forEach(id => document.getElementById(id).onchange = () => { state.compareTouched = true; drawCompare(); });
document.getElementById('chart-metric').onchange = () => { state.chartMetric = document.getElementById('chart-metric').value; drawAllChart(); };
window.addEventListener('hashchange', route);
route();
refresh();
setInterval(refresh, 1000);
