import { useState, type ChangeEvent } from 'react';
import {
  NEW_RELAPSE_DENOMINATORS,
  newRelapsesLetter,
  QUANTITY_CODES,
  quantityCode,
} from '../../scenario/quantityCodes';
import { validateTarget } from '../../scenario/validateTarget';
import type { Target } from '../../model/types';
import type { FitRow } from '../derived';
import { formatPercent } from '../../scenario/format';
import { LIMITS } from '../../scenario/limits';
import { useApp } from '../store';

// The form picks new relapses by whom they count (`new-<letter>`) and asks the month apart.
const NEW_CODES = NEW_RELAPSE_DENOMINATORS.map((d) => ({
  code: `new-${d.letter}`,
  label: d.label,
}));

interface Draft {
  code: string;
  from: string;
  time: string;
  k: string;
  n: string;
  percent: string;
  label: string;
}

const emptyDraft: Draft = {
  code: 'os',
  from: '0',
  time: '12',
  k: '',
  n: '',
  percent: '',
  label: '',
};

/**
 * Add, change or remove reported figures, then re-fit: a teacher can type in a study that is
 * not built in. A figure can be given as k of n, or as a percentage of n (k is then rounded).
 */
export function TargetEditor({
  rows,
  onFit,
  fitting,
}: {
  rows: FitRow[];
  onFit: () => void;
  fitting: boolean;
}) {
  const setTargets = useApp((s) => s.setTargets);
  const custom = useApp((s) => s.trial.targets);
  const notify = useApp((s) => s.notify);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [editing, setEditing] = useState<string | null>(null);
  const current: Target[] = rows.map((r) => ({
    id: r.id,
    label: r.label,
    quantity: r.quantity,
    time: r.time,
    k: r.k,
    n: r.n,
  }));

  // Each box of the form shows and writes one key of the draft.
  const box = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setDraft({ ...draft, [key]: e.currentTarget.value }),
  });
  const reset = () => {
    setDraft(emptyDraft);
    setEditing(null);
  };

  const submit = () => {
    const n = Number(draft.n);
    let k: number | string = draft.k;
    if (draft.k.trim() === '' && draft.percent.trim() !== '')
      k = Math.round((Number(draft.percent) / 100) * n);
    const code = draft.code.startsWith('new-')
      ? `new-${draft.from}-${draft.code.slice(4)}`
      : draft.code;
    const id = editing ?? nextId(current);
    const raw = {
      id,
      quantity: code,
      time: draft.time,
      k,
      n: draft.n,
      ...(draft.label.trim() ? { label: draft.label.trim() } : {}),
    };
    const { target, problems } = validateTarget(raw, `figure ${id}`);
    if (!target) {
      notify({ kind: 'warning', title: 'The figure was not added', problems });
      return;
    }
    const next = editing
      ? current.map((t) => (t.id === editing ? target : t))
      : [...current, target];
    setTargets(next);
    reset();
  };

  const edit = (t: Target) => {
    const q = t.quantity;
    setEditing(t.id);
    setDraft({
      code: q.kind === 'newRelapses' ? `new-${newRelapsesLetter(q.denominator)}` : quantityCode(q),
      from: q.kind === 'newRelapses' ? String(q.fromMonth) : '0',
      time: String(t.time),
      k: String(t.k),
      n: String(t.n),
      percent: '',
      label: t.label,
    });
  };

  return (
    <div className="target-editor">
      <p>
        {custom
          ? 'Your own figures (the study’s are kept in the study).'
          : 'The study’s figures. Changing any of them makes your own copy.'}{' '}
        {custom && (
          <button type="button" onClick={() => setTargets(null)}>
            Back to the study’s figures
          </button>
        )}
      </p>
      <table className="targets">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Figure</th>
            <th scope="col">Month</th>
            <th scope="col">k/n</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {current.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.id}</th>
              <td>{t.label}</td>
              <td>{t.time}</td>
              <td>
                {t.k}/{t.n} ({formatPercent(t.k / t.n)})
              </td>
              <td>
                <button type="button" onClick={() => edit(t)} aria-label={`Change ${t.id}`}>
                  Change
                </button>{' '}
                <button
                  type="button"
                  onClick={() => setTargets(current.filter((x) => x.id !== t.id))}
                  aria-label={`Remove ${t.id}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="target-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset>
          <legend>{editing ? `Change ${editing}` : 'Add a figure'}</legend>
          <label>
            Quantity
            <select {...box('code')}>
              {[...QUANTITY_CODES, ...NEW_CODES].map((q) => (
                <option key={q.code} value={q.code}>
                  {q.label}
                </option>
              ))}
            </select>
          </label>
          {draft.code.startsWith('new-') && (
            <label>
              From month
              <input inputMode="decimal" {...box('from')} />
            </label>
          )}
          <label>
            Month
            <input inputMode="decimal" {...box('time')} />
          </label>
          <label>
            k
            <input inputMode="numeric" {...box('k')} />
          </label>
          <label>
            or %
            <input inputMode="decimal" {...box('percent')} />
          </label>
          <label>
            n
            <input inputMode="numeric" {...box('n')} />
          </label>
          <label>
            Label (optional)
            <input maxLength={LIMITS.labelLength.max} {...box('label')} />
          </label>
          <button type="submit">{editing ? 'Save' : 'Add'}</button>
          {editing && (
            <button type="button" onClick={reset}>
              Cancel
            </button>
          )}
        </fieldset>
      </form>
      <button type="button" onClick={onFit} disabled={fitting || current.length === 0}>
        {fitting
          ? 'Fitting…'
          : custom
            ? 'Fit to these figures'
            : 'Fit to the study’s fitted figures (as published)'}
      </button>
    </div>
  );
}

function nextId(targets: Target[]): string {
  for (let i = 1; ; i++) if (!targets.some((t) => t.id === `T${i}`)) return `T${i}`;
}
