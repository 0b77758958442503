import { useState } from 'react';
import type { PowerCurve } from '../../model/simulate/power';
import { useApp } from '../store';
import { requestPowerCurve } from '../simClient';

const pc = (x: number) => (Number.isFinite(x) ? `${Math.round(100 * x)}%` : '—');

/**
 * The sample-size control: how power grows with the number of patients per arm, over the same
 * replicate pairs as the power above (independent patients in each arm). Computed on demand in the
 * worker; a slider picks the trial size and the sentence reads its power with its interval.
 */
export function PowerBySize() {
  const scenario = useApp((s) => s.trial);
  const [result, setResult] = useState<{ for: typeof scenario; curve: PowerCurve } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pick, setPick] = useState<number | null>(null);
  const curve = result && result.for === scenario ? result.curve : null;

  if (!scenario.compare) return null;
  const compute = () => {
    setBusy(true);
    setError(null);
    const asked = scenario;
    requestPowerCurve(asked)
      .then((c) => {
        if (c) setResult({ for: asked, curve: c });
        setPick(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  if (!curve) {
    return (
      <div className="power-by-size" data-testid="power-by-size">
        <button type="button" onClick={compute} disabled={busy} data-testid="power-by-size-run">
          {busy
            ? 'Simulating trials of 10 to 500 patients per arm…'
            : 'Power for other trial sizes'}
        </button>
        {error && <p role="alert">Power could not be computed: {error}</p>}
      </div>
    );
  }
  const defaultIndex = Math.max(0, curve.sizes.indexOf(scenario.n));
  const i = Math.min(pick ?? defaultIndex, curve.sizes.length - 1);
  const n = curve.sizes[i]!;
  const os = curve.power.os[i]!;
  const rem = curve.power.remission[i]!;
  return (
    <div className="power-by-size" data-testid="power-by-size">
      <label htmlFor="power-n">
        Patients per arm: <strong data-testid="power-n">{n}</strong>
      </label>
      <input
        id="power-n"
        type="range"
        min={0}
        max={curve.sizes.length - 1}
        step={1}
        value={i}
        aria-valuetext={`${n} patients per arm`}
        onChange={(e) => setPick(Number(e.currentTarget.value))}
      />
      <p data-testid="power-at-n">
        A trial of {n} vs {n} detects the difference in time to first remission in {pc(rem.power)}{' '}
        of {rem.trials} trials (95% CI {pc(rem.lower)}–{pc(rem.upper)}); in overall survival in{' '}
        {pc(os.power)} ({pc(os.lower)}–{pc(os.upper)}).
      </p>
      <table className="power-table" data-testid="power-table">
        <caption>Power (log-rank p &lt; 0.05) against patients per arm</caption>
        <thead>
          <tr>
            <th scope="col">Per arm</th>
            {curve.sizes.map((s) => (
              <th scope="col" key={s}>
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Time to first remission</th>
            {curve.power.remission.map((p, k) => (
              <td key={curve.sizes[k]}>{pc(p.power)}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">Overall survival</th>
            {curve.power.os.map((p, k) => (
              <td key={curve.sizes[k]}>{pc(p.power)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
