/** Tables added to the points module after its first migrations; DB extends this. */
export interface PointsTables {}
