// The node's API (docs/API.md), as the page calls it: with its session
// cookie, and with the CSRF token on every call that changes anything.

let csrf = '';

// ApiError is an error answer: its message is the API's, in the CLI's words.
export class ApiError extends Error {
  constructor(status, code, msg) {
    super(msg);
    this.status = status;
    this.code = code;
  }
}

const unreachable = 'The node does not answer: is `essaim node` still running?';

// call sends a request and returns the decoded answer (null for none).
export async function call(method, path, body) {
  const opts = { method, headers: {}, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') opts.headers['X-Essaim-CSRF'] = csrf;
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let r;
  try {
    r = await fetch(path, opts);
  } catch {
    throw new ApiError(0, 'unreachable', unreachable);
  }
  if (r.status === 204) return null;
  let data = null;
  try { data = await r.json(); } catch { /* not JSON */ }
  if (!r.ok) throw new ApiError(r.status, (data && data.code) || '', (data && data.error) || r.statusText);
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const del = (path) => call('DELETE', path);

// session returns the browser's session (and keeps its CSRF token), or
// null when the browser is not signed in.
export async function session() {
  try {
    const s = await get('/api/v1/ui/session');
    csrf = s.csrf;
    return s;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

// Live state from the event stream: the downloads by work, the node's
// status. Pages subscribe with on(), which returns an unsubscribe.
export const live = { downloads: new Map(), status: null };
const subs = new Set();

export function on(fn) {
  subs.add(fn);
  return () => subs.delete(fn);
}

function tell(kind, v) {
  for (const fn of subs) fn(kind, v);
}

// follow opens the event stream (the browser reconnects by itself).
export function follow() {
  const es = new EventSource('/api/v1/events?status=1');
  es.addEventListener('download', (e) => {
    const d = JSON.parse(e.data);
    // A download cancelled anywhere (another tab, the CLI) leaves the list.
    if (d.state === 'cancelled') live.downloads.delete(d.work);
    else live.downloads.set(d.work, d);
    tell('download', d);
  });
  es.addEventListener('status', (e) => {
    live.status = JSON.parse(e.data);
    tell('status', live.status);
  });
  return es;
}

// forget drops a download from the live state (cancelled).
export function forget(work) {
  live.downloads.delete(work);
  tell('download', { work, state: 'cancelled' });
}

// titles caches works' titles for the pages that only know roots.
const titles = new Map();
export async function titleOf(work) {
  if (!titles.has(work)) {
    titles.set(work, get('/api/v1/catalog/' + work).then((w) => w.title).catch(() => ''));
  }
  return titles.get(work);
}
