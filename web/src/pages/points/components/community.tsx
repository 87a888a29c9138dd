import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../../components/auth-provider.js';
import { OrgSearchSelect } from '../../../components/org-search-select.js';
import { readInt } from '../../../components/use-paged.js';
import { ownCommunityId } from './own-community.js';

/** The community a points page shows: the account's own, or the one picked (kept in the URL). */
export function useCommunity(): { communityId: number | undefined; fixed: boolean; setCommunityId: (id: number | undefined) => void } {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const own = ownCommunityId(me);
  const picked = readInt(params, 'communityId', 0) || undefined;
  const setCommunityId = (id: number | undefined) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (id) n.set('communityId', String(id));
      else n.delete('communityId');
      n.delete('page');
      return n;
    });
  return { communityId: own ?? picked, fixed: own !== undefined, setCommunityId };
}

/** Shows the account's own community, or a search box for staff above community level. */
export function CommunityPicker({ value, fixed, onChange }: { value: number | undefined; fixed: boolean; onChange: (id: number | undefined) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  if (fixed) {
    return <Typography.Text strong data-testid="points-community">{me.scope.kind === 'community' ? me.scope.name : t('points.community.own')}</Typography.Text>;
  }
  return (
    <OrgSearchSelect
      kind="community"
      aria-label={t('points.community.label')}
      placeholder={t('points.community.placeholder')}
      style={{ width: 260 }}
      value={value}
      onChange={(id) => onChange(id)}
    />
  );
}
