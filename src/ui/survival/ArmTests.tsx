import { useMemo } from 'react';
import {
  censorAt,
  ENDPOINT_IDS,
  ENDPOINT_NAMES,
  stackArms,
  type EndpointId,
} from '../../model/estimate/endpoints';
import type { SurvivalData } from '../../model/estimate/cohortQueries';
import { coxBinary } from '../../model/estimate/coxBinary';
import { logRank } from '../../model/estimate/logRank';
import { formatHazardRatio, formatLogRank } from '../../scenario/twoArms';

/**
 * The two arms compared at the playhead's month, one list item per endpoint: the log-rank test
 * and the hazard ratio (B vs A) on the data censored there. Loaded only when two arms are
 * compared (lazyPanels.tsx), so a single-arm first screen does not carry the Cox fit.
 */
export function ArmTests({
  a,
  b,
  month,
}: {
  a: Record<EndpointId, SurvivalData>;
  b: Record<EndpointId, SurvivalData>;
  month: number;
}) {
  const tests = useMemo(
    () =>
      ENDPOINT_IDS.map((id) => {
        const s = stackArms(censorAt(a[id], month), censorAt(b[id], month));
        return {
          id,
          logRank: logRank(s.time, s.event, s.group),
          cox: coxBinary(s.time, s.event, s.group),
        };
      }),
    [a, b, month],
  );
  return (
    <>
      {tests.map((t) => (
        <li key={t.id} data-testid={`logrank-${t.id}`}>
          <strong>
            {capitalise(ENDPOINT_NAMES[t.id])}, B vs A at {month} months:
          </strong>{' '}
          {formatLogRank(t.logRank)}; {formatHazardRatio(t.cox)}
        </li>
      ))}
    </>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
