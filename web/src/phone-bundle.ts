/**
 * The console and the phone pages are two bundles served as two HTML pages (index.html and
 * mobile.html, docs/adr/0008-phone-bundle.md). Moving from one to the other is a page load, not a
 * client-side route change.
 */

export const isPhonePath = (pathname: string) => pathname === '/m' || pathname.startsWith('/m/');

const RELOAD_MARK = 'linli.bundle-switch';
/** A switch to the same page again within this time is a loop, not a person. */
const LOOP_MS = 5000;
/** Page and back (A → B → A → B): twice to the same page within this time is a loop too. */
const BOUNCE_MS = 10_000;

interface Switch {
  target: string;
  at: number;
}

function readSwitches(raw: string | null): Switch[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is Switch => typeof x?.target === 'string' && typeof x?.at === 'number') : [];
  } catch {
    // The older mark, `target@time`.
    const at = raw.lastIndexOf('@');
    return at > 0 ? [{ target: raw.slice(0, at), at: Number(raw.slice(at + 1)) }] : [];
  }
}

/**
 * Whether switching to `target` now looks like a loop, given the switches made in this tab
 * before: the same page just tried (a server or build that does not serve the other page), or
 * two pages sending each other back and forth (each bundle thinks the other should show it).
 */
export function isSwitchLoop(before: Switch[], target: string, now: number): boolean {
  const last = before.at(-1);
  if (last?.target === target && now - last.at < LOOP_MS) return true;
  return before.filter((s) => s.target === target && now - s.at < BOUNCE_MS).length >= 2;
}

/**
 * Loads `target` as a page. When that looks like a loop between the two bundles, returns false
 * instead of loading again.
 */
export function switchBundle(target: string): boolean {
  const now = Date.now();
  let before: Switch[] = [];
  try {
    before = readSwitches(sessionStorage.getItem(RELOAD_MARK));
    sessionStorage.setItem(RELOAD_MARK, JSON.stringify([...before.filter((s) => now - s.at < BOUNCE_MS), { target, at: now }].slice(-6)));
  } catch {
    // No storage (private mode): no loop guard, the switch still happens.
  }
  if (isSwitchLoop(before, target, now)) return false;
  window.location.replace(target);
  return true;
}

/**
 * A page of this site to return to after signing in (`?next=`), or undefined: only a path on
 * this origin, never `//host` or a full address.
 */
export function returnPath(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (next === '/login' || next.startsWith('/login?') || next === '/m/login' || next.startsWith('/m/login?')) return undefined;
  return next;
}

/** The sign-in page that comes back to `path` afterwards. */
export const loginReturningTo = (path: string, login = '/login') =>
  returnPath(path) ? `${login}?next=${encodeURIComponent(path)}` : login;
