// Numbers as people read them, in the CLI's units.

const WEI = 10n ** 18n;

// eth shows a decimal string of wei in ether.
export function eth(wei) {
  const n = BigInt(wei || '0');
  const whole = n / WEI;
  let frac = (n % WEI).toString().padStart(18, '0').replace(/0+$/, '');
  if (frac.length > 8) frac = frac.slice(0, 8).replace(/0+$/, '') || '0';
  return (frac ? `${whole}.${frac}` : `${whole}`) + ' ETH';
}

// parseEth reads an amount of ether ("0.01") into a decimal string of wei.
export function parseEth(s) {
  const t = String(s).trim();
  const m = /^(\d*)(?:\.(\d{0,18}))?$/.exec(t);
  if (!m || t === '' || t === '.') throw new Error(`"${t}" is not an amount of ether such as 0.01`);
  return (BigInt(m[1] || '0') * WEI + BigInt((m[2] || '').padEnd(18, '0'))).toString();
}

// size shows bytes as the CLI does: 1.5 MiB.
export function size(n) {
  if (n < 1024) return `${n} B`;
  const units = 'KMGTPE';
  let f = n / 1024;
  let i = 0;
  while (f >= 1024 && i < units.length - 1) { f /= 1024; i += 1; }
  return `${f.toFixed(1).replace(/\.0$/, '')} ${units[i]}iB`;
}

export const rate = (bps) => `${size(Math.round(bps || 0))}/s`;

// span shows seconds as a duration.
export function span(s) {
  s = Math.round(s);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  const d = Math.round(s / 86400);
  return d === 1 ? '1 day' : `${d} days`;
}

// term shows an offer's duration (0: perpetual).
export const term = (s) => (s === 0 ? 'perpetual' : span(s));

export const PERPETUAL = 18446744073709551615n;

// expiry shows a license's expiry (unix seconds, exclusive).
export function expiry(unix) {
  if (BigInt(unix) >= PERPETUAL) return 'never (perpetual)';
  return new Date(Number(unix) * 1000).toLocaleString();
}

// pct is a download's progress in percent.
export function pct(p) {
  if (!p || !p.chunks) return 0;
  return Math.floor((100 * p.held) / p.chunks);
}

// eta is the time left at the recent rate, or '—'.
export function eta(p) {
  if (!p || !p.rate || p.bytes >= p.size) return '—';
  return span((p.size - p.bytes) / p.rate);
}

// short shortens a root or an address for lists.
export const short = (hex) => (hex.length > 16 ? `${hex.slice(0, 10)}…${hex.slice(-6)}` : hex);
