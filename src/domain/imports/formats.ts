/** The file formats an import reads (the server's readers, the web's import page). */
export const IMPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
