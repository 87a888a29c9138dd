/**
 * 物业信用评价's pure rules: the sources an indicator can draw on, the scheme's checks (weights sum
 * to 100, the party organisations carry at least half), quarters in China time, each indicator's
 * 0–100 score from its raw figure, a compound's weighted score and the 红黑榜 rule. The scoring
 * service gathers the raw figures in SQL and applies these; the unit test works them by hand.
 */

export const CREDIT_SOURCES = [
  'street_rating', 'community_rating', 'compound_rating', 'satisfaction_survey',
  'property_demands_per_1000', 'resolution_rate', 'satisfaction_rate', 'overdue_count', 'meeting_attendance',
] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number];

/** 街道、社区、小区党支部: together they must carry at least PARTY_SHARE_MIN of the weight. */
export const PARTY_SOURCES: readonly CreditSource[] = ['street_rating', 'community_rating', 'compound_rating'];
export const PARTY_SHARE_MIN = 50;

export interface IndicatorInput { name: string; source: CreditSource; weight: number }

/** Why a scheme is refused, in Chinese, or null when it may be saved. */
export function schemeProblem(indicators: readonly IndicatorInput[], rule: { redTopN?: number | null; redThreshold?: number | null; blackThreshold: number }): string | null {
  if (indicators.length === 0) return '评价方案至少要有一项指标';
  const seen = new Set<CreditSource>();
  for (const i of indicators) {
    if (seen.has(i.source)) return `指标来源“${i.source}”重复，每个来源只能用一次`;
    seen.add(i.source);
  }
  const total = round2(indicators.reduce((s, i) => s + i.weight, 0));
  if (total !== 100) return `指标权重合计应为100，现在是${total}`;
  const party = round2(indicators.filter((i) => PARTY_SOURCES.includes(i.source)).reduce((s, i) => s + i.weight, 0));
  if (party < PARTY_SHARE_MIN) return `街道、社区、小区党组织评价权重合计须不低于${PARTY_SHARE_MIN}%，现在是${party}%`;
  if (rule.redTopN == null && rule.redThreshold == null) return '红榜规则须给出前N名或红榜分数线';
  if (rule.redThreshold != null && rule.redThreshold <= rule.blackThreshold) return '红榜分数线应高于黑榜分数线';
  return null;
}

// ---- quarters (China time) ----

/** 'YYYY-Qn' of a China day 'YYYY-MM-DD'. */
export function quarterOfDay(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

export const QUARTER_RE = /^\d{4}-Q[1-4]$/;

/** The quarter's months 'YYYY-MM' and its bounds as instants (China midnight of its first day and of the next quarter's). */
export function quarterSpan(quarter: string) {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const first = (q - 1) * 3 + 1;
  const months = [0, 1, 2].map((k) => `${year}-${String(first + k).padStart(2, '0')}`);
  const next = q === 4 ? `${year + 1}-01` : `${year}-${String(first + 3).padStart(2, '0')}`;
  return { months, from: new Date(`${months[0]}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

// ---- indicator scores ----

/** A compound's raw figures for a quarter, as the scoring query gathers them. */
export interface CompoundFigures {
  households: number;
  ratings: Partial<Record<'street' | 'community' | 'compound', number>>;
  /** Survey votes: count and sum of stars (1–5). */
  votes: number;
  starSum: number;
  /** Property-category demands reported in the quarter (merged duplicates not counted). */
  demands: number;
  resolved: number;
  rated: number;
  /** Rated 满意 or 基本满意. */
  ratedSatisfied: number;
  overdue: number;
  /** Months of the quarter with a held three-party meeting the company attended (0–3). */
  meetingsAttended: number;
}

/** Per 1,000 households, each demand costs this many points: 50 demands per 1,000 households in a quarter score 0. */
export const DEMANDS_PER_1000_PENALTY = 2;
/** Each overdue demand costs this many points: five overdue score 0. */
export const OVERDUE_PENALTY = 20;

export interface IndicatorScore { source: CreditSource; weight: number; value: number | null; score: number | null }

const clamp = (x: number) => Math.max(0, Math.min(100, x));
export const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * An indicator's raw value and 0–100 score; null when the quarter gave nothing to judge by (no
 * rating entered, nobody voted, no demand rated, no households counted).
 * - ratings: the score as given;
 * - satisfaction_survey: mean stars s → (s − 1) / 4 × 100;
 * - property_demands_per_1000: r = demands × 1000 / households → max(0, 100 − 2r) (lower is better);
 * - resolution_rate: resolved / demands × 100 (no demands: 100);
 * - satisfaction_rate: (满意 + 基本满意) / rated × 100;
 * - overdue_count: max(0, 100 − 20 × overdue);
 * - meeting_attendance: months attended / 3 × 100.
 */
export function indicatorScore(source: CreditSource, f: CompoundFigures): { value: number | null; score: number | null } {
  switch (source) {
    case 'street_rating': case 'community_rating': case 'compound_rating': {
      const v = f.ratings[source.replace('_rating', '') as 'street' | 'community' | 'compound'];
      return v == null ? { value: null, score: null } : { value: v, score: clamp(v) };
    }
    case 'satisfaction_survey': {
      if (f.votes === 0) return { value: null, score: null };
      const mean = f.starSum / f.votes;
      return { value: round2(mean), score: round2(clamp(((mean - 1) / 4) * 100)) };
    }
    case 'property_demands_per_1000': {
      if (f.households <= 0) return { value: null, score: null };
      const rate = (f.demands * 1000) / f.households;
      return { value: round2(rate), score: round2(clamp(100 - DEMANDS_PER_1000_PENALTY * rate)) };
    }
    case 'resolution_rate': {
      const rate = f.demands === 0 ? 100 : (f.resolved / f.demands) * 100;
      return { value: round2(rate), score: round2(rate) };
    }
    case 'satisfaction_rate': {
      if (f.rated === 0) return { value: null, score: null };
      const rate = (f.ratedSatisfied / f.rated) * 100;
      return { value: round2(rate), score: round2(rate) };
    }
    case 'overdue_count':
      return { value: f.overdue, score: clamp(100 - OVERDUE_PENALTY * f.overdue) };
    case 'meeting_attendance': {
      const rate = (Math.min(3, f.meetingsAttended) / 3) * 100;
      return { value: f.meetingsAttended, score: round2(rate) };
    }
  }
}

/**
 * A compound's score: Σ weight × score / Σ weight over the indicators that have a score, so a
 * missing rating neither counts as 0 nor as full marks — its weight is shared among the others.
 * No indicator with a score at all: 0.
 */
export function compoundScore(indicators: readonly { source: CreditSource; weight: number }[], f: CompoundFigures) {
  const parts: IndicatorScore[] = indicators.map((i) => ({ source: i.source, weight: i.weight, ...indicatorScore(i.source, f) }));
  const judged = parts.filter((p) => p.score != null);
  const w = judged.reduce((s, p) => s + p.weight, 0);
  const score = w === 0 ? 0 : round2(judged.reduce((s, p) => s + p.weight * p.score!, 0) / w);
  return { score, parts };
}

/** A company's score: the mean of its compounds' scores weighted by households (a compound with none counts as one). */
export function companyScore(compounds: readonly { score: number; households: number }[]) {
  const w = compounds.reduce((s, c) => s + Math.max(1, c.households), 0);
  return w === 0 ? 0 : round2(compounds.reduce((s, c) => s + c.score * Math.max(1, c.households), 0) / w);
}

/**
 * 红黑榜: black when below the black threshold or with a serious incident in the quarter (black
 * wins over red); red when ranked within the top N or at/above the red threshold.
 */
export function listOf(rank: number, score: number, incident: boolean, rule: { redTopN: number | null; redThreshold: number | null; blackThreshold: number }): 'red' | 'black' | null {
  if (incident || score < rule.blackThreshold) return 'black';
  if ((rule.redTopN != null && rank <= rule.redTopN) || (rule.redThreshold != null && score >= rule.redThreshold)) return 'red';
  return null;
}
