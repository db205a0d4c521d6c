import { useState } from 'react';
import { scenarioCatalog, type ScenarioName } from '@repo/api-client/msw';

/** Dev-only panel (not translated on purpose: it is a developer tool, not product UI). */
export function ScenarioSwitcher({
  initial,
  onChange,
}: {
  initial: ScenarioName;
  onChange: (name: ScenarioName) => void;
}) {
  const [current, setCurrent] = useState(initial);
  const info = scenarioCatalog.find((s) => s.name === current);
  return (
    <aside className="mock-switcher" aria-label="Mock scenario">
      <label>
        <strong>Mock API scenario</strong>{' '}
        <select
          value={current}
          onChange={(e) => {
            const name = e.target.value as ScenarioName;
            setCurrent(name);
            onChange(name);
          }}
        >
          {scenarioCatalog.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <p>
        <small>{info?.description} · applies to the next request</small>
      </p>
    </aside>
  );
}
