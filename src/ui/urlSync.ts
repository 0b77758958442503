import { decodeLink } from '../scenario/builtIn';
import type { Scenario } from '../scenario/scenario';
import { encodeScenario } from '../scenario/urlCodec';
import { CURVES_KEY, decodeCurves, withCurves } from '../scenario/curveLinkCodec';
import type { DigitisedCurve } from '../scenario/digitisedCurves';
import { currentScenario, useApp } from './store';

/**
 * The URL is a view of the store and the playback clock. Loading a page decodes its query into
 * the store (problems become a dismissible message naming each field) and gives the link's
 * playhead and speed to the clock, once (`setScenario`). Changes of the trial or the view write
 * the URL back with `history.replaceState` (debounced), and so do a pause, a scrub, a step and a
 * change of speed: the writer reads the time and the speed from the clock as it writes, never per
 * frame of playback, and never writes them into the store. Choosing a study or a new seed pushes
 * a history entry so Back and Forward step through them.
 */

/** Debounce of `replaceState` while a slider moves (ms). */
export const URL_DEBOUNCE_MS = 250;

/**
 * The shareable URL of a scenario and its digitised curves for this page, and `omitted`: the
 * length the link would have had when the curves made it too long and were left out of it.
 */
export function shareLink(
  s: Scenario,
  curves: readonly DigitisedCurve[] = [],
  href = window.location.href,
): { url: string; omitted: number | null } {
  const u = new URL(href);
  u.search = '';
  u.hash = '';
  const { query, omitted } = withCurves(encodeScenario(s), curves, u.toString());
  u.search = `?${query}`;
  return { url: u.toString(), omitted };
}

/** The shareable URL of a scenario (and its curves, when they fit) for this page. */
export function shareUrl(
  s: Scenario,
  curves: readonly DigitisedCurve[] = [],
  href = window.location.href,
): string {
  return shareLink(s, curves, href).url;
}

// The query the address bar shows: the scenario, and the curves when the link stays short enough.
const currentQuery = (): string => {
  const state = useApp.getState();
  const base = window.location.origin + window.location.pathname;
  return withCurves(encodeScenario(currentScenario(state)), state.curves, base).query;
};

/** Starts syncing; returns a function that stops it. */
export function startUrlSync(): () => void {
  const apply = (title: string) => {
    const query = window.location.search;
    if (query.length <= 1) return false;
    const { scenario, problems } = decodeLink(query);
    // The link's curves replace the page's; a link without `dc` leaves them (a link too long for
    // its curves was written without them, see shareLink).
    const dc = new URLSearchParams(query).get(CURVES_KEY);
    const read = dc === null ? null : decodeCurves(dc);
    if (read) useApp.setState({ curves: read.curves });
    useApp.getState().setScenario(scenario, [...problems, ...(read?.problems ?? [])], title);
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
  let last = currentQuery();
  let fromHistory = false;
  const write = (push: boolean) => {
    const q = currentQuery();
    if (q === last && !push) return;
    last = q;
    const url = `${window.location.pathname}?${q}`;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  };
  if (window.location.search.length <= 1 || currentQuery() !== window.location.search.slice(1)) {
    write(false);
  }

  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => write(false), URL_DEBOUNCE_MS);
  };
  const unsub = useApp.subscribe((state, prev) => {
    if (state.trial === prev.trial && state.view === prev.view && state.curves === prev.curves) {
      return;
    }
    if (fromHistory) return;
    const s = state.trial;
    const p = prev.trial;
    if (s.study !== p.study || s.arm !== p.arm || s.seed !== p.seed) {
      if (timer) clearTimeout(timer);
      timer = null;
      const q = currentQuery();
      if (q !== last) {
        last = q;
        window.history.pushState(null, '', `${window.location.pathname}?${q}`);
      }
      return;
    }
    later();
  });
  // The clock: pause, end of playback and speed (state), scrub and step (time while paused).
  const { clock } = useApp.getState();
  const unsubState = clock.subscribeState(() => {
    if (!fromHistory && !clock.playing) later();
  });
  const unsubTime = clock.subscribe(() => {
    if (!fromHistory && !clock.playing) later();
  });
  const onPop = () => {
    fromHistory = true;
    try {
      if (!apply('Some settings in the link were replaced')) {
        // Back to the bare page: the default scenario.
        const { scenario } = decodeLink('');
        useApp.getState().setScenario(scenario);
      }
      last = currentQuery();
    } finally {
      fromHistory = false;
    }
  };
  window.addEventListener('popstate', onPop);
  return () => {
    unsub();
    unsubState();
    unsubTime();
    window.removeEventListener('popstate', onPop);
    if (timer) clearTimeout(timer);
  };
}
