/** A demand raised on a leader's visit: the visit's problems found (and, once resolved, solved). */
export interface LeaderVisitDemandTable {
  visit_id: number;
  demand_id: number;
}

/** Tables added to the leaders module after its first migration; DB extends this. */
export interface LeadersTables {
  leader_visit_demand: LeaderVisitDemandTable;
}
