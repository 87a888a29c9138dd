/** Tables added to the grid-task module after its first migration; DB extends this. */
export interface GridTasksTables {}
