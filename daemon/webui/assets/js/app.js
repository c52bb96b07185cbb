// The interface's entry: signs in, opens the event stream, and shows the
// page the address's fragment names (#/, #/works/ROOT, #/downloads, ...).
import { session, follow, post } from './api.js';
import { h, replace } from './dom.js';
import * as catalog from './pages/catalog.js';
import * as work from './pages/work.js';
import * as downloads from './pages/downloads.js';
import * as play from './pages/play.js';
import * as mine from './pages/mine.js';
import * as licenses from './pages/licenses.js';
import * as node from './pages/node.js';

const ROOT = '([0-9a-f]{64})';
const routes = [
  [/^\/?$/, catalog, 'catalog'],
  [new RegExp(`^/works/${ROOT}$`), work, 'catalog'],
  [/^\/downloads$/, downloads, 'downloads'],
  [new RegExp(`^/play/${ROOT}$`), play, 'downloads'],
  [/^\/mine$/, mine, 'mine'],
  [/^\/licenses$/, licenses, 'licenses'],
  [/^\/node$/, node, 'node'],
];

const main = document.getElementById('main');
let cleanup = null;
let ses = null;
let events = null; // the event stream, closed on sign-out
let shown = false; // the first page keeps the focus at the top, where the skip link is

function show() {
  // Only #/... addresses are pages; others (an in-page anchor) change nothing.
  if (location.hash && !location.hash.startsWith('#/')) return;
  if (cleanup) cleanup();
  cleanup = null;
  const [path, qs] = (location.hash.replace(/^#/, '') || '/').split('?');
  const query = new URLSearchParams(qs || '');
  for (const [re, page, tab] of routes) {
    const m = re.exec(path);
    if (!m) continue;
    for (const a of document.querySelectorAll('#nav a')) {
      if (a.dataset.page === tab) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    replace(main);
    document.title = `${page.title} · essaim`;
    cleanup = page.render(main, m.slice(1), query, ses) || null;
    // Later pages take the focus, so that a screen reader starts on them.
    if (shown) main.focus({ preventScroll: true });
    shown = true;
    return;
  }
  document.title = 'Not found · essaim';
  replace(main, h('h1', {}, 'No such page'), h('p', {}, h('a', { href: '#/' }, 'Back to the catalogue')));
}

function signInPage(err) {
  document.title = 'Sign in · essaim';
  replace(main,
    h('h1', {}, 'Sign in'),
    err ? h('p', { class: 'error', role: 'alert' }, err.message) : null,
    h('p', {}, 'This browser is not signed in to the node. On the machine that runs it, type:'),
    h('pre', {}, h('code', {}, 'essaim ui --open')),
    h('p', {}, 'It opens (or prints) a sign-in address that works once.'));
}

// The skip link moves the focus to the page's content without touching
// the address, which names the page.
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

async function start() {
  try {
    ses = await session();
  } catch (e) {
    signInPage(e);
    return;
  }
  if (!ses) {
    signInPage(null);
    return;
  }
  document.getElementById('nav').hidden = false;
  const out = document.getElementById('signout');
  out.hidden = false;
  out.addEventListener('click', async () => {
    try {
      if (events) events.close();
      await post('/api/v1/ui/signout');
    } finally {
      location.replace('/');
    }
  });
  document.getElementById('who').textContent = ses.account ? `account ${ses.account}` : 'no unlocked account';
  events = follow();
  window.addEventListener('hashchange', show);
  show();
}

start();
