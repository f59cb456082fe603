import { useMemo } from 'react';
import type { SizeInfo } from '../../../shared/index.js';
import { DataTable } from '../views/data-table.js';
import { formatHourlyPrice, formatMemory, sortSizes } from './size-offers.js';

const SIZE_COLUMNS = [
  { label: 'Choice', hidden: true },
  'Type',
  'Class',
  { label: 'vCPU', numeric: true },
  { label: 'Memory', numeric: true },
  'Arch',
  { label: 'Per hour', numeric: true },
] as const;

interface SizeTableProps {
  sizes: readonly SizeInfo[];
  value: string | null;
  onChange: (type: string) => void;
  /** For the radio group's accessible name and error. */
  labelledBy: string;
  describedBy?: string | undefined;
}

/**
 * The provider's sizes side by side in normalised terms, one radio per row: the arrow keys move
 * the choice as in any radio group, and a click anywhere on the row picks it.
 */
export function SizeTable({ sizes, value, onChange, labelledBy, describedBy }: SizeTableProps) {
  const sorted = useMemo(() => sortSizes(sizes), [sizes]);
  return (
    <div className="size-table-scroll" role="radiogroup" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      <DataTable className="size-table" testId="size-table" columns={SIZE_COLUMNS} actions={false}>
        <tbody>
          {sorted.map((size) => {
            const id = `size-${size.type}`;
            const checked = size.type === value;
            return (
              <tr
                key={size.type}
                data-testid="size-row"
                data-size-type={size.type}
                data-size-class={size.normalized ?? ''}
                aria-selected={checked}
                onClick={() => onChange(size.type)}
              >
                <td className="size-choice">
                  <input
                    type="radio"
                    id={id}
                    name="machine-size"
                    value={size.type}
                    checked={checked}
                    onChange={() => onChange(size.type)}
                    data-testid="size-radio"
                  />
                </td>
                <th scope="row" className="mono">
                  <label htmlFor={id}>{size.type}</label>
                </th>
                <td>
                  {size.normalized ? (
                    <span className="size-class" data-class={size.normalized}>
                      {size.normalized}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="numeric">{size.vcpus}</td>
                <td className="numeric nowrap">{formatMemory(size.memoryGiB)}</td>
                <td className="mono">{size.arch}</td>
                <td
                  className="numeric nowrap"
                  data-testid="size-price"
                  title={
                    size.hourlyPriceUsd === null
                      ? 'The provider publishes no price for this type'
                      : 'On-demand price in US dollars'
                  }
                >
                  {formatHourlyPrice(size.hourlyPriceUsd)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </div>
  );
}
