import { useEffect } from 'react';
import type { PlaybackClock } from './playback';
import { STEP_MONTHS } from './PlayBar';
import { useApp } from './store';

/** Whether a key event comes from a control that uses the keys itself (text, sliders, menus). */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return true;
  if (tag === 'INPUT')
    return (
      (target as HTMLInputElement).type !== 'checkbox' &&
      (target as HTMLInputElement).type !== 'radio'
    );
  const role = target.getAttribute('role');
  return role === 'tab' || role === 'slider';
}

/**
 * Space plays or pauses, ← and → step a month, Home and End jump to the start and the end, and
 * Escape leaves presentation mode — unless focus is in a control that needs those keys.
 */
export function useKeyboardShortcuts(clock: PlaybackClock): void {
  const patch = useApp((s) => s.patch);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKeys(e.target)) return;
      const stepTo = (t: number) => {
        clock.pause();
        clock.setTime(t);
        patch({ at: Math.round(clock.time * 10) / 10 });
      };
      if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        clock.toggle();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        stepTo(Math.round(clock.time) + STEP_MONTHS);
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        stepTo(Math.round(clock.time) - STEP_MONTHS);
      } else if (e.key === 'Home') {
        e.preventDefault();
        stepTo(0);
      } else if (e.key === 'End') {
        e.preventDefault();
        stepTo(clock.horizon);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, patch]);
}
