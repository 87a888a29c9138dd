/** Tables added to the leaders module after its first migration; DB extends this. */
export interface LeadersTables {}
