import { LIMITS } from '../../scenario/limits';
import { useApp } from '../store';
import { CheckboxField, DraftInput, useRefuseTyped } from './fields';

/** Parses "6, 12" into increasing positive months; null when it is not such a list. */
export function parseBreakpoints(text: string): number[] | null {
  const t = text.trim();
  if (t === '') return [];
  const parts = t.split(/[,;\s]+/).map(Number);
  const ok =
    parts.length <= LIMITS.breakpoints.max &&
    parts.every(
      (x, i) => Number.isFinite(x) && x > 0 && x < 1200 && (i === 0 || x > parts[i - 1]!),
    );
  return ok ? parts : null;
}

/**
 * The model's structure: remission split into complete and partial, re-remission after a
 * relapse, and the months where intensities change (e.g. "6": no relapse before month 6 can then
 * be set on its own slider). Intensities carry over to the new structure.
 */
export function StructureControls() {
  const template = useApp((s) => s.trial.template);
  const setTemplate = useApp((s) => s.setTemplate);
  const refuse = useRefuseTyped();
  const shown = template.breakpoints.join(', ');
  const commit = (text: string) => {
    const bp = parseBreakpoints(text);
    if (!bp) {
      refuse({
        field: 'Intensities change at',
        message: `"${text}" is not an increasing list of up to ${LIMITS.breakpoints.max} months`,
        used: shown || '(none)',
      });
      return;
    }
    if (bp.join() !== template.breakpoints.join()) setTemplate({ ...template, breakpoints: bp });
  };
  return (
    <section className="panel structure" aria-labelledby="structure-heading">
      <h2 id="structure-heading">Model structure</h2>
      <CheckboxField
        id="split-input"
        checked={template.splitRemission}
        onChange={(splitRemission) => setTemplate({ ...template, splitRemission })}
      >
        Split remission into complete and partial
      </CheckboxField>
      <CheckboxField
        id="reremission-input"
        checked={template.reRemission}
        onChange={(reRemission) => setTemplate({ ...template, reRemission })}
      >
        Allow remission again after a relapse
      </CheckboxField>
      <div className="field">
        <label htmlFor="breakpoints-input">
          Intensities change at <span className="unit">(months)</span>
        </label>
        <DraftInput
          id="breakpoints-input"
          inputMode="decimal"
          placeholder="e.g. 6"
          value={shown}
          onCommit={commit}
        />
      </div>
    </section>
  );
}
