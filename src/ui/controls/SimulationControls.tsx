import { LIMITS } from '../../scenario/limits';
import { replicatesNote } from '../../scenario/replicateBudget';
import { useApp } from '../store';
import { CheckboxField, DraftInput, NumberField, useRefuseTyped } from './fields';

/** A fresh seed from the browser's cryptographic generator (the scenario then carries it). */
export function freshSeed(): string {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0]!.toString(36);
}

/** Seed, cohort size, horizon, replicates and censoring. */
export function SimulationControls() {
  const s = useApp((st) => st.trial);
  const patch = useApp((st) => st.patch);
  const refuse = useRefuseTyped();
  const capNote = replicatesNote(Math.max(s.n, s.compare?.n ?? 0), s.replicates);
  const commitSeed = (text: string) => {
    const v = text.trim();
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(v)) {
      refuse({ field: 'Seed', message: 'must be 1–40 letters, digits, - or _', used: s.seed });
      return;
    }
    if (v !== s.seed) patch({ seed: v });
  };
  return (
    <section className="panel sim-controls" aria-labelledby="sim-heading">
      <h2 id="sim-heading">Simulation</h2>
      <div className="field seed-field">
        <label htmlFor="seed-input">Seed</label>
        <div className="inline">
          <DraftInput id="seed-input" value={s.seed} onCommit={commitSeed} />
          <button type="button" onClick={() => patch({ seed: freshSeed() })}>
            New seed
          </button>
        </div>
      </div>
      <NumberField
        id="n-input"
        label="Patients"
        value={s.n}
        range={LIMITS.n}
        integer
        onCommit={(n) => patch({ n })}
      />
      <NumberField
        id="horizon-input"
        label="Horizon"
        unit="months"
        value={s.horizon}
        range={LIMITS.horizon}
        integer
        onCommit={(horizon) => patch({ horizon })}
      />
      <NumberField
        id="replicates-input"
        label="Replicate trials"
        value={s.replicates}
        range={LIMITS.replicates}
        integer
        onCommit={(replicates) => patch({ replicates })}
      />
      {capNote && (
        <p className="field-note" id="replicates-note">
          {capNote}
        </p>
      )}
      <CheckboxField
        id="censoring-input"
        checked={s.censoring}
        onChange={(censoring) => patch({ censoring })}
      >
        Study design (staggered entry {s.design.accrualMonths} mo, cut-off {s.design.cutoffMonths}{' '}
        mo)
      </CheckboxField>
    </section>
  );
}
