import { useEffect, useState } from 'react';
import { Button, Card, DotLoading, ErrorBlock, Rate, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/property-credit-api.js';
import type { Survey } from '../../services/property-credit-api.js';

/**
 * 物业满意度测评 on the resident's phone: the company serving the household's own compound (the
 * server derives it, nobody picks it), 1–5 stars and a comment, one vote per household a quarter.
 */
export default function PropertyRatePage() {
  const { t } = useTranslation();
  const [data, setData] = useState<Survey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);

  const load = () => api.mySurvey().then((r) => { setData(r); setError(null); }, (e) => setError(errorMessage(e, t('error.unknown'))));
  useEffect(() => void load(), []);

  const send = async () => {
    setSending(true);
    try {
      await api.vote({ stars, comment });
      Toast.show({ content: t('propertyCredit.m.thanks') });
      await load();
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')), duration: 4000 });
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="m-page">
      {error && <div className="m-error" role="alert">{error}</div>}
      {!data && !error && <div className="m-center"><DotLoading color="primary" /></div>}
      {data && !data.companyName && <ErrorBlock status="empty" title={t('propertyCredit.m.noCompany')} description="" />}
      {data?.companyName && (
        <Card title={<span style={{ fontSize: 18 }}>{t('propertyCredit.m.title', { quarter: data.quarter })}</span>}>
          <div style={{ fontSize: 16, marginBottom: 4 }}>{data.compoundName}</div>
          <div style={{ fontSize: 18, fontWeight: 600, marginBottom: 12 }}>{data.companyName}</div>
          {data.vote ? (
            <div role="status" aria-label={t('propertyCredit.m.voted')}>
              <Rate readOnly value={data.vote.stars} style={{ '--star-size': '32px' }} />
              <div style={{ fontSize: 16, marginTop: 8 }}>{data.vote.mine ? t('propertyCredit.m.votedMine') : t('propertyCredit.m.votedHousehold')}</div>
              {data.vote.comment && <div style={{ fontSize: 15, color: '#666', marginTop: 4 }}>{data.vote.comment}</div>}
            </div>
          ) : (
            <>
              <div style={{ fontSize: 15, color: '#666', marginBottom: 8 }}>{t('propertyCredit.m.hint')}</div>
              <div aria-label={t('propertyCredit.m.stars')} role="group">
                <Rate value={stars} onChange={setStars} style={{ '--star-size': '36px' }} />
              </div>
              <TextArea value={comment} onChange={setComment} rows={3} maxLength={200} showCount placeholder={t('propertyCredit.m.commentPlaceholder')}
                aria-label={t('propertyCredit.m.comment')} style={{ marginTop: 12 }} />
              <Button block color="primary" size="large" style={{ marginTop: 12 }} loading={sending} disabled={stars < 1} onClick={() => void send()}>
                {t('propertyCredit.m.submit')}
              </Button>
            </>
          )}
        </Card>
      )}
    </div>
  );
}
