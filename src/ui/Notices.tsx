import { useApp } from './store';

/**
 * Dismissible messages: each names the field, what was wrong and the value used instead. All
 * text goes through React (never innerHTML), so markup from a link is shown, not run.
 */
export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`}>
          <div className="notice-head">
            <strong>{n.title}</strong>
            <button type="button" onClick={() => dismiss(n.id)} aria-label={`Dismiss: ${n.title}`}>
              ✕
            </button>
          </div>
          {n.problems.length > 0 && (
            <ul>
              {n.problems.slice(0, 12).map((p, i) => (
                <li key={i}>
                  <code>{p.field}</code>: {p.message}; used {p.used}.
                </li>
              ))}
              {n.problems.length > 12 && <li>… and {n.problems.length - 12} more.</li>}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
