// The node: its peer, addresses, reachability, peers, and its rates over
// the last hour.
import { get, call, on, live } from '../api.js';
import { h, svg, replace, field, busy, message } from '../dom.js';
import { size, rate, span } from '../format.js';

export const title = 'Node';

const reach = {
  public: 'public: peers elsewhere can dial it',
  private: 'private: behind a NAT or firewall, reached through relays or hole punching',
  unknown: 'not known yet',
};

function facts(s) {
  return h('dl', { class: 'facts' },
    h('dt', {}, 'Peer id'), h('dd', {}, h('code', {}, s.peer)),
    h('dt', {}, 'Addresses'), h('dd', {}, (s.addrs || []).length ? h('ul', {}, s.addrs.map((a) => h('li', {}, h('code', {}, a)))) : 'none'),
    h('dt', {}, 'Reachability'), h('dd', {}, reach[s.reachability] || s.reachability),
    h('dt', {}, 'Peers'), h('dd', {}, String(s.peers)),
    h('dt', {}, 'Account'), h('dd', {}, s.account ? h('code', {}, s.account) : 'none unlocked'),
    h('dt', {}, 'Works served'), h('dd', {}, String(s.works)),
    h('dt', {}, 'Active downloads'), h('dd', {}, String(s.downloads_active)),
    h('dt', {}, 'Up'), h('dd', {}, `${rate(s.up_rate)} (${size(s.up_bytes)} in all)`),
    h('dt', {}, 'Down'), h('dd', {}, `${rate(s.down_rate)} (${size(s.down_bytes)} in all)`),
    h('dt', {}, 'Running for'), h('dd', {}, span(s.uptime_seconds)));
}

const W = 720;
const H = 200;

function chart(r) {
  const ss = r.samples;
  const top = Math.max(1024, ...ss.map((s) => Math.max(s.up, s.down)));
  const now = ss.length ? ss[ss.length - 1].t : Date.now() / 1000;
  const x = (t) => W - ((now - t) / 3600) * W;
  const y = (v) => H - 20 - (v / top) * (H - 40);
  const line = (k) => ss.map((s) => `${x(s.t).toFixed(1)},${y(s[k]).toFixed(1)}`).join(' ');
  const peakUp = Math.max(0, ...ss.map((s) => s.up));
  const peakDown = Math.max(0, ...ss.map((s) => s.down));
  return svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': `Rates over the last hour: up at most ${rate(peakUp)}, down at most ${rate(peakDown)}.` },
  svg('line', { class: 'axis', x1: 0, y1: H - 20, x2: W, y2: H - 20 }),
  svg('text', { x: 4, y: 14 }, rate(top)),
  svg('text', { x: 4, y: H - 4 }, '1 hour ago'),
  svg('text', { x: W - 30, y: H - 4 }, 'now'),
  ss.length > 1 ? [svg('polyline', { class: 'up', points: line('up') }), svg('polyline', { class: 'down', points: line('down') })] : []);
}

function capText(bps) {
  if (bps < 0) return 'as the node was started';
  return bps === 0 ? 'none' : rate(bps);
}

// capsForm changes the caps (KiB/s, 0 for none); info shows them.
function capsForm(info, reload) {
  const out = h('div');
  const up = field('Upload cap (KiB/s, 0 for none)', { type: 'number', min: 0, step: 1, name: 'up' });
  const down = field('Download cap (KiB/s, 0 for none)', { type: 'number', min: 0, step: 1, name: 'down' });
  const btn = h('button', { type: 'submit' }, 'Set the caps');
  const kib = (f) => {
    const v = f.querySelector('input').value.trim();
    return v === '' ? undefined : Math.round(Number(v) * 1024);
  };
  return h('div', {}, info,
    h('form', { class: 'inline', 'aria-label': 'Bandwidth caps', onsubmit: (e) => {
      e.preventDefault();
      busy(btn, out, async () => {
        await call('PUT', '/api/v1/limits', { upload_bps: kib(up), download_bps: kib(down) });
        message(out, 'Caps set, until the node stops.', true);
        await reload();
      });
    } }, up, down, btn),
    out);
}

export function render(main) {
  const box = h('div', {}, live.status ? facts(live.status) : h('p', {}, 'Loading…'));
  const chartBox = h('div');
  const capsInfo = h('p', {}, 'Loading…');
  main.append(h('h1', {}, 'Node'), box, h('h2', {}, 'Bandwidth caps'), capsForm(capsInfo, loadCaps), h('h2', {}, 'Rates, last hour'),
    h('p', { class: 'legend' }, h('span', { class: 'key-up' }, 'up'), h('span', { class: 'key-down' }, 'down')), chartBox);
  async function loadRates() {
    try {
      replace(chartBox, chart(await get('/api/v1/rates')));
    } catch (e) {
      replace(chartBox, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  }
  async function loadCaps() {
    try {
      const l = await get('/api/v1/limits');
      capsInfo.textContent = `Upload: ${capText(l.upload_bps)}. Download: ${capText(l.download_bps)}.`;
    } catch (e) {
      replace(capsInfo, h('span', { class: 'error', role: 'alert' }, e.message));
    }
  }
  loadRates();
  loadCaps();
  const timer = setInterval(loadRates, 10000);
  const off = on((kind, s) => {
    if (kind === 'status') replace(box, facts(s));
  });
  return () => { clearInterval(timer); off(); };
}
