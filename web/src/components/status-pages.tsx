import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from './auth-provider.js';

export function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('status.forbiddenTitle')}
      subTitle={t('status.forbidden')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('status.backHome')}</Button>}
    />
  );
}

/** Accounts with no console module (party members, residents) use the phone pages instead. */
export function NoConsoleAccess() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  return (
    <Result
      status="info"
      title={t('status.noConsoleTitle')}
      subTitle={t('status.noConsole')}
      extra={<Button onClick={() => void signOut()}>{t('header.logout')}</Button>}
    />
  );
}
