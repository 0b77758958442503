import { useMemo } from 'react';
import { scaleLinear } from 'd3-scale';
import { CURVE_ENDPOINT_LABELS } from '../../model/calibrate/reconstructedLikelihood';
import type { CurveEndpoint } from '../../model/calibrate/reconstructedLikelihood';
import { kaplanMeier } from '../../model/estimate/kaplanMeier';
import {
  CURVE_ENDPOINTS,
  formatInputMessage,
  parseAtRiskCsv,
  parseCurveCsv,
  patientsCsv,
  reconstructCurve,
  type DigitisedCurve,
  type ValueScale,
} from '../../scenario/digitisedCurves';
import { downloadText } from '../download';
import { useApp } from '../store';
import { formatPercent } from '../../scenario/format';

// What the reconstruction of a curve in the fit gives, e.g. `, 81 reconstructed patients, 15
// events` (a curve opened from a link or file shows here what the fit will use).
const reconstructedText = (c: DigitisedCurve): string => {
  const r = reconstructCurve(c).reconstruction;
  return r.ok ? `, ${r.n} reconstructed patients, ${r.events} events` : ', cannot be reconstructed';
};

/**
 * A published Kaplan–Meier figure, digitised: paste or import its curve (`time,survival`) and its
 * number-at-risk table (`time,at_risk`), say which curve it is, and see the patients the Guyot et
 * al. (2012) algorithm reconstructs from it — their KM over the digitised points, the published
 * against the reconstructed numbers at risk, the largest gap — before using it in the fit.
 */
export function DigitisedCurvePanel() {
  const curves = useApp((s) => s.curves);
  const putCurve = useApp((s) => s.putCurve);
  const removeCurve = useApp((s) => s.removeCurve);
  // The typed input lives in the store's view slice, so it survives a change of tab.
  const { label, endpoint, scale, curveText, riskText, eventsText } = useApp((s) => s.curveDraft);
  const patchDraft = useApp((s) => s.patchCurveDraft);
  const setLabel = (label: string) => patchDraft({ label });
  const setEndpoint = (endpoint: CurveEndpoint) => patchDraft({ endpoint });
  const setScale = (scale: 'auto' | ValueScale) => patchDraft({ scale });
  const setCurveText = (curveText: string) => patchDraft({ curveText });
  const setRiskText = (riskText: string) => patchDraft({ riskText });
  const setEventsText = (eventsText: string) => patchDraft({ eventsText });

  const parsed = useMemo(() => {
    const c = parseCurveCsv(curveText, scale === 'auto' ? undefined : scale);
    const r = parseAtRiskCsv(riskText);
    const ev = eventsText.trim() === '' ? null : Number(eventsText);
    const curve: DigitisedCurve = {
      id: `c${curves.length + 1}`,
      label: label.trim() || CURVE_ENDPOINT_LABELS[endpoint],
      endpoint,
      points: c.points.map((p) => [p.time, p.survival]),
      atRisk: r.rows.map((x) => [x.time, x.atRisk]),
      totalEvents: ev !== null && Number.isInteger(ev) && ev >= 0 ? ev : null,
    };
    const fileProblems = [
      ...c.problems.map((p) => `curve${p.line > 0 ? ` line ${p.line}` : ''}: ${p.message}`),
      ...r.problems.map((p) => `at-risk table${p.line > 0 ? ` line ${p.line}` : ''}: ${p.message}`),
      ...(ev !== null && curve.totalEvents === null
        ? [`total events: "${eventsText}" is not a whole number; not used`]
        : []),
    ];
    const ready = curve.points.length > 0 && curve.atRisk.length > 0;
    const lines = {
      points: c.points.map((p) => p.line ?? 0),
      atRisk: r.rows.map((x) => x.line ?? 0),
    };
    return { c, curve, fileProblems, rec: ready ? reconstructCurve(curve, lines) : null };
  }, [curveText, riskText, eventsText, scale, label, endpoint, curves.length]);

  const readFile = (set: (t: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) void file.text().then(set);
    e.target.value = '';
  };
  const rec = parsed.rec?.reconstruction;

  return (
    <div className="digitised-panel">
      <p>
        Paste or import a digitised Kaplan–Meier curve and the number-at-risk table printed under
        it. The patients behind the curve are reconstructed with the algorithm of Guyot, Ades,
        Ouwens &amp; Welton (BMC Med Res Methodol 2012;12:9); “Use in fit” adds them to the fit as
        the exact likelihood of each reconstructed time.
      </p>
      <div className="digitised-inputs">
        <label>
          Curve label
          <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} />
        </label>
        <label>
          Which curve
          <select value={endpoint} onChange={(e) => setEndpoint(e.target.value as CurveEndpoint)}>
            {CURVE_ENDPOINTS.map((id) => (
              <option key={id} value={id}>
                {CURVE_ENDPOINT_LABELS[id]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Survival values are
          <select value={scale} onChange={(e) => setScale(e.target.value as 'auto' | ValueScale)}>
            <option value="auto">as the header says (else guessed)</option>
            <option value="fraction">fractions (0–1)</option>
            <option value="percent">percentages (0–100)</option>
          </select>
        </label>
        <label>
          Total events (if published)
          <input
            inputMode="numeric"
            value={eventsText}
            onChange={(e) => setEventsText(e.target.value)}
            size={6}
          />
        </label>
      </div>
      <div className="digitised-texts">
        <label>
          Digitised curve (time,survival)
          <textarea
            rows={6}
            value={curveText}
            onChange={(e) => setCurveText(e.target.value)}
            placeholder={'time,survival\n0,1\n3.2,0.95\n…'}
          />
          <input
            type="file"
            accept=".csv,.txt,text/csv"
            aria-label="Import curve CSV"
            onChange={readFile(setCurveText)}
          />
        </label>
        <label>
          Number at risk (time,at_risk)
          <textarea
            rows={6}
            value={riskText}
            onChange={(e) => setRiskText(e.target.value)}
            placeholder={'time,at_risk\n0,81\n12,70\n…'}
          />
          <input
            type="file"
            accept=".csv,.txt,text/csv"
            aria-label="Import at-risk CSV"
            onChange={readFile(setRiskText)}
          />
        </label>
      </div>
      {parsed.curve.points.length > 0 && !parsed.c.scaleDeclared && scale === 'auto' && (
        <p className="digitised-ask" role="status">
          The header does not say how survival is written: read as{' '}
          {parsed.c.scale === 'percent' ? 'percentages' : 'fractions'}. Choose above to be sure.
        </p>
      )}
      {(parsed.fileProblems.length > 0 || (rec && rec.messages.length > 0)) && (
        <details className="digitised-messages" open={!!rec && !rec.ok}>
          <summary>
            {parsed.fileProblems.length + (rec?.messages.length ?? 0)} repair(s) or refusal(s)
          </summary>
          <ul>
            {parsed.fileProblems.map((m, i) => (
              <li key={`f${i}`}>{m}</li>
            ))}
            {rec?.messages.map((m, i) => (
              <li key={`m${i}`} className={m.kind}>
                {formatInputMessage(m)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {rec && rec.ok && parsed.rec && (
        <div className="digitised-result" data-testid="reconstruction">
          <p>
            Reconstructed <strong>{rec.n}</strong> patients: {rec.events} events, {rec.censored}{' '}
            censored. Largest gap between their Kaplan–Meier curve and the digitised points:{' '}
            <strong>{formatPercent(rec.largestGap.value)}</strong> at {rec.largestGap.time} months.
          </p>
          <div className="digitised-figures">
            <ReconstructionChart
              points={rec.points.map((p) => [p.time, p.survival])}
              time={rec.time}
              event={rec.event}
            />
            <table className="fit-table">
              <caption>Numbers at risk: published against reconstructed</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col">Published</th>
                  <th scope="col">Reconstructed</th>
                </tr>
              </thead>
              <tbody>
                {rec.atRisk.map((a) => (
                  <tr
                    key={a.time}
                    className={a.published === a.reconstructed ? 'inside' : 'outside'}
                  >
                    <td>{a.time}</td>
                    <td>{a.published}</td>
                    <td>{a.reconstructed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="digitised-actions">
            <button type="button" onClick={() => putCurve(parsed.curve)}>
              Use in fit
            </button>
            <button
              type="button"
              onClick={() =>
                downloadText(patientsCsv(rec), 'reconstructed-patients.csv', 'text/csv')
              }
            >
              Export patients (CSV)
            </button>
          </div>
        </div>
      )}
      {curves.length > 0 && (
        <div className="digitised-in-use">
          <h3>Curves in the fit</h3>
          <p role="note">
            The link (Copy link) carries these curves while it stays within what browsers accept,
            about 8,000 characters; a longer link leaves them out and the share bar says so. The
            scenario file (Export / import → Scenario (JSON)) always carries them.
          </p>
          <ul>
            {curves.map((c) => (
              <li key={c.id}>
                {c.label} ({CURVE_ENDPOINT_LABELS[c.endpoint]}, {c.points.length} points
                {reconstructedText(c)}){' '}
                <button type="button" onClick={() => removeCurve(c.id)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

const W = 420;
const H = 220;
const M = { top: 10, right: 12, bottom: 30, left: 40 };

/** The digitised points and the Kaplan–Meier curve of the reconstructed patients. */
function ReconstructionChart({
  points,
  time,
  event,
}: {
  points: [number, number][];
  time: Float64Array;
  event: Uint8Array;
}) {
  const km = useMemo(() => kaplanMeier(time, event), [time, event]);
  const tMax = Math.max(1, ...points.map((p) => p[0]), ...time);
  const x = scaleLinear()
    .domain([0, tMax])
    .range([M.left, W - M.right])
    .nice();
  const y = scaleLinear()
    .domain([0, 1])
    .range([H - M.bottom, M.top]);
  let d = `M${x(0)},${y(1)}`;
  let s = 1;
  km.time.forEach((t, i) => {
    d += `H${x(t)}V${y(km.survival[i]!)}`;
    s = km.survival[i]!;
  });
  d += `H${x(tMax)}V${y(s)}`;
  return (
    <svg
      width={W}
      height={H}
      role="img"
      aria-label="Kaplan–Meier curve of the reconstructed patients over the digitised points"
    >
      {y.ticks(5).map((v) => (
        <g key={v}>
          <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#ddd" />
          <text x={M.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11}>
            {Math.round(v * 100)}%
          </text>
        </g>
      ))}
      {x.ticks(6).map((v) => (
        <text key={v} x={x(v)} y={H - M.bottom + 16} textAnchor="middle" fontSize={11}>
          {v}
        </text>
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 2} textAnchor="middle" fontSize={11}>
        months
      </text>
      <path d={d} fill="none" stroke="#1f4e79" strokeWidth={1.5} />
      {points.map(([t, v], i) => (
        <circle key={i} cx={x(t)} cy={y(v)} r={2.2} fill="#B2182B" />
      ))}
      {/* Legend low on the left: KM curves start at the top. */}
      <g fontSize={11} transform={`translate(${M.left + 10},${H - M.bottom - 34})`}>
        <rect x={-4} y={-4} width={140} height={32} fill="white" opacity={0.85} />
        <line x1={0} x2={20} y1={6} y2={6} stroke="#1f4e79" strokeWidth={1.5} />
        <text x={26} y={10}>
          reconstructed KM
        </text>
        <circle cx={10} cy={20} r={2.5} fill="#B2182B" />
        <text x={26} y={24}>
          digitised points
        </text>
      </g>
    </svg>
  );
}
