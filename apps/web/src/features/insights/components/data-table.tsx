// A plain HTML table described by its columns: a header and a cell renderer each, in display order.
import type { ReactNode } from 'react';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Render this column's cells as the row's header (`<th scope="row">`) instead of `<td>`. */
  rowHeader?: boolean;
  /** For some rows, let this cell span the columns after it; those columns then render nothing. */
  colSpan?: (row: Row) => number | undefined;
}

export function DataTable<Row>(props: {
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: readonly Column<Row>[];
  className?: string;
  rowClassName?: (row: Row) => string | undefined;
}) {
  return (
    <table className={props.className}>
      <thead>
        <tr>
          {props.columns.map((column, i) => (
            <th scope="col" key={i}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)} className={props.rowClassName?.(row)}>
            {cells(props.columns, row)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cells<Row>(columns: readonly Column<Row>[], row: Row): ReactNode[] {
  let spanned = 0;
  return columns.map((column, i) => {
    if (spanned > 0) {
      spanned -= 1;
      return null;
    }
    const span = column.colSpan?.(row);
    spanned = (span ?? 1) - 1;
    return column.rowHeader ? (
      <th scope="row" key={i}>
        {column.cell(row)}
      </th>
    ) : (
      <td key={i} colSpan={span}>
        {column.cell(row)}
      </td>
    );
  });
}
