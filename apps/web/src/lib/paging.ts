/** Pure: how many pages `total` rows fill (at least one, so "Page 1 of 1" on an empty list). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Pure: the page count of a paginated answer; 1 until one came. */
export function pagesOf(answer: { total: number; pageSize: number } | undefined): number {
  return answer ? pageCount(answer.total, answer.pageSize) : 1;
}
