import { LIMITS } from '../../scenario/limits';
import { replicatesNote } from '../../scenario/replicateBudget';
import { useApp } from '../store';
import { DraftInput, useRefuseTyped } from './DraftInput';

/** A fresh seed from the browser's cryptographic generator (the scenario then carries it). */
export function freshSeed(): string {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0]!.toString(36);
}

/** A number field that refuses bad input with a message naming the field and keeps the value. */
export function NumberField(props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  integer?: boolean;
  unit?: string;
  onCommit: (v: number) => void;
}) {
  const refuse = useRefuseTyped();
  const commit = (text: string) => {
    const v = Number(text.trim());
    const ok =
      text.trim() !== '' &&
      Number.isFinite(v) &&
      v >= props.min &&
      v <= props.max &&
      (!props.integer || Number.isInteger(v));
    if (!ok) {
      refuse({
        field: props.label,
        message: `"${text}" is not ${props.integer ? 'a whole number' : 'a number'} from ${props.min} to ${props.max}`,
        used: String(props.value),
      });
      return;
    }
    if (v !== props.value) props.onCommit(v);
  };
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        {props.unit ? <span className="unit"> ({props.unit})</span> : null}
      </label>
      <DraftInput
        id={props.id}
        inputMode={props.integer ? 'numeric' : 'decimal'}
        value={String(props.value)}
        onCommit={commit}
      />
    </div>
  );
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
        min={LIMITS.n.min}
        max={LIMITS.n.max}
        integer
        onCommit={(n) => patch({ n })}
      />
      <NumberField
        id="horizon-input"
        label="Horizon"
        unit="months"
        value={s.horizon}
        min={LIMITS.horizon.min}
        max={LIMITS.horizon.max}
        integer
        onCommit={(horizon) => patch({ horizon })}
      />
      <NumberField
        id="replicates-input"
        label="Replicate trials"
        value={s.replicates}
        min={LIMITS.replicates.min}
        max={LIMITS.replicates.max}
        integer
        onCommit={(replicates) => patch({ replicates })}
      />
      {capNote && (
        <p className="field-note" id="replicates-note">
          {capNote}
        </p>
      )}
      <div className="field checkbox">
        <input
          id="censoring-input"
          type="checkbox"
          checked={s.censoring}
          onChange={(e) => patch({ censoring: e.currentTarget.checked })}
        />
        <label htmlFor="censoring-input">
          Study design (staggered entry {s.design.accrualMonths} mo, cut-off {s.design.cutoffMonths}{' '}
          mo)
        </label>
      </div>
    </section>
  );
}
