import { BankOutlined, CheckSquareOutlined, CommentOutlined, FlagOutlined, GiftOutlined, HeartOutlined, RightOutlined, StarOutlined, TeamOutlined, ToolOutlined } from '@ant-design/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import type { Me } from '../../services/types.js';
import { myCommittee } from '../../services/selfrun-steps-api.js';

export interface ServeEntry {
  path: string;
  /** Key under `mobile.serve.` (title and hint). */
  label: 'report' | 'volunteer' | 'wishes' | 'proposal' | 'repairs' | 'rate' | 'selfrun' | 'ownerVote' | 'selfrunAccount' | 'venues';
  icon: ReactNode;
}

const ENTRIES: (ServeEntry & { permission: string })[] = [
  { path: '/m/cobuild-report', label: 'report', icon: <FlagOutlined />, permission: 'cobuild.report' },
  { path: '/m/volunteer', label: 'volunteer', icon: <HeartOutlined />, permission: 'volunteers.self' },
  { path: '/m/wishes', label: 'wishes', icon: <GiftOutlined />, permission: 'wishes.claim' },
  { path: '/m/property/proposals', label: 'proposal', icon: <CommentOutlined />, permission: 'property.resident' },
  { path: '/m/property/repairs', label: 'repairs', icon: <ToolOutlined />, permission: 'property.resident' },
  { path: '/m/property/rate', label: 'rate', icon: <StarOutlined />, permission: 'property.resident' },
  { path: '/m/owner-vote', label: 'ownerVote', icon: <CheckSquareOutlined />, permission: 'selfrun.owner' },
  { path: '/m/selfrun/account', label: 'selfrunAccount', icon: <StarOutlined />, permission: 'selfrun.owner' },
  { path: '/m/venues', label: 'venues', icon: <BankOutlined />, permission: 'venues.visitor' },
];

/** What a resident or party member may do for others (报到, 志愿服务, 微心愿): one tab holds them all, so the tab bar stays short. */
export const serveEntries = (me: Pick<Me, 'permissions'>): ServeEntry[] => ENTRIES.filter((e) => me.permissions.includes(e.permission));

/** 我要服务: big tiles, one per way of serving, each with a line saying what it is for. */
export default function ServePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  // 业委会/物管会: the tile shows only when the server says this account sits on a committee.
  const [member, setMember] = useState(false);
  useEffect(() => {
    if (me.permissions.includes('selfrun.committee')) myCommittee().then((r) => setMember(r.member), () => setMember(false));
  }, [me.permissions]);
  const entries: ServeEntry[] = [...serveEntries(me), ...(member ? [{ path: '/m/selfrun', label: 'selfrun' as const, icon: <TeamOutlined /> }] : [])];
  return (
    <div className="m-serve">
      {entries.map((e) => (
        <button key={e.path} type="button" className="m-serve-tile" onClick={() => navigate(e.path)}>
          <span className="m-serve-icon" aria-hidden>{e.icon}</span>
          <span className="m-serve-text">
            <span className="m-serve-title">{t(`mobile.serve.${e.label}`)}</span>
            <span className="m-serve-hint">{t(`mobile.serve.${e.label}Hint`)}</span>
          </span>
          <RightOutlined aria-hidden />
        </button>
      ))}
    </div>
  );
}
