/**
 * Page links of the Kolada envelope: absolute URLs to the same request with another page, or
 * null at either end.
 */
export interface PageLinks {
  next_url: string | null;
  previous_url: string | null;
}

export function pageLinks(
  base: string,
  query: Readonly<Record<string, string>>,
  page: number,
  perPage: number,
  total: number,
): PageLinks {
  const link = (p: number) => {
    const params = new URLSearchParams({ ...query, page: String(p), per_page: String(perPage) });
    return `${base}?${params.toString()}`;
  };
  return {
    next_url: page * perPage < total ? link(page + 1) : null,
    previous_url: page > 1 ? link(Math.min(page - 1, Math.max(1, Math.ceil(total / perPage)))) : null,
  };
}

export function pageOf<T>(items: readonly T[], page: number, perPage: number): T[] {
  return items.slice((page - 1) * perPage, page * perPage);
}
