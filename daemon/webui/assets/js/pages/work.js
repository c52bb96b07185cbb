// A work's page: what it is, who holds it, its offers (buy, with a
// maximum price), the account's license, and download, play.
import { get, post, on, live } from '../api.js';
import { h, replace, id, busy, message } from '../dom.js';
import { eth, parseEth, term, expiry, pct, size, rate, eta } from '../format.js';

export const title = 'Work';

// licenseText says what the account holds; bought is the answer of a
// purchase made on this page, which the node's catalogue (it follows the
// chain's events) may not show yet.
function licenseText(w, acct, bought) {
  if (w.open) return 'Open work: anyone may download it.';
  if (!acct) return null;
  if (acct.address.toLowerCase() === w.creator.toLowerCase()) return 'You registered this work.';
  let l = acct.licenses.find((x) => x.work === w.work);
  if (bought && (!l || BigInt(l.expiry) < BigInt(bought.expiry))) l = { valid: true, expiry: bought.expiry };
  if (!l) return 'Your account holds no license to this work.';
  return l.valid ? `Your license is valid until ${expiry(l.expiry)}.` : `Your license expired on ${expiry(l.expiry)}.`;
}

const holdersText = (w) => `${w.holders}${w.served ? ' (this node among them)' : ''}`;

function offerRow(w, o, out, onBought) {
  const maxId = id('max');
  const max = h('input', { id: maxId, inputmode: 'decimal', value: eth(o.price_wei).replace(' ETH', ''), size: 10,
    'aria-describedby': maxId + '-d' });
  const btn = h('button', { type: 'submit' }, `Buy for ${eth(o.price_wei)}`);
  const form = h('form', { class: 'inline', onsubmit: (e) => {
    e.preventDefault();
    busy(btn, out, async () => {
      const maxWei = parseEth(max.value);
      const b = await post('/api/v1/buy', { work: w.work, offer: o.id, max_price: maxWei });
      message(out, `Bought for ${eth(b.price_wei)}: your license runs until ${expiry(b.expiry)}.`, true);
      onBought(b);
    });
  } },
  h('div', { class: 'field' }, h('label', { for: maxId }, 'Pay at most (ETH)'), max),
  btn);
  const soldOut = o.supply > 0 && o.sold >= o.supply;
  return h('tr', {},
    h('td', {}, String(o.id)),
    h('td', { class: 'num' }, eth(o.price_wei)),
    h('td', {}, term(o.duration)),
    h('td', {}, o.supply ? `${o.sold} of ${o.supply} sold` : `${o.sold} sold`),
    h('td', {}, o.transferable ? 'yes' : 'no'),
    h('td', {}, o.retired ? 'retired' : soldOut ? 'sold out' : [form, h('p', { id: maxId + '-d', class: 'muted' },
      'The purchase fails rather than pay more than this.')]));
}

function progressOf(d) {
  if (!d) return null;
  const p = d.progress;
  return h('div', { class: 'dl' },
    h('p', {}, `Download: ${d.state}`, d.error ? ` (${d.error})` : ''),
    p ? [h('progress', { max: 100, value: d.state === 'done' ? 100 : pct(p), 'aria-label': 'Download progress' }),
      h('p', { class: 'stats' }, `${d.state === 'done' ? 100 : pct(p)}%`, ` ${size(p.bytes)} of ${size(p.size)}`,
        d.state === 'active' ? [` ${rate(p.rate)}`, ` ${p.peers} peers`, ` ETA ${eta(p)}`] : null)] : null,
    h('p', {}, h('a', { href: '#/downloads' }, 'All downloads')));
}

export function render(main, [root]) {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  main.append(body);
  let w = null;
  let acct = null;
  let acctErr = null;
  let bought = null;
  const timers = [];
  // After a purchase: show it at once, and read the account again as the
  // node's catalogue catches up with the chain.
  function onBought(b) {
    bought = b;
    load();
    timers.push(setTimeout(load, 1000), setTimeout(load, 3000));
  }
  const dlBox = h('div', { 'aria-live': 'polite' });
  const actOut = h('div');
  const buyOut = h('div', { id: 'buy-result' });

  async function load() {
    try {
      w = await get('/api/v1/catalog/' + root);
    } catch (e) {
      replace(body, h('h1', {}, 'Work'), h('p', { class: 'error', role: 'alert' }, e.message));
      return;
    }
    try {
      acct = await get('/api/v1/account');
      acctErr = null;
    } catch (e) {
      acct = null;
      acctErr = e.message;
    }
    draw();
  }

  function draw() {
    document.title = `${w.title} · essaim`;
    const offers = w.offers || [];
    const dl = h('button', { type: 'button', onclick: (e) => busy(e.target, actOut, async () => {
      const r = await post('/api/v1/pins', { work: w.work });
      message(actOut, r.state === 'served' ? 'This node holds the work already.' : `Downloading into ${r.output}.`, true);
    }) }, 'Download');
    replace(body,
      h('h1', {}, w.title),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Root'), h('dd', {}, h('code', {}, w.work)),
        h('dt', {}, 'Creator'), h('dd', {}, h('code', {}, w.creator)),
        h('dt', {}, 'Tags'), h('dd', {}, w.tags && w.tags.length ? w.tags.join(', ') : '—'),
        h('dt', {}, 'Holders'), h('dd', { id: 'holders' }, holdersText(w)),
        h('dt', {}, 'License'), h('dd', { id: 'license' }, licenseText(w, acct, bought) || acctErr || '—')),
      h('div', { class: 'actions' }, dl, h('a', { href: `#/play/${w.work}` }, 'Play or view while it downloads')),
      actOut,
      dlBox,
      h('h2', {}, 'Offers'),
      offers.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('caption', { class: 'muted' }, 'Licenses this work sells. Buying again extends a license still valid.'),
        h('thead', {}, h('tr', {}, ['Offer', 'Price', 'Term', 'Sales', 'Transferable', 'Buy'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, offers.map((o) => offerRow(w, o, buyOut, onBought))))) :
        h('p', {}, w.open ? 'Open: nothing to buy.' : 'No offer: the creator grants licenses.'),
      buyOut);
    replace(dlBox, progressOf(live.downloads.get(root)));
  }

  load();
  // Every 10 s, the holders and the license are read again and updated
  // in place (the offers' forms are left alone: a price being typed stays).
  let ticks = 0;
  async function refresh() {
    try {
      const [w2, a2] = await Promise.all([get('/api/v1/catalog/' + root), get('/api/v1/account').catch(() => acct)]);
      w = w2;
      acct = a2;
      const hd = document.getElementById('holders');
      const ld = document.getElementById('license');
      if (hd) hd.textContent = holdersText(w);
      if (ld) ld.textContent = licenseText(w, acct, bought) || acctErr || '—';
    } catch { /* the next tick tries again */ }
  }
  const off = on((kind, v) => {
    if (kind === 'download' && v.work === root && w) replace(dlBox, progressOf(live.downloads.get(root)));
    if (kind === 'status' && w && ++ticks % 5 === 0) refresh();
  });
  return () => { off(); timers.forEach(clearTimeout); };
}
