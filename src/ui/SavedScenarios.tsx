import { useState } from 'react';
import { DEFAULT_STUDY_ID, STUDIES } from '../data';
import {
  deleteSaved,
  exportSavedJson,
  importSavedJson,
  listSaved,
  loadSaved,
  openBrowserStorage,
  renameSaved,
  savedDateText,
  saveScenario,
  type OpenedStorage,
  type StorageLike,
} from './storage/savedScenarios';
import { downloadText, readPickedFile } from './download';
import { FileButton } from './FileButton';
import { currentScenario, useApp } from './store';

// The browser's localStorage, or (when it is blocked) one in-memory stand-in for the life of the
// page, opened once: the panel then says that saves will not survive a reload.
let opened: OpenedStorage | undefined;
function openedStorage(): OpenedStorage {
  return (opened ??= openBrowserStorage(() => window.localStorage));
}
const storage = (): StorageLike => openedStorage().storage;

/**
 * Saved scenarios: name and save the current scenario in this browser, then list, open,
 * rename, delete; export all to a JSON file and import one. Corrupted entries are reported and
 * skipped, never fatal.
 */
export function SavedScenarios() {
  const setScenario = useApp((s) => s.setScenario);
  const notify = useApp((s) => s.notify);
  const [name, setName] = useState('');
  const [version, setVersion] = useState(0);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const { notice } = openedStorage();
  const { saved, problems } = listSaved(storage());
  void version;
  const refresh = () => setVersion((v) => v + 1);
  const report = (title: string, message: string) =>
    notify({
      kind: 'warning',
      title,
      // The notice adds "; used …." itself: no full stop of the message's own before it.
      problems: [
        { field: 'saved scenarios', message: message.replace(/\.$/, ''), used: 'nothing changed' },
      ],
    });

  return (
    <details className="saved">
      <summary>Saved scenarios ({saved.length})</summary>
      <div className="saved-body">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const r = saveScenario(
              storage(),
              name.trim() || `Scenario ${saved.length + 1}`,
              currentScenario(),
              new Date(),
              useApp.getState().curves,
            );
            if (!r.ok) report('Could not save', r.message);
            else if (notice)
              notify({
                kind: 'warning',
                title: `Saved “${r.saved.name}” for this visit only: it is lost when the page is reloaded. Use “Export all (JSON)” to keep it.`,
                problems: [],
              });
            setName('');
            refresh();
          }}
        >
          <label>
            Scenario name
            <input
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.currentTarget.value)}
              placeholder="e.g. Lecture 3, high relapse"
            />
          </label>
          <button type="submit">Save current</button>
        </form>
        {notice && (
          <p className="warning" role="status">
            {notice}
          </p>
        )}
        {problems.length > 0 && (
          <p className="warning" role="status">
            Skipped {problems.length} unreadable saved entr{problems.length === 1 ? 'y' : 'ies'}:{' '}
            {problems.map((p) => `${p.where}: ${p.message}`).join('; ')}
          </p>
        )}
        <ul className="saved-list">
          {saved.map((s) => (
            <li key={s.id}>
              {renaming?.id === s.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    const r = renameSaved(storage(), s.id, renaming.name);
                    if (!r.ok) report('Could not rename', r.message);
                    setRenaming(null);
                    refresh();
                  }}
                >
                  <input
                    aria-label="New name"
                    value={renaming.name}
                    maxLength={80}
                    onChange={(e) => setRenaming({ id: s.id, name: e.currentTarget.value })}
                  />
                  <button type="submit">OK</button>
                </form>
              ) : (
                <span className="saved-name">{s.name}</span>
              )}{' '}
              <span className="saved-date">{savedDateText(s.savedAt)}</span>{' '}
              <button
                type="button"
                onClick={() => {
                  const r = loadSaved(storage(), s.id, STUDIES, DEFAULT_STUDY_ID);
                  if (!r.ok) report('Could not open', r.message);
                  else {
                    // A saved scenario brings its curves back; one saved without any leaves none.
                    useApp.setState({ curves: r.curves });
                    setScenario(r.scenario, r.problems, `“${s.name}”: some settings were replaced`);
                  }
                }}
              >
                Open
              </button>{' '}
              <button type="button" onClick={() => setRenaming({ id: s.id, name: s.name })}>
                Rename
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  deleteSaved(storage(), s.id);
                  refresh();
                }}
                aria-label={`Delete ${s.name}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
        <div className="saved-io">
          <button
            type="button"
            onClick={() => {
              const { text } = exportSavedJson(storage());
              downloadText(text, 'saved-scenarios.json', 'application/json');
            }}
          >
            Export all (JSON)
          </button>
          <FileButton
            label="Import JSON"
            accept=".json,application/json"
            onFile={async (file) => {
              try {
                const text = await readPickedFile(file);
                const r = importSavedJson(storage(), text, STUDIES, DEFAULT_STUDY_ID);
                notify({
                  kind: r.problems.length ? 'warning' : 'info',
                  title: `Imported ${r.imported.length} scenario(s) from ${file.name}`,
                  problems: r.problems.map((p) => ({
                    field: p.where,
                    message: p.message,
                    used: '(skipped)',
                  })),
                });
              } catch (err) {
                report('Could not import', err instanceof Error ? err.message : String(err));
              }
              refresh();
            }}
          />
        </div>
      </div>
    </details>
  );
}
