import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatCode } from '../../domain/surveys/codes.js';
import { csvLine } from '../audit/csv.js';

/**
 * The answering address of a code. The code travels in the fragment (#), which browsers never
 * send to a server, so no access log or proxy ever records a code beside a time and an address.
 */
export function answerUrl(baseUrl: string, roundId: string, code: string): string {
  return `${baseUrl.replace(/\/$/, '')}/svar/${roundId}#kod=${code}`;
}

/** One line per code for mail merge; recipients are added by whoever sends the letters, never here. */
export function codesCsv(baseUrl: string, roundId: string, codes: readonly string[]): string {
  return `\uFEFF${csvLine(['kod', 'adress'])}${codes.map((c) => csvLine([formatCode(c), answerUrl(baseUrl, roundId, c)])).join('')}`;
}

/** A printable letter per code: the survey's title, the code, the address and a QR code to it. */
export async function lettersPdf(
  baseUrl: string,
  roundId: string,
  title: string,
  codes: readonly string[],
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const [i, code] of codes.entries()) {
    if (i > 0) doc.addPage();
    const url = answerUrl(baseUrl, roundId, code);
    const qr = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 200 });
    doc.fontSize(18).text(title);
    doc
      .moveDown()
      .fontSize(12)
      .text(
        'Du är inbjuden att svara på en enkät om stödet du får. Dina svar kan inte kopplas till dig: ' +
          'koden nedan går inte att spåra till ditt namn, och den kan användas en gång.',
      );
    doc.moveDown().text('Skanna QR-koden med mobilen, eller gå till adressen och skriv koden:');
    doc.moveDown().image(qr, { width: 160 });
    doc
      .moveDown()
      .fontSize(11)
      .text(`${baseUrl.replace(/\/$/, '')}/svar/${roundId}`);
    doc.moveDown().fontSize(22).font('Courier-Bold').text(formatCode(code)).font('Helvetica');
    doc
      .moveDown()
      .fontSize(10)
      .text(
        'English: scan the QR code or visit the address and type the code. Your answers cannot be traced to you.',
      );
  }
  doc.end();
  return done;
}
