import { useEffect } from 'react';
import type { PlaybackClock } from './playback';
import { STEP_MONTHS } from './PlayBar';

/** The shortcuts, as the `?` list shows them. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Space', what: 'Play or pause (anywhere but a text or number field)' },
  { keys: '← / →', what: 'One month back / forward' },
  { keys: 'Home / End', what: 'Jump to the start / the end' },
  { keys: 'Escape', what: 'Leave presentation mode; close a tooltip or this list' },
  { keys: '?', what: 'Show this list' },
];

/** Input types that take typed text (Space and arrows belong to them). */
const TEXT_INPUTS = new Set([
  'text',
  'number',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** Whether an element is a field one types into (text, numbers, a list box, an editor). */
export function isTypingField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return true;
  return tag === 'INPUT' && TEXT_INPUTS.has((target as HTMLInputElement).type);
}

/**
 * Whether Space belongs to the focused element rather than to playback: typing fields, and a
 * checkbox or radio button reached from the keyboard (Space is the only key that toggles one; a
 * mouse click does not leave focus on it, see {@link useNoStickyFocus}).
 */
export function ownsSpace(target: EventTarget | null): boolean {
  if (isTypingField(target)) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return target.type === 'checkbox' || target.type === 'radio';
}

/** Whether the arrow keys, Home and End belong to the focused control (fields, sliders, tabs). */
export function ownsKeys(target: EventTarget | null): boolean {
  if (isTypingField(target)) return true;
  if (!(target instanceof HTMLElement)) return false;
  if (target.tagName === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return type !== 'checkbox' && type !== 'radio' && type !== 'button' && type !== 'submit';
  }
  const role = target.getAttribute('role');
  return role === 'tab' || role === 'slider';
}

/**
 * Space plays or pauses from anywhere except a typing field: also when a button has focus, so
 * Space never presses "Copy link" or "New seed" a second time (Enter still presses a focused
 * button). ← and → step a month, Home and End jump to the start and the end, unless focus is in a
 * control that uses those keys.
 */
export function useKeyboardShortcuts(clock: PlaybackClock): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === ' ') {
        if (ownsSpace(e.target)) return;
        // Capture phase and preventDefault: the focused button never sees the key.
        e.preventDefault();
        e.stopPropagation();
        if (!e.repeat) clock.toggle();
        return;
      }
      if (ownsKeys(e.target)) return;
      const stepTo = (t: number) => {
        clock.pause();
        clock.setTime(t);
      };
      if (e.key === 'ArrowRight') {
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
    // A button is pressed by Space on key-up: swallow that too.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && !ownsSpace(e.target)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, [clock]);
}

/**
 * Buttons, checkboxes and menus clicked with a pointer give their focus back, so the next Space
 * plays instead of pressing them again. Keyboard use is untouched (a click from Enter or Space
 * has `detail` 0), so keyboard users keep their place.
 */
export function useNoStickyFocus(): void {
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.detail === 0 || !(e.target instanceof Element)) return;
      const el = e.target.closest<HTMLElement>(
        'button, summary, [role="button"], [role="tab"], input[type="checkbox"], input[type="radio"], label',
      );
      if (!el) return;
      // After the click's own handlers ran (a handler may move focus on purpose, e.g. to a
      // slider): blur only if focus is still on what was clicked.
      setTimeout(() => {
        const active = document.activeElement;
        if (
          active instanceof HTMLElement &&
          (active === el ||
            el.contains(active) ||
            (el.tagName === 'LABEL' && !isTypingField(active)))
        ) {
          if (!isTypingField(active)) active.blur();
        }
      }, 0);
    };
    // A list box chosen from with the pointer (the speed) gives its focus back once chosen.
    let pointed: EventTarget | null = null;
    const onPointerDown = (e: PointerEvent) => {
      pointed = e.target;
    };
    const onChange = (e: Event) => {
      const el = e.target;
      if (el instanceof HTMLSelectElement && el === pointed && document.activeElement === el) {
        el.blur();
      }
    };
    const onKeyDown = () => {
      pointed = null;
    };
    document.addEventListener('click', onClick, true);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('change', onChange, true);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('change', onChange, true);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, []);
}
