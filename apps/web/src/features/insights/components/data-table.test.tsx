import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Column, DataTable } from './data-table.tsx';

interface Fruit {
  name: string;
  count: number;
  hidden?: boolean;
}

const fruits: Fruit[] = [
  { name: 'apple', count: 3 },
  { name: 'pear', count: 0 },
];

const columns: Column<Fruit>[] = [
  { header: 'Fruit', cell: (f) => f.name },
  { header: 'Count', cell: (f) => f.count },
  { header: 'Double', cell: (f) => `${f.count * 2}!` },
];

const cellTexts = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('DataTable', () => {
  it('renders a column header per definition, in order, and a row of cells per item', () => {
    render(<DataTable rows={fruits} rowKey={(f) => f.name} columns={columns} />);
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Fruit', 'Count', 'Double']);
    for (const header of headers) expect(header).toHaveAttribute('scope', 'col');
    const [head, ...body] = screen.getAllByRole('row');
    expect(head?.closest('thead')).not.toBeNull();
    expect(body.map(cellTexts)).toEqual([
      ['apple', '3', '6!'],
      ['pear', '0', '0!'],
    ]);
  });

  it('renders a row-header column as th scope="row"', () => {
    render(
      <DataTable
        rows={fruits}
        rowKey={(f) => f.name}
        columns={[{ header: 'Fruit', cell: (f) => f.name, rowHeader: true }, ...columns.slice(1)]}
      />,
    );
    const rowHeaders = screen.getAllByRole('rowheader');
    expect(rowHeaders.map((h) => h.textContent)).toEqual(['apple', 'pear']);
    for (const header of rowHeaders) expect(header).toHaveAttribute('scope', 'row');
    expect(cellTexts(screen.getAllByRole('row')[1]!)).toEqual(['3', '6!']);
  });

  it('lets a cell span the columns after it, which then render nothing for that row', () => {
    const rows: Fruit[] = [...fruits, { name: 'fig', count: 9, hidden: true }];
    render(
      <DataTable
        rows={rows}
        rowKey={(f) => f.name}
        columns={[
          columns[0]!,
          {
            header: 'Count',
            cell: (f) => (f.hidden ? 'hidden' : f.count),
            colSpan: (f) => (f.hidden ? 2 : undefined),
          },
          columns[2]!,
        ]}
      />,
    );
    const [, apple, , fig] = screen.getAllByRole('row');
    expect(cellTexts(fig!)).toEqual(['fig', 'hidden']);
    expect(within(fig!).getByRole('cell', { name: 'hidden' })).toHaveAttribute('colspan', '2');
    expect(cellTexts(apple!)).toEqual(['apple', '3', '6!']);
    for (const cell of within(apple!).getAllByRole('cell')) expect(cell).not.toHaveAttribute('colspan');
  });

  it('puts the class names on the table and on the rows that ask for one', () => {
    render(
      <DataTable
        className="fruits"
        rows={fruits}
        rowKey={(f) => f.name}
        rowClassName={(f) => (f.count > 0 ? 'in-stock' : undefined)}
        columns={columns}
      />,
    );
    expect(screen.getByRole('table')).toHaveClass('fruits');
    const [, apple, pear] = screen.getAllByRole('row');
    expect(apple).toHaveClass('in-stock');
    expect(pear).not.toHaveAttribute('class');
  });
});
