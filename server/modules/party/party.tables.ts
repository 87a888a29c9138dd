/** Tables of party-tree upkeep added after the foundation (transfers, …); DB extends this. */
export interface PartyTables {}
