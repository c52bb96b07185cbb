// The player: a work's audio and video files through the node's stream
// URLs, playable while the work downloads (the node fetches the chunks
// under the player's position first, and sends only verified bytes).
import { post, on, live, titleOf } from '../api.js';
import { h, replace } from '../dom.js';
import { size, pct, short } from '../format.js';

// here keeps a stream URL's path and query: the node names its loopback
// address, and a page opened from another device must ask the address it
// came from.
function here(url) {
  const u = new URL(url);
  return u.pathname + u.search;
}

export const title = 'Player';

const playable = (f) => /^(audio|video)\//.test(f.type);

// captionsOf finds a video's captions: a WebVTT file of the same name
// beside it in the work (film.mp4, film.vtt).
function captionsOf(f, files) {
  const base = f.path.replace(/\.[^./]+$/, '');
  return files.filter((c) => c.type.startsWith('text/vtt') && c.path.replace(/(\.[^./]+)?\.vtt$/, '') === base);
}

function player(f, files) {
  const video = f.type.startsWith('video/');
  return h(video ? 'video' : 'audio', { controls: true, preload: 'metadata', src: here(f.url), 'aria-label': `Player: ${f.path}` },
    video ? captionsOf(f, files).map((c, i) => h('track', { kind: 'captions', src: here(c.url), label: c.path, default: i === 0 })) : null,
    `Your browser cannot play ${f.path}.`);
}

export function render(main, [root]) {
  const heading = h('h1', {}, 'Player');
  const body = h('div', {}, h('p', {}, 'Asking the node for the stream…'));
  const stateText = h('p', { class: 'muted', 'aria-live': 'polite' });
  const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Download progress', hidden: true });
  const state = h('div', {}, stateText, bar);
  main.append(heading, state, body);
  titleOf(root).then((t) => { heading.textContent = t ? `Player: ${t}` : `Player: ${short(root)}`; });

  function showState() {
    const d = live.downloads.get(root);
    const running = d && d.state !== 'done';
    if (!d) stateText.textContent = 'The node holds the whole work.';
    else stateText.textContent = running ? `Downloading: ${d.state}, ${pct(d.progress)}%.` : 'Downloaded.';
    bar.hidden = !running;
    if (running) bar.value = pct(d.progress);
  }
  showState();

  post('/api/v1/streams', { work: root }).then((s) => {
    const media = s.files.filter(playable);
    const stage = h('div');
    const pick = (f) => replace(stage, h('h2', {}, f.path), player(f, s.files));
    replace(body,
      stage,
      h('h2', {}, 'Files'),
      h('ul', {}, s.files.map((f) => h('li', {},
        playable(f) ? h('button', { type: 'button', class: 'secondary', onclick: () => pick(f) }, `Play ${f.path}`) :
          h('a', { href: here(f.url), download: f.path.split('/').pop() }, f.path),
        ` (${size(f.size)}, ${f.type})`))),
      h('p', { class: 'muted' }, `These addresses work for this work on this node until ${new Date(s.expires).toLocaleString()}.`));
    if (media.length) pick(media[0]);
    else replace(stage, h('p', {}, 'No audio or video file in this work.'));
  }).catch((e) => {
    replace(body, h('p', { class: 'error', role: 'alert' }, e.message),
      h('p', {}, h('a', { href: `#/works/${root}` }, 'The work’s page'), ' shows its offers.'));
  });
  return on((kind, d) => {
    if (kind === 'download' && d.work === root) showState();
  });
}
