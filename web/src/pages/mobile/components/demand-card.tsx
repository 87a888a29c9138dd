import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { demandStateLabel } from '../../../components/demand-labels.js';
import { formatDate } from '../../../components/format.js';
import type { Demand } from '../../../services/types.js';

/** Strong, readable colours for state badges on a phone. */
export const MOBILE_STATE_COLORS: Record<string, string> = {
  submitted: '#d46b08',
  accepted: '#1677ff',
  on_agenda: '#722ed1',
  escalation_requested: '#c41d7f',
  escalated: '#cf1322',
  resolved: '#08979c',
  closed: '#389e0d',
  merged: '#8c8c8c',
};

export function StateBadge({ demand }: { demand: Pick<Demand, 'state' | 'stateName'> }) {
  const { t } = useTranslation();
  return (
    <span className="m-state" style={{ background: MOBILE_STATE_COLORS[demand.state] ?? '#8c8c8c' }}>
      {demandStateLabel(t, demand.state, demand.stateName)}
    </span>
  );
}

/** One demand as a card: state, category, date, the first lines of the description. */
export function DemandCard({ demand, onClick, children }: { demand: Demand; onClick?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <article className="m-card" style={{ borderLeftColor: MOBILE_STATE_COLORS[demand.state] ?? '#8c8c8c' }} aria-label={`${demand.categoryName} #${demand.id}`}>
      <div className={onClick ? 'm-card-tap' : undefined} onClick={onClick} role={onClick ? 'link' : undefined} tabIndex={onClick ? 0 : undefined}
        onKeyDown={(e) => e.key === 'Enter' && onClick?.()}>
        <div className="m-card-head">
          <StateBadge demand={demand} />
          <span className="m-card-category">{demand.categoryName}</span>
          <span className="m-card-date">{formatDate(demand.createdAt)}</span>
        </div>
        <p className="m-card-text">{demand.description}</p>
        <div className="m-card-meta">
          {demand.address ?? demand.placeName}
          {demand.overdue && <span className="m-overdue"> · {t('demands.overdue')}</span>}
          {demand.meTooCount > 0 && <span> · {t('mobile.demands.meToo', { count: demand.meTooCount })}</span>}
        </div>
      </div>
      {children && <div className="m-card-actions">{children}</div>}
    </article>
  );
}
