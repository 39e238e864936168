import assert from 'node:assert/strict';
import JSZip from 'jszip';

/**
 * Asserts that an XLSX file carries a default cell style as openpyxl expects it: a named style
 * "Normal" (builtinId 0) in cellStyles over cellStyleXfs[0], and cell formats (cellXfs) whose
 * first one is that style. Without cellStyles openpyxl warns "Workbook contains no default style".
 */
export async function assertDefaultCellStyle(bytes: Uint8Array): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  const styles = await zip.file('xl/styles.xml')?.async('string');
  assert.ok(styles, 'xl/styles.xml is present');
  assert.match(styles, /<cellStyleXfs count="[1-9]\d*">\s*<xf [^>]*\/>/, 'a cell style format');
  assert.match(styles, /<cellXfs count="[1-9]\d*">\s*<xf [^>]*xfId="0"/, 'cell formats based on it');
  assert.match(
    styles,
    /<cellStyles count="[1-9]\d*">\s*<cellStyle (?=[^>]*name="Normal")(?=[^>]*xfId="0")(?=[^>]*builtinId="0")[^>]*\/>/,
    'the default named style "Normal"',
  );
}
