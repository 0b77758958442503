import { useState, type InputHTMLAttributes } from 'react';
import type { ScenarioProblem } from '../../scenario/problems';
import { useApp } from '../store';

/** The props of `DraftInput`: an input's own, less the ones it sets. */
type DraftInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'value' | 'onChange' | 'onBlur' | 'onKeyDown'
> & {
  /** What the field shows while nothing is being typed. */
  value: string;
  /** The typed text, on blur or Enter (the field then shows `value` again). */
  onCommit: (text: string) => void;
};

/**
 * A text field that holds what is typed as a draft, so a half-typed number never reaches the
 * scenario: the draft is handed over on blur or Enter, and dropped on Escape. The caller checks
 * it and says why when it is not used (`useRefuseTyped`).
 */
export function DraftInput({ value, onCommit, ...input }: DraftInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    onCommit(draft);
  };
  return (
    <input
      {...input}
      type="text"
      value={draft ?? value}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}

/** Tells the user a typed value was not used: the field, why, and the value kept instead. */
export function useRefuseTyped(): (problem: ScenarioProblem) => void {
  const notify = useApp((s) => s.notify);
  return (problem) =>
    notify({ kind: 'warning', title: 'A typed value was not used', problems: [problem] });
}
