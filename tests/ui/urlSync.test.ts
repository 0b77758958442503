// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { URL as NodeURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeLink } from '../../src/scenario/builtIn';
import { encodeScenario } from '../../src/scenario/urlCodec';
import { currentScenario, useApp } from '../../src/ui/store';
import { startUrlSync, URL_DEBOUNCE_MS } from '../../src/ui/urlSync';

/**
 * The playhead and the speed have one owner, the playback clock: the URL writer reads them from
 * the clock (on pause, scrub, step and speed change, never per frame), a link gives them to the
 * clock once, and nothing writes them into the store.
 */

const { links } = JSON.parse(
  // Node's URL: happy-dom's own cannot name a file.
  readFileSync(new NodeURL('../pins/links.json', import.meta.url), 'utf8'),
) as { links: { link: string }[] };

/** The page's query as a map (the order of keys is the codec's business, not this test's). */
const query = () => Object.fromEntries(new URLSearchParams(window.location.search));

let stop: (() => void) | null = null;
const open = (search: string) => {
  window.history.replaceState(null, '', `/${search}`);
  stop = startUrlSync();
};

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'performance'],
  });
  useApp.setState(useApp.getInitialState(), true);
  const { clock } = useApp.getState();
  clock.pause();
  clock.setSpeed(1);
  clock.setTime(0);
});
afterEach(() => {
  stop?.();
  stop = null;
  useApp.getState().clock.pause();
  vi.useRealTimers();
});

describe('the URL and the playback clock', () => {
  it("gives a link's playhead and speed to the clock, and none to the trial", () => {
    open('?study=followup2018&sp=2&rv=km&cyc=3&at=24.5');
    const { clock, trial, view } = useApp.getState();
    expect(clock.time).toBe(24.5);
    expect(clock.speed).toBe(2);
    expect(view).toEqual({ relapseView: 'km', cycle: 3 });
    expect(trial).not.toHaveProperty('at');
    expect(trial).not.toHaveProperty('speed');
    // The page keeps its link's view.
    expect(query()).toMatchObject({ sp: '2', at: '24.5', rv: 'km', cyc: '3' });
  });

  it('writes a change of speed into the link, never into the trial', () => {
    open('?study=followup2018&at=12');
    const trial = useApp.getState().trial;
    const trialChanges = vi.fn();
    const unsub = useApp.subscribe((s, p) => s.trial !== p.trial && trialChanges());
    const before = window.location.search;
    useApp.getState().clock.setSpeed(4);
    expect(window.location.search).toBe(before); // throttled: not yet
    vi.advanceTimersByTime(URL_DEBOUNCE_MS + 1);
    expect(query()).toMatchObject({ sp: '4', at: '12' });
    expect(useApp.getState().trial).toBe(trial);
    expect(trialChanges).not.toHaveBeenCalled();
    unsub();
  });

  it('writes a scrub or a step into the link, never into the trial', () => {
    open('?study=followup2018');
    const trial = useApp.getState().trial;
    useApp.getState().clock.setTime(36.2);
    vi.advanceTimersByTime(URL_DEBOUNCE_MS + 1);
    expect(query().at).toBe('36.2');
    expect(useApp.getState().trial).toBe(trial);
  });

  it('writes no link per frame of playback, one on pause at a tenth of a month', () => {
    open('?study=followup2018');
    const replace = vi.spyOn(window.history, 'replaceState');
    const { clock } = useApp.getState();
    clock.play();
    for (let i = 0; i < 120; i++) vi.advanceTimersByTime(16);
    expect(clock.playing).toBe(true);
    expect(clock.time).toBeGreaterThan(1); // about 2 months per second at speed 1
    expect(replace).not.toHaveBeenCalled();
    clock.pause();
    vi.advanceTimersByTime(URL_DEBOUNCE_MS + 1);
    expect(replace).toHaveBeenCalledTimes(1);
    const at = Number(query().at);
    expect(at).toBe(clock.time);
    expect(Math.round(at * 10)).toBeCloseTo(at * 10, 9);
    replace.mockRestore();
  });

  it('a change of the trial keeps the clock where it is; another study starts at 0', () => {
    open('?study=followup2018&at=20&sp=0.5');
    useApp.getState().patch({ seed: 'another', n: 40 });
    useApp.getState().setIntensity('relapse', 0, 0.3);
    const { clock } = useApp.getState();
    expect(clock.time).toBe(20);
    expect(clock.speed).toBe(0.5);
    // A shorter horizon moves the playhead: the clock stays within the trial.
    useApp.getState().patch({ horizon: 12 });
    expect(clock.time).toBe(12);
    useApp.getState().loadStudy('fouryear2013');
    expect(clock.time).toBe(0);
    expect(clock.speed).toBe(0.5);
    vi.advanceTimersByTime(URL_DEBOUNCE_MS + 1);
    expect(query()).toMatchObject({ study: 'fouryear2013', sp: '0.5' });
    expect(query().at ?? '0').toBe('0');
  });

  it.each(links.map((l) => [l.link] as const))(
    'opens the pinned link %j into the store and the clock, and makes the same link of them',
    (link) => {
      const search = link.includes('?') ? link.slice(link.indexOf('?')).split('#')[0]! : `?${link}`;
      open(search);
      expect(encodeScenario(currentScenario())).toBe(encodeScenario(decodeLink(search).scenario));
    },
  );
});
