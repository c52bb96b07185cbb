// Downloads: progress, rates, peers and time left, updated by the event
// stream; pause, resume, cancel.
import { post, del, on, live, titleOf, forget } from '../api.js';
import { h, replace, busy } from '../dom.js';
import { pct, size, rate, eta, short } from '../format.js';

export const title = 'Downloads';

// stats are a download's figures; the rate and time left only while it runs.
function stats(d) {
  const p = d.progress;
  const percent = d.state === 'done' ? 100 : pct(p);
  const running = d.state === 'active';
  return [h('span', { class: 'state' }, d.state), h('span', { class: 'pct' }, `${percent}%`),
    p ? h('span', {}, `${size(p.bytes)} of ${size(p.size)}`) : null,
    p && running ? [h('span', {}, `↓ ${rate(p.rate)}`), h('span', {}, `${p.peers} ${p.peers === 1 ? 'peer' : 'peers'}`),
      h('span', {}, `ETA ${eta(p)}`)] : null];
}

function row(d, out) {
  const p = d.progress;
  const name = h('a', { href: `#/works/${d.work}` }, short(d.work));
  titleOf(d.work).then((t) => { if (t) name.textContent = t; });
  const act = (label, fn) => h('button', { type: 'button', class: 'secondary', 'aria-label': `${label} ${d.work.slice(0, 10)}`,
    onclick: (e) => busy(e.target, out, fn) }, label);
  const actions = [];
  if (d.state === 'active' || d.state === 'queued') actions.push(act('Pause', () => post(`/api/v1/downloads/${d.work}/pause`)));
  if (d.state === 'paused' || d.state === 'failed') actions.push(act('Resume', () => post(`/api/v1/downloads/${d.work}/resume`)));
  // Cancelling a finished download only takes it off the list: its files stay.
  actions.push(act(d.state === 'done' ? 'Remove from the list' : 'Cancel',
    async () => { await del(`/api/v1/downloads/${d.work}`); forget(d.work); }));
  if (d.state !== 'done') actions.push(h('a', { href: `#/play/${d.work}` }, 'Play'));
  const percent = d.state === 'done' ? 100 : pct(p);
  return h('section', { class: 'dl', 'data-work': d.work, 'data-state': d.state, 'aria-label': `Download ${d.work.slice(0, 10)}` },
    h('h2', {}, name),
    h('progress', { max: 100, value: percent, 'aria-label': 'Progress' }),
    h('p', { class: 'stats' }, stats(d)),
    d.error ? h('p', { class: 'error' }, d.error) : null,
    h('p', { class: 'muted' }, 'Into ', h('code', {}, d.output)),
    h('div', { class: 'actions' }, actions));
}

export function render(main) {
  const out = h('div');
  const list = h('div');
  main.append(h('h1', {}, 'Downloads'), out, list);
  const rows = new Map();
  function draw() {
    const ds = [...live.downloads.values()].sort((a, b) => (a.added < b.added ? 1 : -1));
    if (!ds.length) {
      rows.clear();
      replace(list, h('p', {}, 'No download. Find a work in the ', h('a', { href: '#/' }, 'catalogue'), '.'));
      return;
    }
    replace(list, ds.map((d) => {
      const r = row(d, out);
      rows.set(d.work, r);
      return r;
    }));
  }
  draw();
  return on((kind, d) => {
    if (kind !== 'download') return;
    const old = rows.get(d.work);
    if (!old || d.state === 'cancelled') {
      draw();
      return;
    }
    // Keep the focused button where it is: only the changed row is redrawn,
    // and only its figures when the state stays the same.
    if (old.dataset.state === d.state) {
      old.querySelector('progress').value = d.state === 'done' ? 100 : pct(d.progress);
      replace(old.querySelector('.stats'), stats(d));
      return;
    }
    const r = row(d, out);
    rows.set(d.work, r);
    old.replaceWith(r);
  });
}
