// Building the page: elements are made with h(), never from HTML strings,
// so nothing a work's title or tags hold can become markup.

// h makes an element with attributes (on* are listeners; true sets an
// empty attribute; null, undefined and false leave it out) and children
// (strings, nodes or nested arrays of them).
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, kids);
  return el;
}

function append(el, kids) {
  for (const k of kids) {
    if (k === null || k === undefined || k === false) continue;
    if (Array.isArray(k)) append(el, k);
    else el.append(k instanceof Node ? k : String(k));
  }
}

// svg makes an SVG element.
export function svg(tag, attrs, ...kids) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  append(el, kids);
  return el;
}

// replace puts kids in el instead of what it held.
export function replace(el, ...kids) {
  el.replaceChildren();
  append(el, kids);
  return el;
}

let uid = 0;
// id returns a fresh element id, for labels.
export function id(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

// field is a labelled input.
export function field(label, attrs, cls) {
  const i = id('f');
  return h('div', { class: 'field' + (cls ? ' ' + cls : '') },
    h('label', { for: i }, label),
    h('input', { id: i, ...attrs }));
}

// toast says something briefly in the live region.
let toastTimer = 0;
export function toast(text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.textContent = ''; }, 6000);
}

// message is a paragraph for an outcome: role=alert for errors.
export function message(el, text, ok) {
  replace(el, text ? h('p', { class: ok ? 'okmsg' : 'error', role: ok ? 'status' : 'alert' }, text) : null);
}

// busy disables a button while fn runs, then reports its error in out.
export async function busy(button, out, fn) {
  button.disabled = true;
  message(out, '');
  try {
    await fn();
  } catch (e) {
    message(out, e.message);
  } finally {
    button.disabled = false;
  }
}
