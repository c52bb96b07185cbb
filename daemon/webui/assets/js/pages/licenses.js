// My licenses: what the node's account holds, until when; renew on the
// work's page (a purchase extends a license still valid).
import { get, on } from '../api.js';
import { h, replace } from '../dom.js';
import { expiry, PERPETUAL } from '../format.js';

export const title = 'My licenses';

const WEEK = 7 * 86400;

function status(l) {
  if (!l.valid) return 'expired';
  if (BigInt(l.expiry) >= PERPETUAL) return 'valid';
  return Number(l.expiry) - Date.now() / 1000 < WEEK ? 'ends within 7 days' : 'valid';
}

export function render(main) {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  main.append(h('h1', {}, 'My licenses'), body);
  // The table is drawn again only when it changed, so that the focus of a
  // keyboard user stays where it is.
  let last = '';
  const load = () => get('/api/v1/account').then((a) => {
    const key = JSON.stringify(a);
    if (key === last) return;
    last = key;
    replace(body,
      h('p', {}, 'Account ', h('code', {}, a.address)),
      a.licenses.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Work', 'Until', 'Status', 'Transferable', 'Renew'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, a.licenses.map((l) => h('tr', {},
          h('td', {}, h('a', { href: `#/works/${l.work}` }, l.title || l.work)),
          h('td', {}, expiry(l.expiry)),
          h('td', {}, status(l)),
          h('td', {}, l.transferable ? 'yes' : 'no'),
          h('td', {}, BigInt(l.expiry) >= PERPETUAL ? '' : h('a', { href: `#/works/${l.work}`, 'aria-label': `Renew ${l.title}` }, 'Renew'))))))) :
        h('p', {}, 'No license yet. Works are in the ', h('a', { href: '#/' }, 'catalogue'), '.'));
  }).catch((e) => {
    last = '';
    replace(body, h('p', { class: 'error', role: 'alert' }, e.message));
  });
  load();
  // Read again every 10 s: a purchase, a renewal or an expiry shows.
  let ticks = 0;
  return on((kind) => {
    if (kind === 'status' && ++ticks % 5 === 0) load();
  });
}
