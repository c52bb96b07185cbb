// My works: what the works that pay the node's account sold and earned,
// withdraw, and offers added or retired.
import { get, post, del } from '../api.js';
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

function workSection(w, reload) {
  const out = h('div');
  const live = w.offers.filter((o) => !o.retired);
  return h('section', { class: 'card', 'aria-label': w.title },
    h('h2', {}, h('a', { href: `#/work/${w.work}` }, w.title)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Sold'), h('dd', {}, `${w.sold} ${w.sold === 1 ? 'license' : 'licenses'}`),
      h('dt', {}, 'Revenue'), h('dd', {}, eth(w.revenue_wei)),
      h('dt', {}, 'Owed to you'), h('dd', {}, eth(w.owed_wei))),
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
    const owed = m.works.reduce((s, w) => s + BigInt(w.owed_wei), BigInt(m.proceeds_wei));
    const btn = h('button', { type: 'button', disabled: owed === 0n, onclick: () => busy(btn, out, async () => {
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
  load();
  return () => timers.forEach(clearTimeout);
}
