// My works: what the works that pay the node's account sold and earned,
// withdraw, and offers added or retired.
import { get, post, del, on } from '../api.js';
import { h, replace, busy, message, field } from '../dom.js';
import { eth, parseEth, term } from '../format.js';

export const title = 'My works';

function offerForm(w, out, reload) {
  const price = field('Price (ETH)', { inputmode: 'decimal', required: true, value: '0.01', size: 8 });
  const days = field('Term (days, 0 for perpetual)', { type: 'number', min: 0, value: 30, size: 6 });
  const supply = field('Supply (0 for unlimited)', { type: 'number', min: 0, value: 0, size: 6 });
  const tid = `tr-${w.work.slice(0, 8)}`;
  const transferable = h('input', { type: 'checkbox', id: tid });
  const btn = h('button', { type: 'submit' }, 'Add the offer');
  return h('form', { class: 'inline', 'aria-label': `New offer for ${w.title}`, onsubmit: (e) => {
    e.preventDefault();
    busy(btn, out, async () => {
      const r = await post('/api/v1/offers', { work: w.work, price_wei: parseEth(price.querySelector('input').value),
        duration: Number(days.querySelector('input').value) * 86400, supply: Number(supply.querySelector('input').value),
        transferable: transferable.checked, royalty_bps: 0 });
      message(out, `Offer ${r.offer.id} added.`, true);
      reload();
    });
  } }, price, days, supply, h('label', { class: 'check', for: tid }, transferable, 'Transferable'), btn);
}

const soldText = (w) => `${w.sold} ${w.sold === 1 ? 'license' : 'licenses'}`;

// owedOf is what a withdrawal would collect now.
const owedOf = (m) => m.works.reduce((s, w) => s + BigInt(w.owed_wei), BigInt(m.proceeds_wei));

function workSection(w, reload) {
  const out = h('div');
  const live = w.offers.filter((o) => !o.retired);
  return h('section', { class: 'card', 'aria-label': w.title, 'data-work': w.work },
    h('h2', {}, h('a', { href: `#/works/${w.work}` }, w.title)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Sold'), h('dd', { class: 'sold' }, soldText(w)),
      h('dt', {}, 'Revenue'), h('dd', { class: 'revenue' }, eth(w.revenue_wei)),
      h('dt', {}, 'Owed to you'), h('dd', { class: 'owed' }, eth(w.owed_wei))),
    w.creator ? [
      h('h3', {}, 'Offers'),
      live.length ? h('ul', {}, live.map((o) => h('li', {},
        `Offer ${o.id}: ${eth(o.price_wei)} for ${term(o.duration)}, ${o.sold} sold `,
        h('button', { type: 'button', class: 'secondary', onclick: (e) => busy(e.target, out, async () => {
          await del(`/api/v1/offers/${w.work}/${o.id}`);
          message(out, `Offer ${o.id} retired: licenses bought from it stay valid.`, true);
          reload();
        }) }, `Retire offer ${o.id}`)))) : h('p', {}, 'No offer on sale.'),
      offerForm(w, out, reload)] : h('p', { class: 'muted' }, 'You are a co-creator: its creator sets the offers.'),
    out);
}

export function render(main) {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  const out = h('div', { 'aria-live': 'polite' });
  main.append(h('h1', {}, 'My works'), out, body);
  // The node's catalogue follows the chain's events: after a change,
  // look again a little later too.
  const timers = [];
  function reload() {
    load();
    timers.push(setTimeout(load, 1000), setTimeout(load, 3000));
  }
  async function load() {
    let m;
    try {
      m = await get('/api/v1/mine');
    } catch (e) {
      replace(body, h('p', { class: 'error', role: 'alert' }, e.message));
      return;
    }
    const owed = owedOf(m);
    const btn = h('button', { type: 'button', id: 'withdraw', disabled: owed === 0n, onclick: () => busy(btn, out, async () => {
      const r = await post('/api/v1/withdraw');
      message(out, `Withdrew ${eth(r.amount_wei)} to ${r.account}.`, true);
      load();
    }) }, `Withdraw ${eth(owed.toString())}`);
    replace(body,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Account'), h('dd', {}, h('code', {}, m.account)),
        h('dt', {}, 'Balance'), h('dd', { id: 'balance' }, eth(m.balance_wei)),
        h('dt', {}, 'From resales'), h('dd', {}, eth(m.proceeds_wei))),
      h('div', { class: 'actions' }, btn),
      m.works.length ? m.works.map((w) => workSection(w, reload)) :
        h('p', {}, 'No work pays this account yet: register one with ', h('code', {}, 'essaim share'), '.'));
  }
  // Every 10 s the figures (sales, revenue, what is owed, the balance)
  // are read again and updated in place; forms being filled stay as they are.
  let ticks = 0;
  async function refresh() {
    let m;
    try {
      m = await get('/api/v1/mine');
    } catch {
      return; // the next tick tries again
    }
    const bal = document.getElementById('balance');
    if (bal) bal.textContent = eth(m.balance_wei);
    const btn = document.getElementById('withdraw');
    if (btn) {
      btn.textContent = `Withdraw ${eth(owedOf(m).toString())}`;
      btn.disabled = owedOf(m) === 0n;
    }
    for (const w of m.works) {
      const sec = body.querySelector(`section[data-work="${w.work}"]`);
      if (!sec) continue;
      sec.querySelector('.sold').textContent = soldText(w);
      sec.querySelector('.revenue').textContent = eth(w.revenue_wei);
      sec.querySelector('.owed').textContent = eth(w.owed_wei);
    }
  }
  load();
  const off = on((kind) => {
    if (kind === 'status' && ++ticks % 5 === 0) refresh();
  });
  return () => { off(); timers.forEach(clearTimeout); };
}
