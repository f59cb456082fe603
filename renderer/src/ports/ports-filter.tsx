import { useId } from 'react';

/** The filter over every port; Escape clears it. */
export function PortsFilter({ query, onChange }: { query: string; onChange: (query: string) => void }) {
  const filterId = useId();
  return (
    <div className="ports-filter">
      <label htmlFor={filterId} className="visually-hidden">
        Filter ports
      </label>
      <input
        id={filterId}
        type="search"
        className="input"
        placeholder="Filter: host, port, project, container…"
        value={query}
        data-testid="ports-filter"
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query) {
            event.preventDefault();
            onChange('');
          }
        }}
      />
    </div>
  );
}
