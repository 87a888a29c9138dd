import { useState } from 'react';
import { Alert, App, Button, Form, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/cobuild-projects-api.js';
import type { Resource } from '../../services/cobuild-projects-api.js';
import { ProjectTable } from './projects.js';
import { ResourceFields, ResourceTable, resourceInput, type ResourceValues } from './resources.js';

/** A work unit's admin's own co-building: the board to take projects up from, its projects, its resources. */
export default function CobuildUnitPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const tab = params.get('tab') ?? 'board';
  const page = readInt(params, 'page', 1);
  const unit = useLoad('my-unit', () => api.getMyUnit(), t('error.unknown'));
  return (
    <div>
      <PageHeader
        title={t('nav.cobuildUnit')}
        description={unit.data ? t('cobuildProjects.unit.description', { name: unit.data.name, area: unit.data.areaName }) : undefined}
      />
      {unit.error && <Alert type="error" showIcon title={unit.error} className="page-alert" />}
      {unit.data && (
        <Tabs activeKey={tab} onChange={(k) => update({ tab: k === 'board' ? undefined : k, page: undefined })}
          items={[
            { key: 'board', label: t('cobuildProjects.unit.board'), children: <Board page={page} onPage={(p) => update({ page: p })} /> },
            { key: 'mine', label: t('cobuildProjects.unit.mine'), children: <Mine page={page} onPage={(p) => update({ page: p })} /> },
            { key: 'resources', label: t('cobuildProjects.unit.resources'), children: <Resources page={page} onPage={(p) => update({ page: p })} /> },
          ]}
        />
      )}
    </div>
  );
}

function Board({ page, onPage }: { page: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = usePaged(`board|${page}`, () => api.listBoard({ page, pageSize: 20 }), t('error.unknown'));
  return <>{error && <Alert type="error" showIcon title={error} className="page-alert" />}<ProjectTable data={data} loading={loading} page={page} onPage={onPage} /></>;
}

function Mine({ page, onPage }: { page: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = usePaged(`mine|${page}`, () => api.listProjects({ page, pageSize: 20 }), t('error.unknown'));
  return <>{error && <Alert type="error" showIcon title={error} className="page-alert" />}<ProjectTable data={data} loading={loading} page={page} onPage={onPage} /></>;
}

function Resources({ page, onPage }: { page: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ResourceValues>();
  const { data, loading, error, reload } = usePaged(`resources|${page}`, () => api.listResources({ page, pageSize: 20 }), t('error.unknown'));
  const withdraw = async (r: Resource) => {
    try {
      await api.withdrawUnitResource(r.id);
      reload();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} className="page-alert">{t('cobuildProjects.resources.add')}</Button>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <ResourceTable data={data} loading={loading} page={page} onPage={onPage} onWithdraw={withdraw} showUnit={false} />
      <FormModal<ResourceValues> open={open} title={t('cobuildProjects.resources.add')} form={form} onClose={() => setOpen(false)}
        onSubmit={async (v) => { await api.createUnitResource(resourceInput(v)); reload(); }}>
        <ResourceFields withUnit={false} />
      </FormModal>
    </>
  );
}
