import { useEffect, useRef, useState } from 'react';
import { URL_LENGTH_BUDGET } from '../scenario/urlCodec';
import { useApp } from './store';
import { shareUrl } from './urlSync';
import { SavedScenarios } from './lazyPanels';

/** Copy-link button with a visible confirmation, and the saved-scenarios menu. */
export function ShareBar() {
  const scenario = useApp((s) => s.scenario);
  const [copied, setCopied] = useState<'idle' | 'ok' | 'manual'>('idle');
  const [manualUrl, setManualUrl] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const copy = async () => {
    const url = shareUrl(scenario);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('ok');
    } catch {
      // No clipboard permission (file://, old browser): show the link to copy by hand.
      setManualUrl(url);
      setCopied('manual');
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied('idle'), 4000);
  };
  const long = shareUrl(scenario).length > URL_LENGTH_BUDGET;
  return (
    <div className="sharebar">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" aria-live="polite" className="copy-status">
        {copied === 'ok' ? '✓ Link copied' : ''}
        {long && copied === 'ok' ? ' (long link: consider saving to a file)' : ''}
      </span>
      {copied === 'manual' && (
        <label className="manual-link">
          Copy this link:
          <input readOnly value={manualUrl} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      <SavedScenarios />
    </div>
  );
}
