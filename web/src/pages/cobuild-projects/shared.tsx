import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  COBUILD_CATEGORIES, type CobuildCategory, type NeedStatus, type ProjectStatus,
} from '../../services/cobuild-projects-api.js';

const PROJECT_COLOURS: Record<ProjectStatus, string> = {
  published: 'blue', in_progress: 'processing', submitted: 'orange', returned: 'red', accepted: 'green', withdrawn: 'default',
};
const NEED_COLOURS: Record<NeedStatus, string> = { open: 'blue', matched: 'processing', met: 'green', closed: 'default' };

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return <Tag color={PROJECT_COLOURS[status]}>{t(`cobuildProjects.status.${status}`)}</Tag>;
}

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return <Tag color={NEED_COLOURS[status]}>{t(`cobuildProjects.needStatus.${status}`)}</Tag>;
}

export function useCategoryOptions() {
  const { t } = useTranslation();
  return COBUILD_CATEGORIES.map((c) => ({ value: c, label: t(`cobuildProjects.category.${c}`) }));
}

export function CategorySelect(props: { value?: CobuildCategory; onChange?: (v: CobuildCategory | undefined) => void; allowClear?: boolean; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  const options = useCategoryOptions();
  return <Select aria-label={t('cobuildProjects.field.category')} placeholder={t('cobuildProjects.field.category')} options={options} {...props} />;
}

/** A [start, end] pair from a RangePicker, as the API's days. */
export const days = (range: [{ format: (f: string) => string }, { format: (f: string) => string }]) =>
  ({ startsOn: range[0].format('YYYY-MM-DD'), endsOn: range[1].format('YYYY-MM-DD') });
