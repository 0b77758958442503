import { useRef } from 'react';

/**
 * A button that opens the file picker (the styled `.file-button` label over a hidden file input)
 * and hands the picked file to `onFile`; afterwards the pick is cleared, so picking the same file
 * again (after editing it) reads it again.
 */
export function FileButton(props: {
  /** The button's text, e.g. "Choose CSV…". */
  label: string;
  /** The input's `accept`: file endings and media types. */
  accept: string;
  onFile: (file: File) => void | Promise<void>;
  testId?: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <label className="file-button">
      {props.label}
      <input
        ref={ref}
        type="file"
        data-testid={props.testId}
        accept={props.accept}
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          if (file) await props.onFile(file);
          if (ref.current) ref.current.value = '';
        }}
      />
    </label>
  );
}
