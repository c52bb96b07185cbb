// The catalogue: search the registered works (every term must match a
// title or a tag), most holders first.
import { get, on } from '../api.js';
import { h, replace, id } from '../dom.js';
import { eth, term, short } from '../format.js';

export const title = 'Catalogue';

// cheapest describes the price of a work: open, or its cheapest offer.
function priceOf(w) {
  if (w.open) return 'open: no license needed';
  const live = (w.offers || []).filter((o) => !o.retired);
  if (!live.length) return 'not for sale (licenses granted by the creator)';
  const o = live.reduce((a, b) => (BigInt(a.price_wei) <= BigInt(b.price_wei) ? a : b));
  return `from ${eth(o.price_wei)} for ${term(o.duration)}`;
}

function card(w) {
  return h('li', { class: 'card' },
    h('h2', {}, h('a', { href: `#/works/${w.work}` }, w.title || short(w.work))),
    w.tags && w.tags.length ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, w.tags.map((t) => h('li', {}, t))) : null,
    h('p', {}, priceOf(w)),
    h('p', { class: 'muted' },
      `${w.holders} ${w.holders === 1 ? 'holder' : 'holders'}`,
      w.served ? ' · on this node' : '',
      ' · by ', h('span', { class: 'mono', title: w.creator }, short(w.creator))));
}

export function render(main, _params, query) {
  const q = query.get('q') || '';
  const inputId = id('q');
  const input = h('input', { id: inputId, type: 'search', name: 'q', value: q, autocomplete: 'off',
    placeholder: 'title words or tags' });
  const results = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'search', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const v = input.value.trim();
    location.hash = v ? `#/?q=${encodeURIComponent(v)}` : '#/';
    if (v === q) load();
  } },
  h('div', { class: 'field grow' }, h('label', { for: inputId }, 'Search the catalogue'), input),
  h('button', { type: 'submit' }, 'Search'));
  main.append(h('h1', {}, 'Catalogue'), form, results);

  let seen = '';
  async function load() {
    try {
      const ws = await get('/api/v1/catalog?q=' + encodeURIComponent(q));
      const key = JSON.stringify(ws);
      if (key === seen) return;
      seen = key;
      replace(results,
        h('p', { class: 'muted' }, ws.length === 1 ? '1 work' : `${ws.length} works`, q ? ` matching “${q}”` : ''),
        ws.length ? h('ul', { class: 'cards' }, ws.map(card)) : h('p', {}, 'Nothing matches: try fewer or shorter terms.'));
    } catch (e) {
      replace(results, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  }
  load();
  // Holders and new registrations show up as the node learns of them.
  let ticks = 0;
  return on((kind) => {
    if (kind === 'status' && ++ticks % 5 === 0) load();
  });
}
