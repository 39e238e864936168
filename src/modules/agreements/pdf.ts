import PDFDocument from 'pdfkit';
import type { FollowUpAnswer } from '../../contracts/agreements.js';

/**
 * The follow-up as a printable PDF report (pdfkit, its built-in Helvetica: Latin-1 covers
 * å, ä, ö). Same content as the follow-up page: released values only.
 */
const STANDING_SV = {
  met: 'uppfyllt',
  close: 'nära',
  far: 'långt ifrån',
  unknown: 'uppgift saknas',
} as const;
const pct = (p: number | null) => (p === null ? '..' : p.toFixed(1).replace('.', ','));

export function followUpPdf(f: FollowUpAnswer, madeOn: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Uppföljning ${f.year}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(18).text(`Uppföljning av överenskommelsen ${f.year}`);
  doc
    .fontSize(10)
    .text(
      `${f.regionCode ? `Region ${f.regionCode}` : 'Riket'} · version ${f.version ?? '–'} · publicering ${
        f.releaseVersion ?? '–'
      } · utskriven ${madeOn}`,
    );
  doc.text('Bygger enbart på publicerade värden; värden som skyddas i publiceringen visas som "..".');
  if (f.version === null) doc.moveDown().text('Ingen överenskommelse finns för året.');
  for (const g of f.goals) {
    doc.moveDown().fontSize(14).text(g.title);
    for (const m of g.measures) {
      doc
        .moveDown(0.5)
        .fontSize(11)
        .text(`${m.indicatorId}, uppfyllt vid minst ${pct(m.metAtPercent)} %`);
      doc.fontSize(9);
      for (const s of m.series) doc.text(`${s.period}: ${pct(s.ratePercent)} %`);
      const counts = { met: 0, close: 0, far: 0, unknown: 0 };
      for (const x of m.municipalities) counts[x.standing]++;
      doc.text(
        `Kommuner: ${counts.met} uppfyllt, ${counts.close} nära, ${counts.far} långt ifrån, ${counts.unknown} uppgift saknas.`,
      );
      for (const x of m.municipalities)
        doc.text(`${x.name} (${x.code}): ${pct(x.ratePercent)} % — ${STANDING_SV[x.standing]}`);
    }
  }
  doc.moveDown().fontSize(8).text('Källa: Kunskapsnav, publicerade indikatorvärden.');
  doc.end();
  return done;
}
