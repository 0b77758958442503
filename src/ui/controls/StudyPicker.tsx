import { STUDIES, getStudy } from '../../data';
import { shortCitation } from '../../data/citation';
import { useApp } from '../store';

/** The study (and arm) picker with the study's citation and design at a glance. */
export function StudyPicker() {
  const scenario = useApp((s) => s.trial);
  const loadStudy = useApp((s) => s.loadStudy);
  const study = getStudy(scenario.study);
  // A trial with arms shown side by side is one option; every other choice is study|arm.
  const value =
    scenario.compare && study && study.design.arms.length > 1
      ? scenario.study
      : `${scenario.study}|${scenario.arm}`;
  return (
    <div className="study-picker">
      <label htmlFor="study-select">Study</label>
      <select
        id="study-select"
        value={value}
        onChange={(e) => {
          const [id, arm] = e.currentTarget.value.split('|');
          loadStudy(id!, arm ?? '');
        }}
      >
        {STUDIES.map((s) => [
          <option key={s.id} value={s.design.arms.length > 1 ? s.id : `${s.id}|`}>
            {s.shortName}
            {s.design.arms.length > 1 ? ': arms compared' : ''}
          </option>,
          ...(s.design.arms.length > 1
            ? s.design.arms.map((a) => (
                <option key={`${s.id}|${a.id}`} value={`${s.id}|${a.id}`}>
                  {'\u2003'}
                  {a.label} arm only (n = {a.n})
                </option>
              ))
            : []),
        ])}
      </select>
      {study && (
        <p className="citation">
          {shortCitation(study.citation)}
          <span className="design-summary">
            {' '}
            · {study.design.cellSource}; {study.design.schedule}; follow-up {study.design.followUp}
          </span>
        </p>
      )}
    </div>
  );
}
