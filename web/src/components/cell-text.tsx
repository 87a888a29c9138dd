import { Tooltip } from 'antd';
import type { ReactNode } from 'react';

/**
 * A table cell's text cut to its column with an ellipsis, the whole text in a tooltip: for
 * columns with `ellipsis: { showTitle: false }`, so long names (离石区…) stay readable on hover.
 */
export function CellText({ text, children }: { text: string | null | undefined; children?: ReactNode }) {
  if (!text) return <>{children ?? '-'}</>;
  return (
    <Tooltip placement="topLeft" title={text}>
      <span className="cell-text">{children ?? text}</span>
    </Tooltip>
  );
}
