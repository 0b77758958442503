/**
 * The small form fields of the control panels (typed text, numbers, checkboxes), each refusing
 * bad input the same way: a message naming the field and the value kept.
 */
import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
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
 * it and says why when it is not used (`useRefuseTyped`); `NumberField` is the usual caller.
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

/** A number field that refuses bad input with a message naming the field and keeps the value. */
export function NumberField(props: {
  id: string;
  label: string;
  value: number;
  /** The values allowed (a `LIMITS` entry). */
  range: { min: number; max: number };
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
      v >= props.range.min &&
      v <= props.range.max &&
      (!props.integer || Number.isInteger(v));
    if (!ok) {
      refuse({
        field: props.label,
        message: `"${text}" is not ${props.integer ? 'a whole number' : 'a number'} from ${props.range.min} to ${props.range.max}`,
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

/** A checkbox with its label after it (`children`); `onChange` gets the new state. */
export function CheckboxField(props: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="field checkbox">
      <input
        id={props.id}
        data-testid={props.testId}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label htmlFor={props.id}>{props.children}</label>
    </div>
  );
}
