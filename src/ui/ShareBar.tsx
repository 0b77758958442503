import { useEffect, useRef, useState } from 'react';
import { URL_LENGTH_BUDGET } from '../scenario/urlCodec';
import { LINK_CURVES_LIMIT } from '../scenario/curveLinkCodec';
import { currentScenario, useApp } from './store';
import { shareLink } from './urlSync';
import { SavedScenarios } from './lazyPanels';

/** Copy-link button with a visible confirmation, and the saved-scenarios menu. */
export function ShareBar() {
  // Re-rendered when the trial or the view changes; the playhead and speed are read from the
  // clock when the link is made (they only change the link's length by a few characters).
  useApp((s) => s.trial);
  useApp((s) => s.view);
  const curves = useApp((s) => s.curves);
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
    const { url } = shareLink(currentScenario(), curves);
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
  const link = shareLink(currentScenario(), curves);
  const long = link.url.length > URL_LENGTH_BUDGET;
  return (
    <div className="sharebar">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" aria-live="polite" className="copy-status">
        {copied === 'ok' ? '✓ Link copied' : ''}
        {long && copied === 'ok' && link.omitted === null
          ? ' (long link: consider saving to a file)'
          : ''}
      </span>
      {link.omitted !== null && (
        <span role="note" className="link-without-curves">
          With its digitised curves the link would be {link.omitted.toLocaleString('en')}{' '}
          characters, more than browsers reliably accept ({LINK_CURVES_LIMIT.toLocaleString('en')}):
          the link leaves the curves out. Share them with Export / import → Scenario (JSON).
        </span>
      )}
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
