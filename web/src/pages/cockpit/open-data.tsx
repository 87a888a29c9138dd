import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth, useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { getCatalogue, getOpenData, openDataFiles, setOpenData } from '../../services/stats-api.js';

/**
 * 开放数据: a county chooses which aggregate indicators it publishes; the files (CSV, JSON and a
 * data dictionary) are refreshed from each month's snapshot at stable addresses.
 */
export default function OpenDataPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const countyId = Number(params.get('countyId')) || (me.scope.kind === 'county' ? me.scope.orgId : 0);
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const catalogue = useLoad('catalogue', getCatalogue, t('error.unknown'));
  const choice = useLoad(countyId ? `${countyId}` : null, () => getOpenData(countyId), t('error.unknown'));
  const [picked, setPicked] = useState<string[]>([]);
  const [pickedSets, setPickedSets] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setPicked(choice.data?.chosen.map((c) => c.key) ?? []);
    setPickedSets(choice.data?.datasets.filter((d) => d.publishedAt).map((d) => d.name) ?? []);
  }, [choice.data]);
  const names = useMemo(() => new Map((catalogue.data?.items ?? []).map((i) => [i.key, i])), [catalogue.data]);
  const mayPublish = can('stats.publish');
  const files = choice.data ? openDataFiles(choice.data.county.code) : null;

  const save = async () => {
    setSaving(true);
    try {
      const r = await setOpenData(countyId, picked, pickedSets);
      message.success(t('openData.saved', { added: r.added, withdrawn: r.withdrawn }));
      choice.reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('openData.title')} description={t('openData.description')} />
      {me.scope.kind !== 'county' && (
        <Space style={{ marginBottom: 12 }}>
          <Typography.Text>{t('openData.county')}</Typography.Text>
          <OrgTreeSelect value={countyId || undefined} onChange={(id) => setParams(id ? { countyId: String(id) } : {})} style={{ width: 260 }} />
        </Space>
      )}
      {!countyId && <Alert type="info" showIcon message={t('openData.pickCounty')} />}
      {choice.error && <Alert type="error" showIcon message={choice.error} />}
      <Spin spinning={choice.loading || catalogue.loading}>
        {choice.data && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('openData.choose', { county: choice.data.county.name })}>
              <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} disabled={!mayPublish} style={{ width: '100%' }}>
                <Space direction="vertical">
                  {choice.data.choosable.map((k) => (
                    <Checkbox key={k} value={k}>
                      {names.get(k)?.name[lang] ?? k} <Typography.Text type="secondary">{names.get(k)?.definition[lang]}</Typography.Text>
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('openData.datasets', { county: choice.data.county.name })}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('openData.datasetsHow')}</Typography.Paragraph>
              <Checkbox.Group value={pickedSets} onChange={(v) => setPickedSets(v as string[])} disabled={!mayPublish} style={{ width: '100%' }}>
                <Space direction="vertical">
                  {choice.data.datasets.map((d) => (
                    <Checkbox key={d.name} value={d.name}>
                      {d.title[lang]} <Typography.Text type="secondary">{d.description}</Typography.Text>
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
              {mayPublish && <div style={{ marginTop: 12 }}><Button type="primary" loading={saving} onClick={save}>{t('openData.save')}</Button></div>}
            </Card>
            <Card size="small" title={t('openData.files')}>
              {files && (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="CSV"><a href={files.csv}>{files.csv}</a></Descriptions.Item>
                  <Descriptions.Item label="JSON"><a href={files.json}>{files.json}</a></Descriptions.Item>
                  <Descriptions.Item label={t('openData.dictionary')}><a href={files.dictionary}>{files.dictionary}</a></Descriptions.Item>
                  {choice.data.datasets.filter((d) => d.publishedAt).map((d) => (
                    <Descriptions.Item key={d.name} label={d.title[lang]}><a href={d.urls.csv}>{d.urls.csv}</a> · <a href={d.urls.json}>JSON</a></Descriptions.Item>
                  ))}
                </Descriptions>
              )}
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('openData.refresh')}</Typography.Paragraph>
            </Card>
          </Space>
        )}
      </Spin>
    </>
  );
}
