import { decodeLink } from '../scenario/builtIn';
import type { Scenario } from '../scenario/scenario';
import { encodeScenario } from '../scenario/urlCodec';
import { useApp } from './store';

/**
 * The URL is a view of the store. Loading a page decodes its query into the scenario (problems
 * become a dismissible message naming each field); changes write the URL back with
 * `history.replaceState` (debounced), while choosing a study or a new seed pushes a history
 * entry so Back and Forward step through them.
 */

/** Debounce of `replaceState` while a slider moves (ms). */
export const URL_DEBOUNCE_MS = 250;

/** The shareable URL of a scenario for this page. */
export function shareUrl(s: Scenario, href = window.location.href): string {
  const u = new URL(href);
  u.search = `?${encodeScenario(s)}`;
  u.hash = '';
  return u.toString();
}

/** Starts syncing; returns a function that stops it. */
export function startUrlSync(): () => void {
  const apply = (title: string) => {
    const query = window.location.search;
    if (query.length <= 1) return false;
    const { scenario, problems } = decodeLink(query);
    useApp.getState().setScenario(scenario, problems, title);
    if (scenario.sampler === 1) {
      // The link replays the frozen version-1 sampler so that it shows its old patients; say why
      // a slider there reshuffles everyone, and how to get stable patients.
      useApp.getState().notify({
        kind: 'info',
        title:
          'This link was made by an earlier version: its patients are shown exactly as they were. ' +
          'In such a link a slider reshuffles every patient; choose the study again for ' +
          'patients that only change where the slider reaches them.',
        problems: [],
      });
    }
    return true;
  };
  apply('Some settings in the link were replaced');

  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = encodeScenario(useApp.getState().scenario);
  let fromHistory = false;
  const write = (push: boolean) => {
    const q = encodeScenario(useApp.getState().scenario);
    if (q === last && !push) return;
    last = q;
    const url = `${window.location.pathname}?${q}`;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  };
  if (
    window.location.search.length <= 1 ||
    encodeScenario(useApp.getState().scenario) !== window.location.search.slice(1)
  ) {
    write(false);
  }

  const unsub = useApp.subscribe((state, prev) => {
    if (state.scenario === prev.scenario) return;
    if (fromHistory) return;
    const s = state.scenario;
    const p = prev.scenario;
    if (s.study !== p.study || s.arm !== p.arm || s.seed !== p.seed) {
      if (timer) clearTimeout(timer);
      timer = null;
      const q = encodeScenario(s);
      if (q !== last) {
        last = q;
        window.history.pushState(null, '', `${window.location.pathname}?${q}`);
      }
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => write(false), URL_DEBOUNCE_MS);
  });
  const onPop = () => {
    fromHistory = true;
    try {
      if (!apply('Some settings in the link were replaced')) {
        // Back to the bare page: the default scenario.
        const { scenario } = decodeLink('');
        useApp.getState().setScenario(scenario);
      }
      last = encodeScenario(useApp.getState().scenario);
    } finally {
      fromHistory = false;
    }
  };
  window.addEventListener('popstate', onPop);
  return () => {
    unsub();
    window.removeEventListener('popstate', onPop);
    if (timer) clearTimeout(timer);
  };
}
