import type { PortMapping } from '../../../shared/index.js';
import { formatHostPort, formatOwner } from './port-table.js';

/** One published port: where it is published, and what publishes it. `index` counts from 0. */
export function PortRow({ row, index }: { row: PortMapping; index: number }) {
  return (
    <tr
      aria-rowindex={index + 2}
      data-testid="port-row"
      data-index={index}
      data-host={row.hostName}
      data-port={row.port}
      data-protocol={row.protocol}
      data-project={row.project ?? ''}
      data-container={row.container}
    >
      <th scope="row" title={row.hostName}>
        {row.hostName}
      </th>
      <td className="numeric mono">{formatHostPort(row)}</td>
      <td className={row.project ? undefined : 'muted'} title={formatOwner(row)}>
        {formatOwner(row)}
      </td>
      <td className="mono" title={row.container}>
        {row.container}
      </td>
      <td className="numeric mono">
        {row.containerPort}/{row.protocol}
      </td>
    </tr>
  );
}
