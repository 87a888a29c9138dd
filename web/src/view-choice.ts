/**
 * 电脑版 / 手机版: a grid worker on a small screen starts on the phone pages, unless they chose the
 * console. The choice is kept on the device, and `?view=desktop` (what the phone's button opens)
 * counts as choosing even where storage is unavailable.
 */

const KEY = 'linli.view';
export type ViewChoice = 'desktop' | 'phone';

export function chooseView(v: ViewChoice) {
  try {
    localStorage.setItem(KEY, v);
  } catch {
    // Private mode: the query flag still carries the choice for this visit.
  }
}

export function prefersDesktop(search: string): boolean {
  if (new URLSearchParams(search).get('view') === 'desktop') {
    chooseView('desktop');
    return true;
  }
  try {
    return localStorage.getItem(KEY) === 'desktop';
  } catch {
    return false;
  }
}
