import { hoursText, type OpenDataset } from '../../platform/open-datasets.js';
import { fromRow } from './service-points.hours.js';

const KIND_ZH: Record<string, string> = { driver_home: '司机之家', warm_station: '暖"新"驿站', party_centre: '党群服务中心', union_station: '工会驿站', caring_merchant: '爱心商户' };
const SERVICE_ZH: Record<string, string> = { water: '饮水', charging: '充电', rest: '休息', toilet: '如厕', microwave: '热饭', wifi: '无线网', first_aid: '药箱', repair: '维修' };

/** Service points open to couriers, riders and drivers as open data: places only, never the workers. */
export const SERVICE_POINTS_DATASET: OpenDataset = {
  name: 'service_points',
  module: 'newgroups',
  title: { zh: '新就业群体服务站点', en: 'Service points for new employment groups' },
  description: '向快递员、外卖骑手、网约车和货车司机开放的服务站点（司机之家、暖"新"驿站、党群服务中心、工会驿站、爱心商户）：名称、类型、地址、位置、开放时间和服务；已撤销的站点不列',
  fields: [
    { name: 'name', description: '站点名称' },
    { name: 'kind', description: '类型代码：driver_home、warm_station、party_centre、union_station、caring_merchant' },
    { name: 'kind_zh', description: '类型（中文）' },
    { name: 'address', description: '地址' },
    { name: 'lat', description: '纬度（WGS-84）' },
    { name: 'lng', description: '经度（WGS-84）' },
    { name: 'opening_hours', description: '开放时间（北京时间，按星期）' },
    { name: 'services', description: '提供的服务（以“、”分隔）' },
  ],
  async rows(db, countyCode) {
    const points = await db.selectFrom('gig_service_point').select(['id', 'name', 'kind', 'address', 'lat', 'lng', 'services'])
      .where('county_code', '=', countyCode).where('closed_at', 'is', null).orderBy('org_path').orderBy('id').execute();
    const hours = points.length
      ? await db.selectFrom('gig_service_point_hours').select(['point_id', 'weekday', 'open_min', 'close_min'])
        .where('point_id', 'in', points.map((p) => p.id)).execute()
      : [];
    return points.map((p) => ({
      name: p.name, kind: p.kind, kind_zh: KIND_ZH[p.kind] ?? p.kind, address: p.address, lat: p.lat, lng: p.lng,
      opening_hours: hoursText(hours.filter((h) => h.point_id === p.id).map(fromRow)),
      services: p.services.map((s) => SERVICE_ZH[s] ?? s).join('、'),
    }));
  },
};
