import { useEffect, useRef, useState } from 'react';
import { Select, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import * as api from '../services/api.js';
import type { OrgKind, OrgSearchHit } from '../services/types.js';
import { orgKindLabel } from './labels.js';

interface Props {
  value?: number;
  onChange?: (id: number | undefined, hit?: OrgSearchHit) => void;
  /** Only units of this kind (e.g. a new parent must be one level up). */
  kind?: OrgKind;
  /** Units that may not be picked (the unit itself when merging). */
  excludeIds?: number[];
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Finds an org unit by name or code anywhere in the account's scope. */
export function OrgSearchSelect({ value, onChange, kind, excludeIds = [], placeholder, id, style, ...rest }: Props) {
  const { t } = useTranslation();
  const [hits, setHits] = useState<OrgSearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState('');
  // Keeps the picked unit's label when a later search no longer returns it.
  const [picked, setPicked] = useState<OrgSearchHit | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);

  useEffect(() => () => clearTimeout(timer.current), []);

  // A value given from outside (the URL, a row picked elsewhere) shows its name, never its bare id.
  useEffect(() => {
    if (!value || picked?.id === value) return;
    let live = true;
    api.getOrgUnit(value).then(
      (u) => live && setPicked({ ...u, pathNames: [...u.ancestors.map((x) => x.name), u.name].join(' / ') }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [value, picked?.id]);

  const search = (q: string) => {
    setQuery(q);
    clearTimeout(timer.current);
    if (!q.trim()) {
      setHits([]);
      return;
    }
    // Wait for a pause in typing before asking the server.
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      api
        .searchOrgUnits(q.trim(), kind)
        .then((r) => mine === seq.current && setHits(r.items.filter((h) => !excludeIds.includes(h.id) && !h.dissolvedAt)))
        .catch(() => mine === seq.current && setHits([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 300);
  };

  return (
    <Select<number>
      id={id}
      aria-label={rest['aria-label']}
      style={style}
      value={value}
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      placeholder={placeholder ?? t('orgPicker.searchPlaceholder')}
      onChange={(v) => {
        const hit = hits.find((h) => h.id === v);
        setPicked(hit);
        onChange?.(v ?? undefined, hit);
      }}
      notFoundContent={loading ? <Spin size="small" /> : query ? t('orgPicker.noMatch') : t('orgPicker.typeToSearch')}
      options={[...(picked && !hits.some((h) => h.id === picked.id) ? [picked] : []), ...hits].map((h) => ({
        value: h.id,
        label: h.name,
        title: h.pathNames,
        display: (
          <div className="org-hit">
            <div>
              {h.name} <Tag className="tree-kind-tag">{orgKindLabel(t, h.kind)}</Tag>
              <Typography.Text type="secondary" className="org-hit-code">{h.code}</Typography.Text>
            </div>
            <Typography.Text type="secondary" ellipsis className="org-hit-path">{h.pathNames}</Typography.Text>
          </div>
        ),
      }))}
      optionRender={(o) => (o.data as { display: React.ReactNode }).display}
    />
  );
}
